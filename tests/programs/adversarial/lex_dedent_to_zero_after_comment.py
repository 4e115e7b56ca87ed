def f():
    return 1
    # trailing comment in function
# col0 comment
print(f())
