print(f'{1e300 * 1e10:f} {float("nan"):e} {-1e-7:g} {123456789:e} {0.1:.20f}')
