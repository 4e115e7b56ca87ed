def group(items, key=lambda x: x, val=lambda x: x):
    out = {}
    for it in items:
        out.setdefault(key(it), []).append(val(it))
    return out
print(group(range(10), key=lambda x: x % 3))
print(group(["apple", "avocado", "banana", "blueberry", "cherry"], key=lambda s: s[0], val=len))
print(group([]))
