s = {2}
s.discard({1})
s.remove({1, 2})
