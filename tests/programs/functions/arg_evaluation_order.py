def say(tag, v):
    print('eval', tag)
    return v
def add3(a, b, c):
    return a + b + c
print(add3(say('a', 1), say('b', 2), say('c', 3)))
print(say('left', 10) - say('right', 3))
