for i in range(3):
    def f():
        return i
    print(f())
print(f())
i = 10
print(f())
