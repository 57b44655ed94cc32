pass; x = 1; del x
del a, b[0], c.d
assert x, 'msg'
raise E from None
global g
def f():
    nonlocal n
    return
