match m:
    case {'k': v, 1: w, **rest}:
        pass
    case {}:
        pass
    case {a.b: 1}:
        pass
