#!/usr/bin/python3
"""Invalid-snippet differential: kensa's SyntaxError against CPython's, computed live.

Each snippet below is parsed by CPython (the interpreter running this script, which must be
/usr/bin/python3, CPython 3.11: compile(..., ast.PyCF_ONLY_AST), i.e. ast.parse) and by
`kensa parse --dump-many`. Required: both reject, with the same exception type, line and
offset (CPython's 1-based SyntaxError.offset). The message must match too for the common
mistakes (COMMON = True: unclosed brackets, bad indentation, missing colons, invalid
assignment targets, unterminated strings, bad escapes in bytes); for the others a different
message is reported as a separate, non-fatal figure. Prints "N passed, M failed"; exits 1
on any failure.

  /usr/bin/python3 tests/differential/syntax_errors.py --kensa build/kensa
"""

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kensa_runner import cpython_outcome, kensa_outcomes, require_oracle  # noqa: E402

COMMON = True
OTHER = False

# (snippet, message must match). Grouped by the kind of mistake.
CASES = [
    # Unclosed and mismatched brackets.
    (b"x = (1, 2\n", COMMON),
    (b"foo(a, b\n\nprint(1)\n", COMMON),
    (b"d = {'a': 1,\n", COMMON),
    (b"x = [1, 2,\n  3\n", COMMON),
    (b"x = (1]\n", COMMON),
    (b"x = 1)\n", COMMON),
    (b"f(\n  a,\n  b]\n", COMMON),
    (b"x = {1: [2, (3}\n", COMMON),
    (b"(\n", COMMON),
    (b"def f(a, b:\n    pass\n", COMMON),
    (b"print('a' \n  if x else 'b'\n", COMMON),
    (b"x = [\n    1,\n    2\ny = 3\n", COMMON),
    (b"}\n", COMMON),
    # Bad indentation.
    (b"def f():\nreturn 1\n", COMMON),
    (b"if x:\n    a\n  b\n", COMMON),
    (b"x = 1\n    y = 2\n", COMMON),
    (b"for x in y:\npass\n", COMMON),
    (b"class C:\n\n", COMMON),
    (b"if x:\n\tif y:\n        pass\n", COMMON),
    (b"try:\nx\n", COMMON),
    (b"while x:\nx\n", COMMON),
    (b"with a:\npass\n", COMMON),
    (b"if a:\n  pass\nelse:\npass\n", COMMON),
    (b"def f():\n    x = 1\n   y = 2\n", COMMON),
    (b"if True:\n        pass\n    else:\n        pass\n", COMMON),
    (b"match x:\n    case 1:\n    pass\n", COMMON),
    (b"try:\n    pass\nexcept ValueError:\npass\n", COMMON),
    (b"async def f():\nawait x\n", COMMON),
    (b"if x:\n        a\n\tb\n", COMMON),
    # Missing colons.
    (b"if x\n    pass\n", COMMON),
    (b"def f()\n    pass\n", COMMON),
    (b"class C\n    pass\n", COMMON),
    (b"for x in y\n    pass\n", COMMON),
    (b"while True\n    pass\n", COMMON),
    (b"try\n    pass\nexcept:\n    pass\n", COMMON),
    (b"if x:\n    pass\nelse\n    pass\n", COMMON),
    (b"with open(f) as g\n    pass\n", COMMON),
    (b"if x:\n    pass\nelif y\n    pass\n", COMMON),
    (b"try:\n    pass\nexcept ValueError\n    pass\n", COMMON),
    (b"class C(Base)\n    pass\n", COMMON),
    (b"lambda x x\n", OTHER),
    # Invalid assignment targets.
    (b"f() = 1\n", COMMON),
    (b"1 = x\n", COMMON),
    (b"a + b = c\n", COMMON),
    (b"None = 1\n", COMMON),
    (b"True = 1\n", COMMON),
    (b"(a, b()) = 1, 2\n", COMMON),
    (b"[x for x in y] = 1\n", COMMON),
    (b"x + 1 += 1\n", COMMON),
    (b"f() += 1\n", COMMON),
    (b"a, b += 1\n", COMMON),
    (b"del f()\n", COMMON),
    (b"del *a\n", COMMON),
    (b"for f() in x: pass\n", COMMON),
    (b"with a as f(): pass\n", COMMON),
    (b"a if b else c = 1\n", COMMON),
    (b"lambda: 1 = 1\n", COMMON),
    (b"x = 1 = y\n", COMMON),
    (b"(x := 1) = 2\n", COMMON),
    (b"x = yield = 1\n", COMMON),
    (b"'abc' = 1\n", COMMON),
    (b"f'{x}' = 1\n", COMMON),
    (b"... = 1\n", COMMON),
    (b"{1: 2} = x\n", COMMON),
    (b"{a, b} = x\n", COMMON),
    (b"(a for a in b) = 1\n", COMMON),
    (b"[a, b, f()] = x\n", COMMON),
    (b"a.b, *c() = d\n", COMMON),
    (b"x: int, y: int = 1, 2\n", COMMON),
    (b"[a]: int\n", COMMON),
    (b"if x = 1:\n    pass\n", COMMON),
    (b"print(a=1=2)\n", OTHER),
    (b"f(a + 1 = 2)\n", OTHER),
    (b"(True := 1)\n", OTHER),
    (b"a.b := 1\n", OTHER),
    # Unterminated strings.
    (b"x = 'abc\n", COMMON),
    (b'x = "abc\n', COMMON),
    (b'x = """abc\n\n', COMMON),
    (b"s = '''\nabc\n", COMMON),
    (b"print('hello)\n", COMMON),
    (b"x = f'abc\n", COMMON),
    (b"x = 'abc\\\n", COMMON),
    (b"x = r'\\'\n", COMMON),
    (b"x = 1\ny = 'caf\xc3\xa9\n", COMMON),
    (b"x = b'abc\n", COMMON),
    (b"'''\n", COMMON),
    # Bad escapes and characters in string and bytes literals.
    (b"x = b'\\xz'\n", COMMON),
    (b"x = b'\\x4'\n", COMMON),
    (b"x = b'caf\xc3\xa9'\n", COMMON),
    (b"x = 1\ny = (b'ok',\n     b'\\x'\n)\n", COMMON),
    (b"x = '\\x4'\n", COMMON),
    (b"x = '\\u12'\n", COMMON),
    (b"x = '\\U0011ffff'\n", COMMON),
    (b"x = '\\N{no such name}'\n", COMMON),
    (b"x = '\\N'\n", COMMON),
    (b"x = b'a' 'b'\n", COMMON),
    (b"x = 'a' b'b'\n", COMMON),
    (b"x = f'a' b'b'\n", COMMON),
    # Source encoding and stray characters.
    (b"x = 'a\xff'\n", OTHER),
    (b"# coding: foo\nx = 1\n", OTHER),
    (b"\xef\xbb\xbf# coding: latin-1\nx = 1\n", OTHER),
    (b"x = 1\0\n", OTHER),
    (b"x = $\n", OTHER),
    (b"x = \xe2\x82\xac\n", OTHER),
    (b"x = \xe2\x80\x9cq\xe2\x80\x9d\n", OTHER),
    (b"x = \\ 1\n", OTHER),
    (b"x = 1 \\\n", OTHER),
    (b"a\xc2\xa0= 1\n", OTHER),
    # Numbers.
    (b"x = 08\n", OTHER),
    (b"x = 1_\n", OTHER),
    (b"x = 0x\n", OTHER),
    (b"x = 1__0\n", OTHER),
    (b"x = 0b2\n", OTHER),
    (b"x = 0o8\n", OTHER),
    (b"x = 1e\n", OTHER),
    (b"x = 0_7\n", OTHER),
    (b"x = 1.e5j_\n", OTHER),
    # Calls and function definitions.
    (b"print 'hello'\n", OTHER),
    (b"def f(a=1, b): pass\n", OTHER),
    (b"def f(*): pass\n", OTHER),
    (b"def f(*, **k): pass\n", OTHER),
    (b"def f(a, /, b, /): pass\n", OTHER),
    (b"def f(/): pass\n", OTHER),
    (b"def f(**k, a): pass\n", OTHER),
    (b"def f(*a=1): pass\n", OTHER),
    (b"def f(**k=1): pass\n", OTHER),
    (b"def f(*a, *b): pass\n", OTHER),
    (b"lambda x=1, y: x\n", OTHER),
    (b"f(**a, *b)\n", OTHER),
    (b"f(a=1, b)\n", OTHER),
    (b"f(a for a in b, c)\n", OTHER),
    (b"f(a, b for b in c)\n", OTHER),
    (b"print(end='' sep='')\n", OTHER),
    (b"class A(x for x in y): pass\n", OTHER),
    (b"@\ndef f(): pass\n", OTHER),
    (b"class C(:\n    pass\n", OTHER),
    # Expressions.
    (b"x = 1 +\n", OTHER),
    (b"a = 1 if b\n", OTHER),
    (b"x = 5 if 1 else\n", OTHER),
    (b"x = {1: 2, 3}\n", OTHER),
    (b"x = [1 2]\n", OTHER),
    (b"x = a b c\n", OTHER),
    (b"x = not\n", OTHER),
    (b"x = [i for i in range(3) if]\n", OTHER),
    (b"{**a for a in b}\n", OTHER),
    (b"[*a for a in b]\n", OTHER),
    (b"[a, b for a, b in c]\n", OTHER),
    (b"a = 1, *\n", OTHER),
    (b"a.1\n", OTHER),
    (b"x = (1 for x in y) = 2\n", OTHER),
    (b"x ==== y\n", OTHER),
    (b"x = a <> b\n", OTHER),
    (b"x = a if b else c if d\n", OTHER),
    # Statements.
    (b"import a.b as\n", OTHER),
    (b"from x import\n", OTHER),
    (b"from x import (a, b\n", OTHER),
    (b"from x import a,\n", OTHER),
    (b"import *\n", OTHER),
    (b"import a.\n", OTHER),
    (b"try:\n    pass\n", OTHER),
    (b"try:\n    pass\nexcept* A, B:\n    pass\n", OTHER),
    (b"try:\n    pass\nexcept A, B:\n    pass\n", OTHER),
    (b"try:\n    pass\nexcept* :\n    pass\n", OTHER),
    (b"async = 1\n", OTHER),
    (b"assert\n", OTHER),
    (b"return = 1\n", OTHER),
    (b"raise from x\n", OTHER),
    (b"x = 1;;\n", OTHER),
    (b"except:\n    pass\n", OTHER),
    (b"else:\n    pass\n", OTHER),
    (b"with (a as b, c as d:\n    pass\n", OTHER),
    (b"def f[T](): pass\n", OTHER),
    (b"type X = int\n", OTHER),
    (b"global x, \n", OTHER),
    (b"for x in range(10):\n    pass\nelse\n    pass\n", OTHER),
    (b"match x:\n    case {**rest, 'a': 1}:\n        pass\n", OTHER),
    (b"match x:\n    case 1 + 1:\n        pass\n", OTHER),
    (b"match x:\n    case f(a=1, b):\n        pass\n", OTHER),
    (b"match x:\ncase 1:\n    pass\n", OTHER),
    # f-strings (3.11).
    (b"f'{}'\n", OTHER),
    (b"f'{a!x}'\n", OTHER),
    (b"f'{a'\n", OTHER),
    (b"f'}'\n", OTHER),
    (b"f'{a b}'\n", OTHER),
    (b"f'{x:{y:{z}}}'\n", OTHER),
    (b"f'{a!}'\n", OTHER),
    (b"f'{\\'a\\'}'\n", OTHER),
    (b"f'{#}'\n", OTHER),
    (b"f'{a:{b}'\n", OTHER),
    (b"f'{)}'\n", OTHER),
    # Depth limits and end of file.
    (b"(" * 300 + b")" * 300 + b"\n", OTHER),
    (b"[" * 201 + b"]" * 201 + b"\n", OTHER),
    (b"f(" * 1000, OTHER),
    (b"x = " + b"-" * 100000 + b"1\n", OTHER),
    (b"\\\n", OTHER),
    (b"x = 1 \\", OTHER),
    (b"if x:\n", OTHER),
]


