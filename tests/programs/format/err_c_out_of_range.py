format(0x110000, 'c')
