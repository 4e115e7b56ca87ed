print("should not print")
x = 1
\
