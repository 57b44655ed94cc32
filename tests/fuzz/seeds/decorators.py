@d
@d.e(1)
@(lambda f: f)
@x[0]
def f(): pass
@dataclass(frozen=True)
class C: pass
