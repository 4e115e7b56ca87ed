print('{a}-{b}-{0}'.format(1, a='x', b=2.5))
print('{name:>6}|{v:.1f}'.format(name='ab', v=3.14159))
print('{x}'.format(y=1))
