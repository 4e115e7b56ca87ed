def bare():
    return
def no_return():
    x = 1
def explicit():
    return None
print(bare(), no_return(), explicit())
r = bare()
print(r is None)
