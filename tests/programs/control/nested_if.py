for a in range(2):
    for b in range(2):
        if a:
            if b:
                print(a, b, 'both')
            else:
                print(a, b, 'a only')
        else:
            if b:
                print(a, b, 'b only')
            else:
                print(a, b, 'neither')
