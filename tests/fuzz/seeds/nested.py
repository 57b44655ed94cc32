def outer():
    def inner():
        class K:
            def m(self):
                return [[{(1, 2): {3}}]]
        return K
    return inner
