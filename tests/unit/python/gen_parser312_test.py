#!/usr/bin/env python3.12
"""Writes parser312_test.cc: what CPython 3.12 makes of each snippet below, for the unit test
of kensa's parser in 3.12 mode (type parameters, `type` statements, PEP 701 f-strings).

The expectations are recorded, not computed in the test, because CI machines have no
python3.12. After changing CASES, run with a CPython 3.12.1 (the oracle the rest of the
3.12 work is checked against):

  /root/.pyenv/versions/3.12.1/bin/python3.12 tests/unit/python/gen_parser312_test.py

Each snippet (a trailing newline is added) gets ast.dump(ast.parse(src),
include_attributes=True) if CPython accepts it, else the exception's class, message and
SyntaxError position (0 for exceptions without one, e.g. ValueError).
"""

import ast
import os
import shutil
import subprocess
import sys
import warnings

CASES = [
    # --- PEP 695: type parameters, `type` statements
    'def f[T](): pass',
    'def f[T: int, *Ts, **P](x: T) -> T: pass',
    'async def f[T](): pass',
    'class C[T](B): pass',
    'class C[T: (int, str)]: pass',
    'class C[T,]: pass',
    'type X = int',
    'type X[T] = list[T]',
    'type = 1',
    'type(x)',
    'type.x = 1',
    'x = type',
    'x = 1',
    '@d\ndef f[T](): pass',
    'match x:\n    case 1: pass',
    # --- PEP 701 f-strings
    'f"a{x!r:>10}b"',
    'f"{x=}"',
    'f"{x = !s:>{y}}"',
    'f"{x:>{y}}"',
    'f"{x:}"',
    'f"{x:{y}}"',
    'f"a{{b}}c"',
    'f"\\n{x}\\t"',
    '"a" f"b{x}c" "d"',
    'f"" "x"',
    '"" f"{x}"',
    'f"{x}" ""',
    'rf"\\n{x}"',
    'f"{x=!r}"',
    'f"{x=:10}"',
    'u"a" f"{x}"',
    'f"{x}" u"a"',
    'f"""a\n{x}\nb"""',
    'f"{ x }"',
    'f"{x,y}"',
    'f"{*a,}"',
    'def f():\n    f"{yield}"',
    'f"{x:{y}.{z}f}"',
    'f"{f\'{x}\'}"',
    'f"{x!a}"',
    'f"\\{x}"',
    'f"{{"',
    'f"}}"',
    'f"a" "b"',
    'f"{x:a{{b}}c}"',
    "f'{a:=1}'",
    "f'{(a:=1)}'",
    'f"{x:\\n}"',
    'b"a" b"c"',
    '"a" "b"',
    'f"{{{x}"',
    'f"a{{{x}"',
    'f"}}{x}"',
    'f"a}}b{x}"',
    'f"{x}{{"',
    'f"{x=}{{"',
    'f"{x}" f"{{"',
    'f"{x}a" "b" f"c{y}"',
    'f"{x=!r:^5}"',
    'f"{\nx\n=\n}"',
    "f'''{x\n}'''",
    "f'{x:\\x41}'",
    'f"\\N{DIGIT ONE}{x}"',
    'f"{x}\\N{DIGIT ONE}"',
    'f"{x:\\N{DIGIT ONE}}"',
    'U"a"',
    'u"a" "b"',
    '"a" U"b"',
    'rf"{x:\\n}"',
    'f"{x:\\n{y}}"',
    'Rb"x" b"y"',
    'f"{x:{y!r}}"',
    'def f():\n    f"{yield x}"',
    'f"{*x}"',
    'f"{x!r:}"',
    'f"{x=!r:}"',
    'f"{"a"}"',
    'f"{f"{f"{x}"}"}"',
    'f"{x:{"a"}}"',
    'f"{x # comment\n}"',
    'f"""{x\n# c\n= }"""',
    'f"{x:{y:{z}}}"',
    'match x:\n    case f"a":\n        pass',
    'f"é{x}ü{y=}"',
    'print(f"{x:.{p}f} and {y!s:>{w}}")',
    'f"{x=}" "a" f"{y!r}"',
    'f"{x:=10}"',
    'f"a" "" "b" f"{x}"',
    '"a" "" f"{x}"',
    'f"{x}" "" "" f"{y}"',
    'f"{x}" f"" "a"',
    'f"{x:{a}{b}}"',
    'f"{x:a{b}c{d}e}"',
    'f"{x:{y}a}"',
    'f"{3!r}"',
    'f"{x!r:{y}}"',
    'f"\\\n{x}"',
    'f"{x}\\\n"',
    'f"{ {1: 2}[1] }"',
    'f"{a[1:2]}"',
    'f"{x:%H:%M}"',
    'f"{x =   !r   :  >10  }"',
    # --- PEP 695 errors
    'def f[*Ts: int](): pass',
    'def f[**P: int](): pass',
    'def f[](): pass',
    'class C[]: pass',
    'type X[] = int',
    'def f[T=int](): pass',
    'type X = ',
    # --- PEP 701 errors
    "f'{a!r=}'",
    'f"\\x4"',
    'f"{x}" b"a"',
    'f"\\N{foo}" + 1',
    'x = (f"\\N{foo}"\n "a")',
    'f"{x!z}"',
    'f"{x! r}"',
    'f"{x!}"',
    'f"{x!rr}"',
    'f"{}"',
    'f"{=}"',
    'f"{!r}"',
    'f"{:}"',
    'f"{x y}"',
    'f"{x=y}"',
    'f"{x:{y}"',
    'f"{lambda x:x}"',
    'f"{lambda x:{y}}"',
    'f"{a b}"',
    'f"{x!r=}"',
    'f"{)}"',
    'f"{x:{)}}"',
    'f"{x.}"',
    'f"{x:}}"',
    'f"{x}}"',
    'x = f"{x" f"y}"',
    'f"{x!r"',
    'f"{"',
    'f"}"',
    'f"{x"',
    'f"{x:"',
    'f"{x!"',
    'kf"x"',
    '(kf"x")',
    # --- PEP 701: quotes reused inside fields
    "f'{'a' + 'b'}'",
    'f"{x["key"]}"',
    'f"{d["a"]["b"]!r:>{w["x"]}}"',
    "f'''{'''a'''}'''",
    'f"""{"""a"""}"""',
    'f"{\'\'\'a\'\'\'}"',
    # --- nesting depth
    'f"{f"{f"{f"{f"{x}"}"}"}"}"',
    'f"{f\'{f"""{f\'\'\'{x}\'\'\'}"""}\'}"',
    'f"{x:{y:{z:{w}}}}"',
    'f"{x:{f"{y:{z}}"}}"',
    # --- replacement fields over several lines
    'f"{\n    x\n    + y\n}"',
    'f"{a,\n b}"',
    'f"""{\nx\n}"""',
    'f"""a{\n    x:>10\n}b"""',
    'f"""{x\n    !r}"""',
    'f"{x:{\ny\n}}"',
    'x = f"""\n{a}\n  {b!r}\n"""',
    # --- comments inside fields
    'f"{x  # the value\n}"',
    'f"""{\n    x  # first\n    + y  # second\n}"""',
    'f"""{x  # c\n= }"""',
    'f"""{x=  # c\n}"""',
    'f"{x # c\n!r}"',
    # --- backslashes in expressions
    "f'{\"\\n\".join(a)}'",
    "f\"{'\\\\'}\"",
    "f'{a}\\n{b}'",
    "f'{\"\\N{BULLET}\"}'",
    'f"{x\\\n}"',
    # --- `=` debug fields: spaces, conversions, specs
    'f"{ x = }"',
    'f"{x=!s}"',
    'f"{x=!a}"',
    'f"{x=:>10}"',
    'f"{x = !a:^{w}}"',
    'f"{x+1=}"',
    'f"{a[0] = }"',
    'f"{f(a, b)=}"',
    'f"{x=!r:{y}.{z}}"',
    'f"a{x=}b{y=}c"',
    'f"{"a"=}"',
    'f"{x=}" f"{x=}"',
    'f"{x:=^10}"',
    'f"{x!s:=^10}"',
    # --- conversions
    'f"{x!s}"',
    'f"{x!r}"',
    'f"{x!r:>{w}}"',
    'f"{x!s:}"',
    'f"{x!a:{y}}"',
    # --- format specs with fields
    'f"{x:>{w}.{p}}"',
    'f"{x:{w}}{y:{w}}"',
    'f"{x:{{y}}}"',
    'f"{x:{y!r:{z}}}"',
    'f"{x:{"nested"}}"',
    'f"{x:a\\tb}"',
    'f"{x:é{y}}"',
    'f"{x:=}"',
    'f"{x:{f\'{y=}\'}}"',
    # --- concatenation with plain and bytes strings
    'f"{x}" "a" "b"',
    '"a" "b" f"{x}"',
    '"a" f"{x}" "b" f"{y}" "c"',
    'f"" ""',
    'f"" f""',
    '"" f""',
    'f"a" f"b"',
    'u"a" f"b" "c"',
    'f"a" u"b"',
    'u"" f"{x}" "a"',
    'f"{x}" rf"\\{y}" R"\\n"',
    '(f"{x}"\n "a"\n f"{y}")',
    'b"a" rb"\\n" Rb"x"',
    # --- raw f-strings
    'rf"\\{x}"',
    'fr"\\n{x!r}\\t"',
    'Rf"{x:\\n}"',
    'fR"{{\\}}"',
    'rf"""\\N{x}"""',
    'rf"a\\\nb"',
    # --- escaped braces
    'f"{{x}}"',
    'f"{{{x}}}"',
    'f"a{{b{x}c}}d"',
    'f"{x:{{}}}"',
    'f"}}}}{{{{"',
    'f"{{\\n}}"',
    # --- errors: fields
    'f"{ }"',
    'f"{*}"',
    'f"{**x}"',
    'f"{x:{}}"',
    'f"{!}"',
    'f"{x!r:"',
    'f"{lambda: 1}"',
    'f"{x!s=}"',
    'f"{x#}"',
    'f"{#}"',
    'f"{x:{y=}}"',
    'f"{x:{y:{z=}}}"',
    'f"{x=:{y=!r}}"',
    'f"{x:\\xz}"',
    'f"{x:\\N{foo}}"',
    'f"{x:{y:{z:{w}}}}}"',
    'f"{x:{y:{z:{w:{v}}}}}"',
    'f"{x:{{}"',
    'f"{x=!}"',
    'f"{x!r:{y!}}"',
    'f"{x!r:{}}"',
    'f"""{\nx\ny\n}"""',
    'f"{\nx +\n}"',
    'f"{x:{y}\n"',
    'f"{a + }"',
    'f"{if}"',
    'f"{x:{lambda x: 1}}"',
    'f"{yield from}"',
    'f"{x!r}}"',
    'f"{(}"',
    'f"{[}"',
    'f"{x)}"',
    'f"{\'a}"',
    'f"abc',
    'f"""abc',
    'f"{x}',
    'f"{x:\n}"',
    'f"a\nb"',
    'f"{x:a\nb}"',
    # --- errors: concatenation
    'f"a" b"b"',
    'b"a" f"b"',
    '"a" b"b"',
    'f"{x}" rb"a"',
    'b"a" "b" f"{x}"',
    'x = (f"{x}"\n      b"a")',
    'f"\\N{foo}" f"{x}"',
    '"\\N{foo}" f"{x}"',
    'b"\\xff" b"\\x"',
    'f"{x}" "\\N{foo}"',
    # --- 3.12's tokenizer: a non-ASCII character after a number starts a NAME
    'x = 10\u00e9',
    'x = 0x1\u00e9',
    # --- 3.12 has Unicode 15.0: its new characters are printable in reprs
    'x = "\u0cf3\U00031350" f"\U0001fabf{y}"',
]

