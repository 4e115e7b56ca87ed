print("no")
return
