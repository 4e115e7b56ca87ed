def main():
    print('main calls helper:', helper(4))
def helper(x):
    return x * x
main()
