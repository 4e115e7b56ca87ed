def f(__debug__):
    pass
print("should not print")
