print("key=value".partition("="))
