print(1)
print(undefined_thing)
