x = 'abc'
x[1:2] = 'z'
