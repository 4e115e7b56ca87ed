# Recursive and iterative Fibonacci, printed side by side.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_iter(n):
    a = 0
    b = 1
    for _ in range(n):
        t = a + b
        a = b
        b = t
    return a


for n in range(0, 25, 4):
    print(n, fib(n), fib_iter(n), sep='\t')
fib(20) == fib_iter(20)
