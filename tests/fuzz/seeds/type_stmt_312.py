type Alias = int
type Pair[T] = tuple[T, T]
type = 1
