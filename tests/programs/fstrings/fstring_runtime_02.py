print(f'{undefined_name}')
