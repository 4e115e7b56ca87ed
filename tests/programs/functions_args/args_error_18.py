print(max([], key=len))
