// ParseModule on invalid snippets: the SyntaxError's class, message, line and offset (and
// end line/offset, -1 included) must be CPython 3.11.2's, as
// compile(source_bytes, ...) reports them from /usr/bin/python3. The snippets are ASCII or
// UTF-8 without a coding cookie, so CPython's parser-error offsets are byte columns + 1.
#include <gtest/gtest.h>

#include "python/parser.h"
#include "python/source.h"

namespace kensa::python {
namespace {

struct ErrorCase {
  const char* source;
  const char* type;
  const char* message;
  uint32_t line;
  int64_t offset;  // as Python's SyntaxError.offset: -1 for none
  uint32_t end_line;
  int64_t end_offset;
};

const ErrorCase kCases[] = {
    {R"kensa(x = (1, 2
)kensa",
     "SyntaxError", R"kensa('(' was never closed)kensa", 1, 5, 1, 0},
    {R"kensa(f(a,
  b
)kensa",
     "SyntaxError", R"kensa('(' was never closed)kensa", 1, 2, 1, 0},
    {R"kensa(x = [1, 2
y = 3
)kensa",
     "SyntaxError", R"kensa('[' was never closed)kensa", 1, 5, 1, 0},
    {R"kensa(a b
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 3, 1, 4},
    {R"kensa(x = 1 +
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 8, 1, 8},
    {R"kensa(if x
    pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 1, 5, 1, 5},
    {R"kensa(while x
    pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 1, 8, 1, 8},
    {R"kensa(for x in y
    pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 1, 11, 1, 11},
    {R"kensa(def f()
    pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 1, 8, 1, 8},
    {R"kensa(class C
    pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 1, 8, 1, 8},
    {R"kensa(with a as b
    pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 1, 12, 1, 12},
    {R"kensa(try
    pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 1, 4, 1, 4},
    {R"kensa(if x:
pass
)kensa",
     "IndentationError", R"kensa(expected an indented block after 'if' statement on line 1)kensa",
     2, 1, 2, 5},
    {R"kensa(for x in y:
pass
)kensa",
     "IndentationError", R"kensa(expected an indented block after 'for' statement on line 1)kensa",
     2, 1, 2, 5},
    {R"kensa(while x:
pass
)kensa",
     "IndentationError",
     R"kensa(expected an indented block after 'while' statement on line 1)kensa", 2, 1, 2, 5},
    {R"kensa(def f():
return 1
)kensa",
     "IndentationError",
     R"kensa(expected an indented block after function definition on line 1)kensa", 2, 1, 2, 7},
    {R"kensa(class C:
pass
)kensa",
     "IndentationError", R"kensa(expected an indented block after class definition on line 1)kensa",
     2, 1, 2, 5},
    {R"kensa(try:
pass
)kensa",
     "IndentationError", R"kensa(expected an indented block after 'try' statement on line 1)kensa",
     2, 1, 2, 5},
    {R"kensa(try:
    pass
except E:
pass
)kensa",
     "IndentationError",
     R"kensa(expected an indented block after 'except' statement on line 3)kensa", 4, 1, 4, 5},
    {R"kensa(try:
    pass
finally:
pass
)kensa",
     "IndentationError",
     R"kensa(expected an indented block after 'finally' statement on line 3)kensa", 4, 1, 4, 5},
    {R"kensa(if x:
    pass
else:
pass
)kensa",
     "IndentationError", R"kensa(expected an indented block after 'else' statement on line 3)kensa",
     4, 1, 4, 5},
    {R"kensa(if x:
    pass
elif y:
pass
)kensa",
     "IndentationError", R"kensa(expected an indented block after 'elif' statement on line 3)kensa",
     4, 1, 4, 5},
    {R"kensa(with a:
pass
)kensa",
     "IndentationError", R"kensa(expected an indented block after 'with' statement on line 1)kensa",
     2, 1, 2, 5},
    {R"kensa(match x:
case 1: pass
)kensa",
     "IndentationError",
     R"kensa(expected an indented block after 'match' statement on line 1)kensa", 2, 1, 2, 5},
    {R"kensa(  x = 1
)kensa",
     "IndentationError", R"kensa(unexpected indent)kensa", 1, 2, 1, -1},
    {R"kensa(a
    b
)kensa",
     "IndentationError", R"kensa(unexpected indent)kensa", 2, 4, 2, -1},
    {R"kensa(f() = 1
)kensa",
     "SyntaxError",
     R"kensa(cannot assign to function call here. Maybe you meant '==' instead of '='?)kensa", 1, 1,
     1, 4},
    {R"kensa(1 = x
)kensa",
     "SyntaxError",
     R"kensa(cannot assign to literal here. Maybe you meant '==' instead of '='?)kensa", 1, 1, 1,
     2},
    {R"kensa("s" = x
)kensa",
     "SyntaxError",
     R"kensa(cannot assign to literal here. Maybe you meant '==' instead of '='?)kensa", 1, 1, 1,
     4},
    {R"kensa(None = 1
)kensa",
     "SyntaxError", R"kensa(cannot assign to None)kensa", 1, 1, 1, 5},
    {R"kensa(x + 1 = 2
)kensa",
     "SyntaxError",
     R"kensa(cannot assign to expression here. Maybe you meant '==' instead of '='?)kensa", 1, 1, 1,
     6},
    {R"kensa((a, b) += 1
)kensa",
     "SyntaxError", R"kensa('tuple' is an illegal expression for augmented assignment)kensa", 1, 1,
     1, 7},
    {R"kensa([a, b]: int
)kensa",
     "SyntaxError", R"kensa(only single target (not list) can be annotated)kensa", 1, 1, 1, 7},
    {R"kensa(a, b: int
)kensa",
     "SyntaxError", R"kensa(only single target (not tuple) can be annotated)kensa", 1, 1, 1, 2},
    {R"kensa(x = yield = 1
)kensa",
     "SyntaxError", R"kensa(assignment to yield expression not possible)kensa", 1, 5, 1, 10},
    {R"kensa(del f()
)kensa",
     "SyntaxError", R"kensa(cannot delete function call)kensa", 1, 5, 1, 8},
    {R"kensa(del (a, 1)
)kensa",
     "SyntaxError", R"kensa(cannot delete literal)kensa", 1, 9, 1, 10},
    {R"kensa(for f() in x: pass
)kensa",
     "SyntaxError", R"kensa(cannot assign to function call)kensa", 1, 5, 1, 8},
    {R"kensa(with a as f(): pass
)kensa",
     "SyntaxError", R"kensa(cannot assign to function call)kensa", 1, 11, 1, 14},
    {R"kensa(if x = 1: pass
)kensa",
     "SyntaxError", R"kensa(invalid syntax. Maybe you meant '==' or ':=' instead of '='?)kensa", 1,
     4, 1, 9},
    {R"kensa(f(a=1, b)
)kensa",
     "SyntaxError", R"kensa(positional argument follows keyword argument)kensa", 1, 9, 1, 10},
    {R"kensa(f(**a, b)
)kensa",
     "SyntaxError", R"kensa(positional argument follows keyword argument unpacking)kensa", 1, 9, 1,
     10},
    {R"kensa(f(**a, *b)
)kensa",
     "SyntaxError", R"kensa(iterable argument unpacking follows keyword argument unpacking)kensa",
     1, 3, 1, 6},
    {R"kensa(f(x for x in y, 1)
)kensa",
     "SyntaxError", R"kensa(Generator expression must be parenthesized)kensa", 1, 3, 1, 15},
    {R"kensa(f(a, x for x in y)
)kensa",
     "SyntaxError", R"kensa(Generator expression must be parenthesized)kensa", 1, 6, 1, 18},
    {R"kensa(f(a=1 for a in b)
)kensa",
     "SyntaxError", R"kensa(invalid syntax. Maybe you meant '==' or ':=' instead of '='?)kensa", 1,
     3, 1, 5},
    {R"kensa(f(True=1)
)kensa",
     "SyntaxError", R"kensa(cannot assign to True)kensa", 1, 3, 1, 8},
    {R"kensa(f(a.b=1)
)kensa",
     "SyntaxError", R"kensa(expression cannot contain assignment, perhaps you meant "=="?)kensa", 1,
     3, 1, 7},
    {R"kensa(def f(a=1, b): pass
)kensa",
     "SyntaxError", R"kensa(non-default argument follows default argument)kensa", 1, 12, 1, 13},
    {R"kensa(def f(*): pass
)kensa",
     "SyntaxError", R"kensa(named arguments must follow bare *)kensa", 1, 7, 1, 8},
    {R"kensa(def f(*, **k): pass
)kensa",
     "SyntaxError", R"kensa(named arguments must follow bare *)kensa", 1, 7, 1, 8},
    {R"kensa(def f(**k, a): pass
)kensa",
     "SyntaxError", R"kensa(arguments cannot follow var-keyword argument)kensa", 1, 12, 1, 13},
    {R"kensa(def f(*a=1): pass
)kensa",
     "SyntaxError", R"kensa(var-positional argument cannot have default value)kensa", 1, 9, 1, 10},
    {R"kensa(def f(**k=1): pass
)kensa",
     "SyntaxError", R"kensa(var-keyword argument cannot have default value)kensa", 1, 10, 1, 11},
    {R"kensa(def f(a, /, b, /): pass
)kensa",
     "SyntaxError", R"kensa(/ may appear only once)kensa", 1, 16, 1, 17},
    {R"kensa(def f(*a, /): pass
)kensa",
     "SyntaxError", R"kensa(/ must be ahead of *)kensa", 1, 11, 1, 12},
    {R"kensa(def f((a, b)): pass
)kensa",
     "SyntaxError", R"kensa(Function parameters cannot be parenthesized)kensa", 1, 7, 1, 13},
    {R"kensa(def f(a, *b, c, *d): pass
)kensa",
     "SyntaxError", R"kensa(* argument may appear only once)kensa", 1, 17, 1, 18},
    {R"kensa(lambda a=1, b: 0
)kensa",
     "SyntaxError", R"kensa(non-default argument follows default argument)kensa", 1, 13, 1, 14},
    {R"kensa(lambda *: 0
)kensa",
     "SyntaxError", R"kensa(named arguments must follow bare *)kensa", 1, 9, 1, 10},
    {R"kensa(lambda (a): 0
)kensa",
     "SyntaxError", R"kensa(Lambda expression parameters cannot be parenthesized)kensa", 1, 8, 1,
     11},
    {R"kensa(import a.b from c
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 12, 1, 16},
    {R"kensa(from x import a,
)kensa",
     "SyntaxError", R"kensa(trailing comma not allowed without surrounding parentheses)kensa", 1,
     17, 1, 17},
    {R"kensa(from x import
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 14, 1, 14},
    {R"kensa(try:
    pass
)kensa",
     "SyntaxError", R"kensa(expected 'except' or 'finally' block)kensa", 2, 9, 2, -1},
    {R"kensa(try:
    pass
x = 1
)kensa",
     "SyntaxError", R"kensa(expected 'except' or 'finally' block)kensa", 3, 1, 3, 2},
    {R"kensa(try:
    pass
except E:
    pass
except* F:
    pass
)kensa",
     "SyntaxError", R"kensa(cannot have both 'except' and 'except*' on the same 'try')kensa", 5, 1,
     5, 8},
    {R"kensa(try:
    pass
except* E:
    pass
except F:
    pass
)kensa",
     "SyntaxError", R"kensa(cannot have both 'except' and 'except*' on the same 'try')kensa", 5, 1,
     5, 7},
    {R"kensa(try:
    pass
except A, B:
    pass
)kensa",
     "SyntaxError", R"kensa(multiple exception types must be parenthesized)kensa", 3, 8, 3, 12},
    {R"kensa(try:
    pass
except A
    pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 3, 9, 3, 9},
    {R"kensa(try:
    pass
except*:
    pass
)kensa",
     "SyntaxError", R"kensa(expected one or more exception types)kensa", 3, 8, 3, 9},
    {R"kensa([x, y for x, y in z]
)kensa",
     "SyntaxError", R"kensa(did you forget parentheses around the comprehension target?)kensa", 1,
     2, 1, 6},
    {R"kensa([x, for x in z]
)kensa",
     "SyntaxError", R"kensa(did you forget parentheses around the comprehension target?)kensa", 1,
     2, 1, 4},
    {R"kensa([*x for x in z]
)kensa",
     "SyntaxError", R"kensa(iterable unpacking cannot be used in comprehension)kensa", 1, 2, 1, 4},
    {R"kensa({**x for x in z}
)kensa",
     "SyntaxError", R"kensa(dict unpacking cannot be used in dict comprehension)kensa", 1, 2, 1, 4},
    {R"kensa((*x)
)kensa",
     "SyntaxError", R"kensa(cannot use starred expression here)kensa", 1, 2, 1, 4},
    {R"kensa((**x)
)kensa",
     "SyntaxError", R"kensa(cannot use double starred expression here)kensa", 1, 2, 1, 4},
    {R"kensa(print "hello"
)kensa",
     "SyntaxError", R"kensa(Missing parentheses in call to 'print'. Did you mean print(...)?)kensa",
     1, 1, 1, 14},
    {R"kensa(exec "code"
)kensa",
     "SyntaxError", R"kensa(Missing parentheses in call to 'exec'. Did you mean exec(...)?)kensa",
     1, 1, 1, 12},
    {R"kensa(x = a if b
)kensa",
     "SyntaxError", R"kensa(expected 'else' after 'if' expression)kensa", 1, 5, 1, 11},
    {R"kensa([a b c]
)kensa",
     "SyntaxError", R"kensa(invalid syntax. Perhaps you forgot a comma?)kensa", 1, 2, 1, 5},
    {R"kensa(f(a b)
)kensa",
     "SyntaxError", R"kensa(invalid syntax. Perhaps you forgot a comma?)kensa", 1, 3, 1, 6},
    {R"kensa({a: 1, b}
)kensa",
     "SyntaxError", R"kensa(':' expected after dictionary key)kensa", 1, 8, 1, 0},
    {R"kensa({a: 1, b:}
)kensa",
     "SyntaxError", R"kensa(expression expected after dictionary key and ':')kensa", 1, 9, 1, 10},
    {R"kensa({a: *b}
)kensa",
     "SyntaxError", R"kensa(cannot use a starred expression in a dictionary value)kensa", 1, 5, 1,
     7},
    {R"kensa((a := 1) := 2
)kensa",
     "SyntaxError", R"kensa(cannot use assignment expressions with named expression)kensa", 1, 2, 1,
     8},
    {R"kensa(a.b := 1
)kensa",
     "SyntaxError", R"kensa(cannot use assignment expressions with attribute)kensa", 1, 1, 1, 4},
    {R"kensa(x = 0777
)kensa",
     "SyntaxError",
     R"kensa(leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers)kensa",
     1, 5, 1, 6},
    {R"kensa(x = 1_
)kensa",
     "SyntaxError", R"kensa(invalid decimal literal)kensa", 1, 6, 1, 6},
    {R"kensa(x = 1__0
)kensa",
     "SyntaxError", R"kensa(invalid decimal literal)kensa", 1, 6, 1, 6},
    {R"kensa(x = 0b2
)kensa",
     "SyntaxError", R"kensa(invalid digit '2' in binary literal)kensa", 1, 7, 1, 7},
    {R"kensa(x = 1.e
)kensa",
     "SyntaxError", R"kensa(invalid decimal literal)kensa", 1, 6, 1, 6},
    {R"kensa(x = "abc
)kensa",
     "SyntaxError", R"kensa(unterminated string literal (detected at line 1))kensa", 1, 5, 1, 5},
    {R"kensa(x = """abc
)kensa",
     "SyntaxError", R"kensa(unterminated triple-quoted string literal (detected at line 1))kensa",
     1, 5, 1, 5},
    {R"kensa(x = $
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 5, 1, 6},
    {R"kensa(x = a ? b
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 7, 1, 8},
    {R"kensa(x = `a`
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 5, 1, 6},
    {R"kensa(x = é€
)kensa",
     "SyntaxError", R"kensa(invalid character '€' (U+20AC))kensa", 1, 6, 1, 6},
    {R"kensa()
)kensa",
     "SyntaxError", R"kensa(unmatched ')')kensa", 1, 1, 1, 1},
    {R"kensa(x = [)
)kensa",
     "SyntaxError", R"kensa(closing parenthesis ')' does not match opening parenthesis '[')kensa",
     1, 6, 1, 6},
    {R"kensa(x = (]
)kensa",
     "SyntaxError", R"kensa(closing parenthesis ']' does not match opening parenthesis '(')kensa",
     1, 6, 1, 6},
    {R"kensa(x = 1 <> 2
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 7, 1, 9},
    {R"kensa(	if x:
  pass
)kensa",
     "IndentationError", R"kensa(unexpected indent)kensa", 1, 1, 1, -1},
    {R"kensa(if x:
	pass
        pass
)kensa",
     "TabError", R"kensa(inconsistent use of tabs and spaces in indentation)kensa", 3, 1, 3, 0},
    {R"kensa(x = 1 \ 2
)kensa",
     "SyntaxError", R"kensa(unexpected character after line continuation character)kensa", 1, 8, 1,
     0},
    {R"kensa(match x:
    case 1 + 2: pass
)kensa",
     "SyntaxError", R"kensa(imaginary number required in complex literal)kensa", 2, 14, 2, 15},
    {R"kensa(match x:
    case a as _: pass
)kensa",
     "SyntaxError", R"kensa(cannot use '_' as a target)kensa", 2, 15, 2, 16},
    {R"kensa(match x:
    case a as 1: pass
)kensa",
     "SyntaxError", R"kensa(invalid pattern target)kensa", 2, 15, 2, 16},
    {R"kensa(match x:
    case C(a=1, b): pass
)kensa",
     "SyntaxError", R"kensa(positional patterns follow keyword patterns)kensa", 2, 17, 2, 18},
    {R"kensa(match x:
    case {**a, b: 1}: pass
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 2, 16, 2, 17},
    {R"kensa(match x
    case 1: pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 1, 8, 1, 8},
    {R"kensa(match x:
    case 1
        pass
)kensa",
     "SyntaxError", R"kensa(expected ':')kensa", 2, 11, 2, 11},
    {R"kensa(def f():
    nonlocal
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 2, 13, 2, 13},
    {R"kensa(global
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 7, 1, 7},
    {R"kensa(assert x = 1
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 10, 1, 11},
    {R"kensa(async x
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 7, 1, 8},
    {R"kensa(@
def f(): pass
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 2, 1, 2},
    {R"kensa(@x
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 0, 1, 0},
    {R"kensa(class C(x for x in y): pass
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 11, 1, 14},
    {R"kensa(f(*)
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 4, 1, 5},
    {R"kensa(a[1:2:3:4]
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 8, 1, 9},
    {R"kensa(x = {1: 2, **}
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 14, 1, 15},
    {R"kensa(x = f"{}"
)kensa",
     "SyntaxError", R"kensa(f-string: empty expression not allowed)kensa", 1, 10, 1, 10},
    {R"kensa(x = f"{a!x}"
)kensa",
     "SyntaxError",
     R"kensa(f-string: invalid conversion character: expected 's', 'r', or 'a')kensa", 1, 13, 1,
     13},
    {R"kensa(x = f"{a b}"
)kensa",
     "SyntaxError", R"kensa(f-string: invalid syntax. Perhaps you forgot a comma?)kensa", 1, 2, 1,
     5},
    {R"kensa(x = f"{!r}"
)kensa",
     "SyntaxError", R"kensa(f-string: expression required before '!')kensa", 1, 12, 1, 12},
    {R"kensa(x = b"\xff" "a"
)kensa",
     "SyntaxError", R"kensa(cannot mix bytes and nonbytes literals)kensa", 1, 16, 1, 16},
    {R"kensa(x = b"é"
)kensa",
     "SyntaxError", R"kensa(bytes can only contain ASCII literal characters)kensa", 1, 10, 1, 10},
    {R"kensa(x = "\N{foo}"
)kensa",
     "SyntaxError",
     R"kensa((unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name)kensa",
     1, 14, 1, 14},
    {R"kensa(else:
    pass
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 1, 1, 5},
    {R"kensa(elif x:
    pass
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 1, 1, 5},
    {R"kensa(x = (yield) = 1
)kensa",
     "SyntaxError", R"kensa(cannot assign to yield expression)kensa", 1, 6, 1, 11},
    {R"kensa(x = lambda: yield
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 13, 1, 18},
    {R"kensa(return from x
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 8, 1, 12},
    {R"kensa(x = 1 if 2 else
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 16, 1, 16},
    {R"kensa(def f[T](): pass
)kensa",
     "SyntaxError", R"kensa(expected '(')kensa", 1, 6, 1, 7},
    {R"kensa(type X = int
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 6, 1, 7},
    {R"kensa(x = not
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 8, 1, 8},
    {R"kensa(x = a.
)kensa",
     "SyntaxError", R"kensa(invalid syntax)kensa", 1, 7, 1, 7},
    {R"kensa(x = a[
)kensa",
     "SyntaxError", R"kensa('[' was never closed)kensa", 1, 6, 1, 0},
    {R"kensa(x = f(
)kensa",
     "SyntaxError", R"kensa('(' was never closed)kensa", 1, 6, 1, 0},
};

class ParserErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ParserErrorTest, MatchesCPython) {
  const ErrorCase& c = GetParam();
  Source source = Source::FromUtf8(c.source);
  ParsedModule parsed = ParseModule(source);
  ASSERT_TRUE(parsed.error.has_value()) << c.source;
  const SyntaxError& e = *parsed.error;
  EXPECT_STREQ(e.TypeName(), c.type) << c.source;
  EXPECT_EQ(e.message, c.message) << c.source;
  EXPECT_EQ(e.line, c.line) << c.source;
  EXPECT_EQ(e.PythonOffset(), c.offset) << c.source;
  EXPECT_EQ(e.end_line, c.end_line) << c.source;
  EXPECT_EQ(e.PythonEndOffset(), c.end_offset) << c.source;
}

INSTANTIATE_TEST_SUITE_P(Snippets, ParserErrorTest, testing::ValuesIn(kCases));

}  // namespace
}  // namespace kensa::python
