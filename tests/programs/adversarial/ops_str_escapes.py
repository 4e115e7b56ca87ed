print('a\tb\\c\'d\"e')
print("\x41\x7a\x00end")
print('\u00e9\u20ac\U0001F600')
print('\101\60\1010', '\7' == '\x07', '\0' == '\x00', '\400' == '\u0100')
print('\a\b\f\v\r' == '\x07\x08\x0c\x0b\x0d')
print('line1\
line2')
print('\q\w')
'\x00\x1f\x7f\x80\xff\u2028\U0001F600\t\n\r\\'
