if True:
    pass
for i in range(3):
    pass
while False:
    pass
if 1 > 2:
    pass
elif 2 > 1:
    print('elif')
else:
    pass
def nothing():
    pass
print(nothing())
