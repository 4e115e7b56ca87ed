line = '3 1 4 1 5'
nums = list(map(int, line.split()))
print(nums, sum(map(int, line.split())))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(None, [0, 1, '', 'a', [], [0]])), list(filter(lambda x: x % 2, range(10))))
print(list(map(str, [1, 2])))
m = map(abs, [-1, -2, -3])
print(None, list(m), list(m))
print(sorted(map(len, ['aa', 'b', 'ccc'])), max(map(abs, [-7, 3])))
for a, b in map(lambda t: (t, t * t), range(3)):
    print(a, b)
print(type(map(int, [])), isinstance(filter(None, []), filter))
def double(x):
    return x * 2
print(','.join(map(str, map(double, range(5)))))
print(list(filter(lambda w: w.startswith('a'), ['apple', 'bob', 'avocado'])))
print(list(map(int, ['1', 'x'])))
