a = 'x'
b = "y"
c = '''multi
line'''
d = """doc"""
e = r'\d+'
f = b'\x00\xff'
g = rb'\n'
h = u'unicode'
i = 'a' 'b' "c"
j = '\N{BULLET} \u00e9 \U0001F600 \t\n\\ \''
k = BR'raw'
l = '\777 \q'
