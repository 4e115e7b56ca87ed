int('x' * 199)
