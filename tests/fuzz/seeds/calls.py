f()
f(a)
f(a, b=1)
f(*a, **k)
f(a, *b, c=1, **d)
f(x for x in y)
f(a)(b)(c)
a.b.c(d).e[f]
