x = f"{'nested' + f'{"deep"}'}"
y = f'{a['k']}'
z = f'{x!r:{w}}'
w = f'''{
    x # comment
}'''