def main() -> int:
    require_oracle()
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kensa", required=True, help="the kensa executable")
    parser.add_argument("--verbose", action="store_true", help="print every case")
    args = parser.parse_args()

    failed = 0
    message_notes = 0
    with tempfile.TemporaryDirectory(prefix="kensa_syntax_errors_") as tmp:
        paths = []
        for i, (source, _) in enumerate(CASES):
            path = os.path.join(tmp, f"case_{i:03d}.py")
            with open(path, "wb") as f:
                f.write(source)
            paths.append(path)
        got_all = kensa_outcomes(args.kensa, paths, timeout=300, file_timeout=30)
        for (source, common), path in zip(CASES, paths):
            want = cpython_outcome(source)
            got = got_all[path]
            shown = repr(source if len(source) <= 70 else source[:60] + b"...")
            problems = []
            if want.status == "ok":
                problems.append("CPython accepts this snippet: fix the test case")
            elif got.status != "error":
                problems.append(f"kensa: {got.status} {got.message}".rstrip())
            else:
                for field in ("type", "line", "offset"):
                    if getattr(want, field) != getattr(got, field):
                        problems.append(f"{field} {getattr(got, field)!r}, "
                                        f"CPython {getattr(want, field)!r}")
                if want.message != got.message:
                    if common:
                        problems.append("message differs")
                    else:
                        message_notes += 1
                        print(f"note: message differs for {shown}\n"
                              f"      cpython: {want.message}\n      kensa:   {got.message}")
            if problems:
                failed += 1
                print(f"FAIL {shown}: {'; '.join(problems)}\n"
                      f"      cpython: {want.where()}\n      kensa:   {got.where()}")
            elif args.verbose:
                print(f"ok   {shown}: {want.where()}")

    total = len(CASES)
    print(f"{total} snippets ({sum(1 for _, c in CASES if c)} common mistakes); "
          f"{message_notes} other messages differ (non-fatal)")
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
