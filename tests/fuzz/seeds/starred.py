a, *b = c
print(*args, **kwargs)
x = [*a, *b]
y = {**a, 'k': 1, **b}
z = (*a,)
for x, *y in z: pass
return_value = *a, *b
