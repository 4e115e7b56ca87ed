def foo():
    pass
print(foo() is None)
print(foo())
