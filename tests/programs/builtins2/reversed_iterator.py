reversed(enumerate([1]))
