x = 1
if x:
    print("crlf")
y = "a" \
  "b"
print(y)
y
