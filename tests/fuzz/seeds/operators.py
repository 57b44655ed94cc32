x = a + b - c * d / e // f % g ** h @ i
y = a << b >> c & d | e ^ f
z = -a + +b - ~c
w = not a and b or c
v = a < b <= c > d >= e == f != g
u = a is b is not c in d not in e
