t='a'*5000000
for i in range(99999):u=t+'b'
