// The reference's text rules for finding code (block ends, definitions, indentation) against
// CPython 3.11: every expectation is what the reference's expressions give on /usr/bin/python3.
#include "checks/copy_code.h"

#include <gtest/gtest.h>

#include <string>

namespace kensa::checks {
namespace {

struct LineCase {
  const char* line;
  bool expected;
};
struct ContinueCase {
  const char* line;
  const char* indent;
  bool expected;
};
struct DefinitionCase {
  const char* line;
  const char* indent;
  const char* name;
  bool expected;
};
struct IndentCase {
  const char* code;
  bool ok;
  const char* indent;
};

const LineCase kClosesCases[] = {
    {"):\n", true},
    {"    ):\n", true},
    {"    ) -> torch.Tensor:\n", true},
    {"    ) -> Tuple[int, int]:  \n", true},
    {")->X:", true},
    {") -> X: # c\n", false},
    {") :\n", false},
    {"):  x\n", false},
    {") -> dict[str, int]:\n", true},
    {"  ) -> a:b:\n", true},
    {")\n", false},
    {") -> X\n:\n", false},
    {"x):\n", false},
    {"\t) ->:\n", true},
    {"):\r\n", true},
    {") -> X:\r\n", true},
};
const ContinueCase kContinueCases[] = {
    {"        x = 1\n", "        ", true},
    {"    x = 1\n", "        ", false},
    {"\n", "        ", true},
    {"x", "    ", true},
    {"é", "    ", true},
    {"éa", "    ", false},
    {"", "    ", true},
    {" \n", "    ", false},
    {"    ):\n", "        ", true},
    {"# End copy\n", "    ", false},
};
const DefinitionCase kDefinitionCases[] = {
    {"class Foo(nn.Module):\n", "", "Foo", true},
    {"class Foo:\n", "", "Foo", true},
    {"class FooBar:\n", "", "Foo", false},
    {"def foo(x):\n", "", "foo", true},
    {"    def foo(self):\n", "    ", "foo", true},
    {"        def foo(self):\n", "    ", "foo", false},
    {"    def foo(self):\n", "", "foo", false},
    {"async def foo():\n", "", "foo", false},
    {"def  foo (x):\n", "", "foo", false},
    {"def\tfoo(x):\n", "", "foo", true},
    {"classFoo:\n", "", "Foo", false},
    {"class Foo :\n", "", "Foo", false},
    {"def (x):\n", "", "", true},
    {"def foo(x):\n", "", "fo[o]", true},
    {"def fo(x):\n", "", "fo+", true},
    {"def foo(x):\n", "", "f.o", true},
    {"class Foo[T]:\n", "", "Foo", false},
};
const IndentCase kIndentCases[] = {
    {"    x = 1\n", true, "    "},
    {"\n\n        y\n", true, "        "},
    {"", true, ""},
    {"\n\n", true, ""},
    {"def f():\n    pass\n", true, ""},
    {"\t\tz", true, "\t\t"},
    {"    \n    x\n", false, ""},
    {"　x", true, "　"},
};

TEST(CopyCodeTest, ClosesSignature) {
  for (const LineCase& c : kClosesCases) EXPECT_EQ(ClosesSignature(c.line), c.expected) << c.line;
}

TEST(CopyCodeTest, ShouldContinueBlock) {
  for (const ContinueCase& c : kContinueCases) {
    EXPECT_EQ(ShouldContinueBlock(c.line, c.indent), c.expected) << c.line;
  }
}

TEST(CopyCodeTest, IsDefinitionOf) {
  for (const DefinitionCase& c : kDefinitionCases) {
    std::string error;
    EXPECT_EQ(IsDefinitionOf(c.line, c.indent, c.name, &error), c.expected)
        << c.line << " / " << c.name;
    EXPECT_EQ(error, "");
  }
}

TEST(CopyCodeTest, GetIndent) {
  for (const IndentCase& c : kIndentCases) {
    std::string_view indent;
    ASSERT_EQ(GetIndent(c.code, &indent), c.ok) << c.code;
    if (c.ok) {
      EXPECT_EQ(indent, c.indent) << c.code;
    }
  }
}

TEST(CopyCodeTest, PythonIndexingAndSlicing) {
  PyLines lines = {"a\n", "b\n", "c\n"};
  std::string_view at;
  ASSERT_TRUE(PyAt(lines, -1, &at));
  EXPECT_EQ(at, "c\n");
  EXPECT_FALSE(PyAt(lines, 3, &at));
  EXPECT_FALSE(PyAt(lines, -4, &at));
  EXPECT_EQ(PyJoinSlice(lines, 1, 3), "b\nc\n");
  EXPECT_EQ(PyJoinSlice(lines, 2, 1), "");
  EXPECT_EQ(PyJoinSlice(lines, 0, -1), "a\nb\n");
  EXPECT_EQ(PyJoinSlice(lines, 1, 99), "b\nc\n");
  EXPECT_EQ(PySlice(lines, -2, 3).size(), 2u);
}

TEST(CopyCodeTest, PathJoinIsPosixpathJoin) {
  EXPECT_EQ(PyPathJoin("src/diffusers", "models.py"), "src/diffusers/models.py");
  EXPECT_EQ(PyPathJoin("models/", "x"), "models/x");
  EXPECT_EQ(PyPathJoin("", "x"), "x");
  EXPECT_EQ(PyPathJoin("a", "/abs"), "/abs");
  EXPECT_EQ(PyPathJoin("a", ""), "a/");
}

}  // namespace
}  // namespace kensa::checks
