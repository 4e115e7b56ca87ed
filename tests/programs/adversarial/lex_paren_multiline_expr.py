x = (1 +

     # comment
     2
)
print(x)
