for base in range(1, 6):
    for exp in range(1, 6):
        print(base ** exp, end='\t')
    print()
