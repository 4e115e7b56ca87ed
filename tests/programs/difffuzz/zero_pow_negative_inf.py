# Found by `cargo xtask difffuzz --seed 5` (programs 3283 and 13476), minimised by hand.
# Zero to the power -inf is +inf in CPython (C99 pow(+-0, -inf)), for int and float zero.
# CPython 3.11: prints `inf inf inf` then `inf` (the final expression).
# PyRust:       ZeroDivisionError: 0.0 cannot be raised to a negative power
print(0.0 ** -1e309, 0 ** -1e309, (-0.0) ** -1e309)
x = 0
x **= -1e309
x
