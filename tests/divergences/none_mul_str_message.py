print(None * 'a')
