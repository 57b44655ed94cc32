with a: pass
with a as b, c as d: pass
with (a as b, c as d,): pass
with (yield): pass
with (a, b): pass
with (
    open(x) as f,
    open(y) as g
):
    pass
