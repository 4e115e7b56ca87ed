for i, c in enumerate('ab'):
    print(i, c)
for a, b in zip([1, 2], [3, 4]):
    print(a * b)
print(sorted([3, 1, 2], reverse=True), list(enumerate('ab', 1)), list(zip()), tuple(range(3)), any([]), all([]), sum([1, 2, 3], 10), sum([0.1] * 3))
print(enumerate, zip, list, tuple, sorted([5, 2.5, -1, 2 ** 64, True]), sorted('hello'), sorted((3, 1)), sorted([[2, 1], [1, 5], [1, 2]]))
words = 'b a c a b'.split()
print(sorted(words), sorted(words, reverse=True), list('xyz'), list(range(5, 0, -2)), tuple([1, [2]]))
e = enumerate([10, 20, 30])
print(list(e), list(e))
z = zip('abc', range(10), [True, False, None, 1])
for t in z:
    print(t)
print(sum(range(101)), sum([2 ** 64, 2 ** 64]), sum([1.5, 2]), any([0, '', 3]), all([1, 'x', []]), any('ab'), all(range(1, 4)))
nums = [5, 3, 8, 1]
for rank, (value) in enumerate(sorted(nums)):
    print(rank, value)
pairs = list(zip([1, 2, 3], 'ab'))
print(pairs, len(pairs), pairs[1][1])
print(sorted([3, 1, 2], key=None), len(list(enumerate(range(1000)))))
print(sorted([1, 'a']))