HEADER = """\
// ParseModule with PythonVersion::k3_12 (type parameters, `type` statements, PEP 701
// f-strings): the ast.dump with positions, or the exception, must be CPython 3.12.1's.
// GENERATED by tests/unit/python/gen_parser312_test.py from CPython {version}
// (ast.dump(ast.parse(source), include_attributes=True)); edit the script, not this file.
#include <gtest/gtest.h>

#include <string>

#include "python/ast_dump.h"
#include "python/parser.h"
#include "python/source.h"

namespace kensa::python {{
namespace {{

struct DumpCase {{
  const char* source;
  const char* dump;
}};

// One case per snippet, as the script writes them.
// clang-format off
const DumpCase kCases[] = {{
"""

MIDDLE = """\
}};
// clang-format on

class Parser312DumpTest : public testing::TestWithParam<DumpCase> {{}};

TEST_P(Parser312DumpTest, MatchesCPython312) {{
  const DumpCase& c = GetParam();
  Source source = Source::FromUtf8(c.source);
  ParsedModule parsed = ParseModule(source, ParseOptions{{.version = PythonVersion::k3_12}});
  ASSERT_FALSE(parsed.error.has_value())
      << c.source << "\\n"
      << parsed.error->message << " at " << parsed.error->line << ":" << parsed.error->offset;
  ASSERT_NE(parsed.module, nullptr);
  DumpOptions options;
  options.version = PythonVersion::k3_12;
  EXPECT_EQ(DumpAst(*parsed.module, source, options), c.dump) << c.source;
}}

INSTANTIATE_TEST_SUITE_P(Constructs, Parser312DumpTest, testing::ValuesIn(kCases));

struct ErrorCase {{
  const char* source;
  const char* type;
  const char* message;
  uint32_t line;
  int64_t offset;  // as Python's SyntaxError.offset
  uint32_t end_line;
  int64_t end_offset;
}};

// clang-format off
const ErrorCase kErrorCases[] = {{
"""

