print('only printed once')
