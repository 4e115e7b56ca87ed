def f():
    pass
f(
)(
)
