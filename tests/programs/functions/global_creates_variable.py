def setup():
    global config
    config = 42
setup()
print(config)
