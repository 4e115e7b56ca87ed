format(1.5, '10.2ff')
