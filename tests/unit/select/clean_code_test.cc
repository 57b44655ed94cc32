// The reference's clean_code, quirks included, and the token-based rule.
#include "select/clean_code.h"

#include <gtest/gtest.h>

#include "select/token_clean_code.h"

namespace kensa::select {
namespace {

TEST(CleanCodeTest, DropsDocstringsCommentsAndBlankLines) {
  EXPECT_EQ(
      ReferenceCleanCode("def f():\n    \"\"\"Doc.\"\"\"\n    # comment\n\n    return 1  # why\n"),
      "def f():\n    return 1  ");
  EXPECT_EQ(ReferenceCleanCode("x = '''a\nb'''\ny = 2\n"), "x = \ny = 2");
}

TEST(CleanCodeTest, ReferenceQuirks) {
  // A '#' inside a string cuts the line: the reference cannot tell.
  EXPECT_EQ(ReferenceCleanCode("url = 'http://x/#anchor'\n"), "url = 'http://x/");
  EXPECT_TRUE(ReferenceDiffIsDocstringOnly("s = '#a'\n", "s = '#b'\n"));
  // Any triple-quoted string goes, docstring or not.
  EXPECT_TRUE(ReferenceDiffIsDocstringOnly("x = \"\"\"one\"\"\"\n", "x = \"\"\"two\"\"\"\n"));
  // An odd number of triple quotes shifts the pairing: what follows is dropped.
  EXPECT_TRUE(ReferenceDiffIsDocstringOnly("a = 1\n\"\"\"\nb = 2\n", "a = 1\n\"\"\"\nb = 3\n"));
  // Whitespace-only lines (any Python whitespace) are blank.
  EXPECT_TRUE(ReferenceDiffIsDocstringOnly("a = 1\n", "a = 1\n \x0c \n\t\n"));
  // Trailing spaces count.
  EXPECT_FALSE(ReferenceDiffIsDocstringOnly("a = 1\n", "a = 1 \n"));
  EXPECT_FALSE(ReferenceDiffIsDocstringOnly("a = 1\n", "a = 2\n"));
}

TEST(TokenCleanCodeTest, DocstringsCommentsAndLayoutOnly) {
  EXPECT_TRUE(TokenDiffIsDocstringOnly("def f():\n    \"\"\"Old.\"\"\"\n    return 1\n",
                                       "def f():\n    'New'  # comment\n\n    return 1\n"));
  EXPECT_TRUE(TokenDiffIsDocstringOnly("x = f(a,b)\n", "x = f(a, b)  # spacing\n"));
  EXPECT_TRUE(TokenDiffIsDocstringOnly("class A:\n    \"\"\"d\"\"\"\n", "class A:\n    'e' 'f'\n"));
}

TEST(TokenCleanCodeTest, SeesWhatTheReferenceMisses) {
  // A '#' inside a string is code to the tokenizer.
  EXPECT_FALSE(TokenDiffIsDocstringOnly("s = '#a'\n", "s = '#b'\n"));
  // A triple-quoted string that is assigned is code.
  EXPECT_FALSE(TokenDiffIsDocstringOnly("x = \"\"\"one\"\"\"\n", "x = \"\"\"two\"\"\"\n"));
  // An f-string statement can run code.
  EXPECT_FALSE(TokenDiffIsDocstringOnly("f'{a}'\n", "f'{b}'\n"));
  EXPECT_FALSE(TokenDiffIsDocstringOnly("a = 1\n", "a = 2\n"));
  // A file that does not tokenize counts as changed.
  EXPECT_FALSE(TokenDiffIsDocstringOnly("a = (\n", "a = (\n"));
}

}  // namespace
}  // namespace kensa::select
