a = 'abc'
b = "ab" + 'c'
print(a == b, a is not None, a < 'abd', 'Z' < 'a', '' < 'a', 'abc' < 'ab')
print('ab' * 3, 3 * 'ab', 'x' * 0, 'x' * -2, '' * 5)
print('' in 'abc', 'bc' in 'abc', 'cb' in 'abc', 'a' in '')
print('a' + 'b' * 2 + 'c')
print('é' > 'z', '\U0001F600' > '\uffff')
print('abc' != 'abd', 'a' <= 'a', 'b' >= 'c')
print(True * 'ab', 'ab' * False)
'ab' * 2 + 'c'
