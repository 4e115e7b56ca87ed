print({i: i for i in range(3)})
{[i]: i for i in range(3)}
