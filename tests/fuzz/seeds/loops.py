for i in range(3):
    if i: continue
    break
else:
    pass
while x:
    x -= 1
else:
    y = 2
for (a, b) in c: pass
for x, in y: pass
