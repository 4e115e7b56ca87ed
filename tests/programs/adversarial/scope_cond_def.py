if 0:
    def f():
        return 1
else:
    def f():
        return 2
print(f())
if 0:
    def g():
        pass
g()
