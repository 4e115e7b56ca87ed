for i in range(99999):t='a'*8000000
