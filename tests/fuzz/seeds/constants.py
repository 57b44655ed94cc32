x = None
y = True
z = False
w = ...
v = ()
u = []
t = {}
s = (1,)
