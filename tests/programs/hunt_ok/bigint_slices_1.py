l = [1, 2, 3]
b = 2**70
print(l[b:], l[-b:], l[:b], l[:-b], l[::b], l[::-b], l[-b::-1], l[b::-1])
l = [1, 2, 3]
b = 2**70
l[b:] = [4]; print(l)
l[-b:0] = [0]; print(l)
del l[b:]; del l[:-b]; print(l)
del l[::b]; print(l)
l[::-b] = [9]; print(l)
print(len(range(0, 2**62, 3)), range(0, 2**62, 3)[-1], range(-2**62, 2**62)[2**62])
l = list(range(5))
l[1:4:2**70] = [9]
print(l)
print("hello"[1:4:2**70], "hello"[4:0:-2**70])
l = [0] * 5
l[3:1:-1] = "ab"
print(l)
