# ValueError: parsing a decimal string of more than 4300 digits.
print(int('1' * 4300) % 10)
print(int('1' * 5000))
