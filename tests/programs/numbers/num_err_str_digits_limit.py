# ValueError: converting an int of more than 4300 digits to text.
x = 10 ** 5000
print(x % 1000, x // 10 ** 4999)
print(x)