FOOTER = """\
}};
// clang-format on

class Parser312ErrorTest : public testing::TestWithParam<ErrorCase> {{}};

TEST_P(Parser312ErrorTest, MatchesCPython312) {{
  const ErrorCase& c = GetParam();
  Source source = Source::FromUtf8(c.source);
  ParsedModule parsed = ParseModule(source, ParseOptions{{.version = PythonVersion::k3_12}});
  ASSERT_TRUE(parsed.error.has_value()) << c.source;
  const SyntaxError& e = *parsed.error;
  EXPECT_STREQ(e.TypeName(), c.type) << c.source;
  EXPECT_EQ(e.message, c.message) << c.source;
  EXPECT_EQ(e.line, c.line) << c.source;
  EXPECT_EQ(e.PythonOffset(), c.offset) << c.source;
  EXPECT_EQ(e.end_line, c.end_line) << c.source;
  EXPECT_EQ(e.PythonEndOffset(), c.end_offset) << c.source;
}}

INSTANTIATE_TEST_SUITE_P(Snippets, Parser312ErrorTest, testing::ValuesIn(kErrorCases));

}}  // namespace
}}  // namespace kensa::python
"""


def raw(text: str) -> str:
    """A C++ raw string literal holding `text`."""
    assert ")kensa\"" not in text
    return 'R"kensa(' + text + ')kensa"'


