words = ['é', 'café', 'Ünïcödé', 'naïve123', '١٢٣', '²', '½', 'Ⅻ', '𝟘𝟙', 'ǅ', 'ß', 'ﬁ', 'ǆemal',
         'ΑΒΓ', 'αβγ', 'Дом', 'дом', '日本語', 'ｱｲｳ', '', 'a b', 'é é', '٣', '〇', '௰', 'x²', 'ⓐ', 'ᾳ']
for w in words:
    print(repr(w), w.isalpha(), w.isdigit(), w.isdecimal(), w.isnumeric(), w.isalnum(),
          w.isupper(), w.islower(), w.isspace())
for w in words:
    print(repr(w.title()), repr(w.capitalize()), repr(w.swapcase()), repr(w.upper()), repr(w.lower()))
print('ǆemal ǅemal ǄEMAL'.title())
print("élan vital, straße und ﬁsh".title())
print("ÉCOLE normale".capitalize(), "ßtraße".capitalize(), "ﬁne".capitalize())
print("o'neil d'été".title(), "x1é2y".title(), "日本語abc".title())
print(sum(1 for c in "Ça va? Très bien, merci!" if c.isalpha()))
print([c for c in "a1²½٣Ⅻ" if c.isnumeric()], [c for c in "a1²½٣Ⅻ" if c.isdigit()], [c for c in "a1²½٣Ⅻ" if c.isdecimal()])
print(int('\u3000 42\u2003'), float('\u00a0 2.5 \u3000'), '\u3000a\u2003b\u00a0'.split(), repr('\u2003x\u3000'.strip()))
print(repr('\u200b\u00ad\u0378\ue000\U000e0001\u2028x'), ascii('é') if False else 'skip')
print('ǈ'.isupper(), 'ǈ'.islower(), 'Ǉǈǉ'.swapcase(), 'ǈx'.istitle() if False else '')
