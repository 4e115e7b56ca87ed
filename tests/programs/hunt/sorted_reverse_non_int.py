print(sorted([3, 1], reverse="yes"))
