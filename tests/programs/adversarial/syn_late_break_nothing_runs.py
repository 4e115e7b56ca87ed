print("should not print")
break
