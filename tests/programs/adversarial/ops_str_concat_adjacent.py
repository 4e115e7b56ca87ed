x = 'abc' "def" \
    """ghi"""
print(x)
y = ('a'
     'b')
print(y)
x
