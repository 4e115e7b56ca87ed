name = 'func'
name()
