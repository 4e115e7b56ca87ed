def label(n):
    if n > 0:
        return 'positive'
    elif n < 0:
        return "negative"
    return 'it\'s zero'
print(label(5), label(-5))
label(0)
