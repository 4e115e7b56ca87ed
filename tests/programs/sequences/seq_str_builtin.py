print(str(0), str(-7), str(2 ** 70), str(-2 ** 70), str(1e16), str(0.1), str(float('nan')))
print(str('x') + str(3) * 2, str(False) + str(None))
print(len(str(10 ** 100)), len('é' * 10), len(range(0, 100, 7)), len(range(5, -5, -2)), len(divmod(7, 2)))
total = 0
for d in str(2 ** 200):
    total += int(d)
print(total)
word = 'racecar'
ok = True
i = 0
while i < len(word):
    if word[i] != word[-1 - i]:
        ok = False
    i += 1
print(ok)
def count(text, ch):
    n = 0
    for c in text:
        if c == ch:
            n += 1
    return n
print(count('mississippi', 's'), count('', 'a'), count('ünïcödé', 'ö'))
q = divmod(-17, 5)
for part in q:
    print(part, end=' ')
print()
print(divmod(7.5, 2)[0], divmod(2 ** 80, 3)[1])
