s = {1}
s.frobnicate()
