print(dict.fromkeys("ab"))
