a = b = c = 1
x, y = y, x
[a, *b] = c
a.b = 1
a[0] = 1
a[1:2] = []
x: int = 3
y: list[int]
