def bubble(xs):
    n = len(xs)
    i = 0
    while i < n:
        j = 0
        while j < n - 1 - i:
            if xs[j] > xs[j + 1]:
                tmp = xs[j]
                xs[j] = xs[j + 1]
                xs[j + 1] = tmp
            j += 1
        i += 1
    return xs
data = [5, -2, 9, 0, 3, 3, 2 ** 70, -1.5]
print(bubble(data), data)
def primes(limit):
    sieve = [True] * (limit + 1)
    sieve[0] = False
    sieve[1] = False
    out = []
    for i in range(2, limit + 1):
        if sieve[i]:
            out.append(i)
            for k in range(i * i, limit + 1, i):
                sieve[k] = False
    return out
print(primes(60), len(primes(1000)))
words = 'the quick brown fox jumps over the lazy dog the end'.split()
counts = []
seen = []
for w in words:
    if w in seen:
        pass
    else:
        seen.append(w)
        counts.append(words.count(w))
print(seen, counts)
matrix = [[1, 2, 3], [4, 5, 6]]
total = 0
for row in matrix:
    for v in row:
        total += v
print(total, matrix[1][2], len(matrix), matrix[0] + matrix[1])
stack = []
for ch in '(()(()))':
    if ch == '(':
        stack.append(ch)
    else:
        stack.pop()
print(stack, len(stack) == 0)
fib = [0, 1]
while len(fib) < 15:
    fib.append(fib[-1] + fib[-2])
print(fib, fib[-3])
print([1, 2, 3] == [1, 2, 3], [1, 2] != [1, 2, 0], [[1]] < [[2]], (1, 'a') < (1, 'b'), [] < [0], () == ())
print(max([3, 9, 2]), min((4, 1, 7)))
