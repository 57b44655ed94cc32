match = 1
case = 2
_ = 3
type = 4
match(x)
match[x]
print(match, case)
match x:
    case case:
        pass
