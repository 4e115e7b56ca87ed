x = '# not a comment'  # real
print(x)
