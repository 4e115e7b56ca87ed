for s in ["ÀÉÎ", "àéî", "Straße", "ΣΑΣ", "ΑΣ ΟΣ", "ǅ", "ǆa", "Ǆ", "İ", "ŉ", "ﬀ", "ÀÉ 1", "é ", "\u3000\x85 \xa0", "\u2028", "Ab"]:
    print(s.upper(), s.lower(), s.isupper(), s.islower(), s.isspace())
