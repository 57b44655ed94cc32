def f[T](x: T) -> T: return x
class C[T: int, *Ts, **P]: pass
def g[T: (int, str)](): pass
