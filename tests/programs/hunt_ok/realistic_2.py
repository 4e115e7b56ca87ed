def fmt_table(rows, widths=None, sep=" | "):
    widths = widths or [max([len(str(r[i])) for r in rows]) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        out.append(sep.join([str(c).ljust(w) if isinstance(c, str) else str(c).rjust(w) for c, w in zip(r, widths)]) if False else sep.join([str(c).rjust(w) for c, w in zip(r, widths)]))
    return "\n".join(out)
print(fmt_table([("a", 1, 2.5), ("bbb", 22, -1.0), ("cc", 333, 0.125)]))
