inv = {"apples": 3, "pears": 0, "kiwis": 12}
del inv["pears"]
for k in list(inv):
    if inv[k] > 10: del inv[k]
print(inv)
stock = list(range(10))
i = 0
while i < len(stock):
    if stock[i] % 3 == 0: del stock[i]
    else: i += 1
print(stock)
def purge(d, *keys):
    for k in keys:
        if k in d: del d[k]
    return d
print(purge({"a": 1, "b": 2, "c": 3}, "a", "c", "z"))
