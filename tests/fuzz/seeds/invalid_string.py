x = 'abc
y = b'\xz'
