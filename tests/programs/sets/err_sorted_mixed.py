print(sorted({3, 1, 2}))
sorted({1, "a"})
