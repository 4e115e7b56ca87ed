print(3 * 2)
None * 2
