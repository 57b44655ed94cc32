f = lambda: 0
g = lambda x, /, y=1, *a, z, w=2, **k: x
h = lambda *, k: k
(lambda x: x)(1)
