total = (1 +
         2 +
         3)
print(total)
print(1,
      2,
      3, sep='-'
      )
x = 1 + \
    2 + \
    3
print(x)
if (x == 6 and
        total == 6):
    print('both six')
y = (  # comment inside parens
    10
    * 2)
print(y)
