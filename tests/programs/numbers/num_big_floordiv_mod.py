# Floor division and modulo of big ints with every sign combination.
def show(a, b):
    print(a, b, '//', a // b, '%', a % b)
    print(' ', -a, b, '//', -a // b, '%', -a % b)
    print(' ', a, -b, '//', a // -b, '%', a % -b)
    print(' ', -a, -b, '//', -a // -b, '%', -a % -b)

show(2 ** 100, 3)
show(2 ** 100, 2 ** 50)
show(2 ** 100 + 1, 2 ** 50)
show(10 ** 40, 7 ** 20)
show(3 ** 200, 10 ** 30 + 7)
show(5, 2 ** 100)
show(2 ** 100, 2 ** 100)
show(2 ** 100 - 1, 2 ** 100)
show(12345678901234567890123, 1000000007)
show(10 ** 50, 10 ** 25)
print('zero', 0 // 2 ** 100, 0 % 2 ** 100, 0 // -(2 ** 100), 0 % -(2 ** 100))
