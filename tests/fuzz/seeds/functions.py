def f(): pass
def g(a, b=1, *args, c, d=2, **kw) -> int:
    return a
def h(a, b, /, c, *, d):
    ...
def k(a: int = 1, *b: str, **c: float) -> None: pass
