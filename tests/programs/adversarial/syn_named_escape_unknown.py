x = "ok"
y = f"{x} \N{NO SUCH CHARACTER NAME}"