def outcome(source: str):
    """("ok", dump) or ("error", type, message, line, offset, end_line, end_offset)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(source.encode("utf-8"))
        except SyntaxError as e:
            return ("error", type(e).__name__, e.msg, e.lineno or 0, e.offset or 0,
                    e.end_lineno or 0, e.end_offset or 0)
        except (ValueError, MemoryError, RecursionError) as e:
            return ("error", type(e).__name__, str(e), 0, 0, 0, 0)
    return ("ok", ast.dump(tree, include_attributes=True))


def main() -> int:
    if sys.version_info[:2] != (3, 12):
        sys.exit(f"{sys.argv[0]}: run with a CPython 3.12, not {sys.version.split()[0]}")
    if len(set(CASES)) != len(CASES):
        sys.exit(f"{sys.argv[0]}: duplicate cases")
    dumps, errors = [], []
    for case in CASES:
        source = case + "\n"
        result = outcome(source)
        if result[0] == "ok":
            dumps.append(f"    {{{raw(source)},\n     {raw(result[1])}}},\n")
        else:
            _, typ, message, line, offset, end_line, end_offset = result
            errors.append(f"    {{{raw(source)},\n     \"{typ}\", {raw(message)}, {line}, "
                          f"{offset}, {end_line}, {end_offset}}},\n")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parser312_test.cc")
    with open(out, "w", encoding="utf-8") as f:
        f.write(HEADER.format(version=sys.version.split()[0]))
        f.writelines(dumps)
        f.write(MIDDLE.format())
        f.writelines(errors)
        f.write(FOOTER.format())
    if shutil.which("clang-format"):  # the repository's style (.clang-format)
        subprocess.run(["clang-format", "-i", out], check=True)
    print(f"{out}: {len(dumps)} dumps, {len(errors)} errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
