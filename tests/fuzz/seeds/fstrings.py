name = 'x'
f'{name}'
f'{name!r:>10}'
f'{x=}'
f'{x = !s:^{w}}'
f'{{literal}}'
f'{a["k"]}'
f'''{
  x
}'''
rf'{x}\d'
f'{3.14:.2f}' 'plain' f'{y}'
f'{(lambda: 1)()}' if 0 else 0
f'{x:{y}.{z}}'
