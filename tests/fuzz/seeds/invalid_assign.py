f() = 1
None = 2
