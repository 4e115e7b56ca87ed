y = """ab"""
y
