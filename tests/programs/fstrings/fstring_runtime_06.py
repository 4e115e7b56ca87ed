rows = [('apple', 1.5, 3), ('kiwi', 0.25, 12)]
for name, price, qty in rows:
    print(f'{name:<8}|{price:>6.2f}|{qty:>4d}|{price * qty:>8.3f}')
print(f"{'total':<8}|{sum([p * q for p, q in [(1, 2)]]) if False else 6.0:>6.1f}")
