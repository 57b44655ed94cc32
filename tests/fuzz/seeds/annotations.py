x: int
y: 'str' = 'a'
(z): int = 1
a.b: int
c[0]: int = 2
def f(a: 'A', *, b: int = 1) -> 'R': ...
