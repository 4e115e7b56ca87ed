print(None == None, None != None, None == 0, None == False)
print(True == True, True != False, 1 == None)
print('a' == 1, 'a' != 1, 1 == 'a')
print(None == 'None', True == 'True')
