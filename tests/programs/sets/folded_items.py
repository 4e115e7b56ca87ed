# Set displays whose items are arithmetic on number literals: CPython folds the items first,
# then (three or more items, or an iterated display) builds a frozenset constant.
print({1 + 2, 3, -1})
print({2 ** 3, 1, 2}, {1, 2, 2 ** 3})
print({2.0, 2, 1 + 1})
print({1 + 1, 2.0, 2})
print({10 * 10, 3 - 7, 9 // 2, 9 % 4, -(2 ** 4), ~5})
print({0.5 * 3, 1 / 4, 2.5 - 1, 7.0})
for x in {64 >> 2, 1 << 5, 6 & 3, 6 | 9, 6 ^ 3}:
    print(x, end=" ")
print()
print(17 in {8 + 9, 100}, 4 not in {2 * 2})
print([v for v in {33 - 32, 9, 17, 16 + 9}])
print({1 + 2, 3, 2 + 1} == {3})
print({-0.0, 0.0, 1 - 1}, {0.0 * -1, 5})
print({(1 + 1, 2), 3, 4})
# Equal items of different types: the frozenset keeps the first, and displays share a
# frozenset only when the items it kept are the same constants.
print({2.0, 2, 3})
print({2, 2.0, 3})
print({True, 1, 5}, {1, True, 5}, {1.0, True, 5})
print({0, False, 0.0}, {False, 0, 9}, {-0.0, 0, 9})
print({(1, 2.0), (1.0, 2), 7}, {(1.0, 2), (1, 2.0), 7})
print({2 ** 62, 4.611686018427388e18, 1}, {4.611686018427388e18, 2 ** 62, 1})
print({"a", "a", 1, 1.0}, {1.0, "a", 1})
print({100000000000000000000000000000, 5, 6}, {5, 6, 100000000000000000000000000000})
print({-9223372036854775807 - 1, -9223372036854775808, 5}, {-9.223372036854775808e18, -9223372036854775808, 1})
print({100_000_000_000_000_000_000, 100000000000000000000, 1}, {-100000000000000000000, 100000000000000000000, 2})
