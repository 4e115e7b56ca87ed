print({1: 2}.keys() == {1})
