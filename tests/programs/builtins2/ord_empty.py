ord("")
