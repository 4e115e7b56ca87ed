format([1], 'x')
