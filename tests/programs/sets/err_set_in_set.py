print({1} in {frozen for frozen in [1]})
s = {{1}}
