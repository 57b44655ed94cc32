match o:
    case Point(x=0, y=0):
        pass
    case Point(1, y=2) as p:
        pass
    case mod.Cls():
        pass
    case str() | bytes() if guard:
        pass
    case (a as b):
        pass
