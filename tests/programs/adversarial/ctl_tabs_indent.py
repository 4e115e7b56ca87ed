if 1:
	x = 1
	if x:
		print("tab", x)
	print("done")
for i in range(2):
	print(i)
