print(1)
'it\'s'
