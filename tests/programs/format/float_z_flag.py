print(format(-0.0, 'z'), format(-0.001, 'z.1f'), format(-0.001, 'z.1%'), format(-0.0, 'z%'))
print(format(-1e-300, 'z.2e'), format(-0.0001, 'z.2g'), format(-0.04, 'z.1f'), format(float('nan'), 'z'))
print(format(-0.5, 'z.0f'), format(-0.0, '+z.2f'), format(-0.0, 'z=8.1f'))
