print(1., .5, 1_0.0_1, 1e1_0, 0_0, 00, 0e0, 0X1F, 0O17, 0B11, 1E-2, 1_000e-3, 0.0e+5)
print(0xdead_beef, 0o7_7, 0b1_0, 123_456, 1__ if False else 5)
