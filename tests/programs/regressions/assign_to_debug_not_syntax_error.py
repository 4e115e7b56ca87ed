print("should not print")
__debug__ = 1
