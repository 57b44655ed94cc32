match p:
    case [a, b, *rest]:
        pass
    case (a, b):
        pass
    case []:
        pass
    case [*_]:
        pass
    case a, b:
        pass
