ord("a", "b")
