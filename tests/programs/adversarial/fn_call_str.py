"abc"()
