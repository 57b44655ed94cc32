match x:
    case 1 | 2 | 3:
        pass
    case -1:
        pass
    case 1 + 2j:
        pass
    case 'a' 'b':
        pass
    case None | True | False:
        pass
    case _:
        pass
