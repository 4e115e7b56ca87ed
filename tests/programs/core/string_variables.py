greeting = 'hello'
name = "world"
print(greeting, name)
print(greeting, name, sep=', ', end='!\n')
same = greeting
print(same == greeting)
greeting = 'bye'
print(same, greeting)
