words = ["apple", "Banana", "cherry", "date", "Elder", "fig"]
print(sorted(words, key=lambda w: (len(w), w.lower())), sorted(words, key=len, reverse=True), max(words, key=len), min(words, key=len))
nums = [3, -1, 4, -1, 5, -9, 2, 6]
print(sorted(nums, key=abs), max(nums, key=abs), min(nums, key=abs), sorted(nums, key=lambda n: (n % 2, -n)))
print(sorted([[2, 1], [1, 2], [1, 1, 0], []]), sorted([(), (0,), (-1, 5)], reverse=True))
print(sorted(["", "a", "A", "aa", "é", "z"]), sorted([True, False, 0, 1, -1]))
print(sorted([2**65, -2**65, 0, 1.5, -1e30, 2**64]))
print(min("hello"), max("hello"), min([[]]), max("a", "b", "c"), min((3, 2), (3, 1)))
print(min(range(0), default="empty"), max(range(5), default=9), min({}, default=None), max({3: 1, 5: 2}))
l = [5, 2, 8]
def cmp_key(x):
    return -x if x > 3 else x
l.sort(key=cmp_key)
print(l, sorted("banana", key=lambda c: "nab".index(c)))
