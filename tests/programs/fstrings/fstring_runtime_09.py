for v in [0, 1, -1, 255, 2**70, -2**70, True]:
    print(f'{v:x} {v:#o} {v:_b} {v:+,}')
