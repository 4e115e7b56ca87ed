# leading comment

x = 1  # trailing comment
# print('not printed')

    # indented comment line is fine

if x == 1:
    # comment inside block
    print('one')  # another


# trailing comments at the end
