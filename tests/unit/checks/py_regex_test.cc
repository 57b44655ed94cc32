// PyRegex against CPython 3.11's re: every expectation below is what /usr/bin/python3 printed
// for re.sub(pattern, repl, text) or the re.error it raised.
#include "checks/py_regex.h"

#include <gtest/gtest.h>

#include <string>

#include "checks/copy_comment.h"

namespace kensa::checks {
namespace {

struct SubCase {
  const char* pattern;
  const char* repl;
  const char* text;
  const char* expected;
};
struct ErrorCase {
  const char* pattern;
  const char* error;
};
struct ReplErrorCase {
  const char* pattern;
  const char* repl;
  const char* error;
};

const SubCase kSubCases[] = {
    {"Bert", "Roberta", "class BertModel(BertPreTrainedModel):\n    bert = Bert()\n",
     "class RobertaModel(RobertaPreTrainedModel):\n    bert = Roberta()\n"},
    {"self.scheduler", "scheduler", "self.scheduler.step(); self_scheduler; selfXscheduler\n",
     "scheduler.step(); scheduler; scheduler\n"},
    {"a.c", "X", "abc a.c a\nc", "X X a\nc"},
    {"x*", "-", "abxd", "-a-b--d-"},
    {"x*?", "-", "xx", "-----"},
    {"", "-", "ab", "-a-b-"},
    {"^", ">", "ab\ncd", ">ab\ncd"},
    {"$", "<", "ab\n", "ab<\n<"},
    {"$", "<", "ab\ncd", "ab\ncd<"},
    {"a$", "A", "a\na\n", "a\nA\n"},
    {"\\Z", "!", "ab\n", "ab\n!"},
    {"(\\w+)@(\\w+)", "\\2 at \\1", "me@host you@there", "host at me there at you"},
    {"(?P<n>\\d+)", "<\\g<n>>", "a1b22c333", "a<1>b<22>c<333>"},
    {"(a)|(b)", "[\\1\\2]", "abc", "[a][b]c"},
    {"\\bcat\\b", "dog", "cat concat cat_ cat.", "dog concat cat_ dog."},
    {"\\Bcat", "X", "cat concat", "cat conX"},
    {"[A-Z][a-z]+", "W", "Hello World fooBar", "W W fooW"},
    {"[^a-c]", "_", "abcdef", "abc___"},
    {"[\\d\\s]", "#", "a1 b2\tc", "a##b##c"},
    {"a{2,3}", "X", "a aa aaa aaaa aaaaa", "a X X Xa XX"},
    {"a{2}", "X", "aaaaa", "XXa"},
    {"a{,2}", "X", "aaa", "XXX"},
    {"a{2,}?", "X", "aaaa", "XX"},
    {"x{", "Y", "x{ x{1", "Y Y1"},
    {"a|ab", "X", "ab", "Xb"},
    {"(?:ab)+", "X", "ababab abab", "X X"},
    {"(a*)*", "-", "aab", "--b-"},
    {"(a|)+", "-", "aab", "--b-"},
    {"a(?=b)", "X", "ab ac", "Xb ac"},
    {"a(?!b)", "X", "ab ac", "ab Xc"},
    {"(?<=a)b", "X", "ab cb", "aX cb"},
    {"(?<!a)b", "X", "ab cb", "ab cX"},
    {"(a)\\1", "X", "aa ab", "X ab"},
    {"é.", "E", "café! éa", "cafE E"},
    {"\\w+", "W", "naïve café 日本 x_1", "W W W W"},
    {"\\s+", " ", "a b c\nd", "a b c d"},
    {"\\d", "D", "1٣x", "DDx"},
    {"a++b", "X", "aaab", "X"},
    {"(?>a+)b", "X", "aaab", "X"},
    {"a.b", "\\n", "axb", "\n"},
    {"x", "\\\\", "x", "\\"},
    {"x", "a\\.b", "x", "a\\.b"},
    {"(x)", "\\g<0>\\g<1>", "x", "xx"},
    {"(x)", "\\101", "x", "A"},
    {"\\x41\\u0042", "ok", "AB", "ok"},
    {"\\.", "!", "a.b", "a!b"},
    {"\\:", "!", "a:b", "a!b"},
    {"[.]", "!", "a.b", "a!b"},
    {"[]a]", "!", "]a", "!!"},
    {"[a-]", "!", "-a", "!!"},
    {"\\t", "T", "a\tb", "aTb"},
    {"def", "DEF", "undefined def", "unDEFined DEF"},
    {"BERT", "MOBILEBERT", "BERT_INPUTS", "MOBILEBERT_INPUTS"},
    {"(?#comment)a", "b", "a", "b"},
    {"a|", "X", "ab", "XXbX"},
    {"(ab)*c", "X", "ababc c", "X X"},
};
const ErrorCase kPatternErrors[] = {
    {"a**", "multiple repeat at position 2"},
    {"*a", "nothing to repeat at position 0"},
    {"(a", "missing ), unterminated subpattern at position 0"},
    {"a)", "unbalanced parenthesis at position 1"},
    {"[a", "unterminated character set at position 0"},
    {"\\q", "bad escape \\q at position 0"},
    {"a{3,2}", "min repeat greater than max repeat at position 2"},
    {"\\1", "invalid group reference 1 at position 1"},
    // ("x" compiles)
};
const ReplErrorCase kTemplateErrors[] = {
    {"(a)", "\\2", "invalid group reference 2 at position 1"},
    {"(a)", "\\q", "bad escape \\q at position 0"},
    {"(a)", "\\g<x>", "unknown group name 'x'"},
    {"(a)", "\\", "bad escape (end of pattern) at position 0"},
};

TEST(PyRegexTest, SubMatchesCPython) {
  for (const SubCase& c : kSubCases) {
    std::string result, error;
    std::optional<PyRegex> regex = PyRegex::Compile(c.pattern, &error);
    ASSERT_TRUE(regex) << c.pattern << ": " << error;
    ASSERT_TRUE(regex->Sub(c.repl, c.text, &result, &error)) << c.pattern << ": " << error;
    EXPECT_EQ(result, c.expected) << "re.sub(" << c.pattern << ", " << c.repl << ")";
  }
}

TEST(PyRegexTest, SubViaFastPathMatchesEngine) {
  // PySub takes a literal shortcut; it must agree with the engine on every case.
  for (const SubCase& c : kSubCases) {
    std::string result, error;
    ASSERT_TRUE(PySub(c.pattern, c.repl, c.text, &result, &error)) << error;
    EXPECT_EQ(result, c.expected) << c.pattern;
  }
}

TEST(PyRegexTest, OctalZeroEscapeInTemplateIsNul) {
  std::string result, error;
  ASSERT_TRUE(PySub("x", "\\0", "axb", &result, &error));
  EXPECT_EQ(result, std::string("a\0b", 3));
}

TEST(PyRegexTest, PatternErrorsMatchCPython) {
  for (const ErrorCase& c : kPatternErrors) {
    std::string error;
    EXPECT_FALSE(PyRegex::Compile(c.pattern, &error)) << c.pattern;
    EXPECT_EQ(error, c.error) << c.pattern;
  }
}

TEST(PyRegexTest, TemplateErrorsMatchCPython) {
  for (const ReplErrorCase& c : kTemplateErrors) {
    std::string error, result;
    std::optional<PyRegex> regex = PyRegex::Compile(c.pattern, &error);
    ASSERT_TRUE(regex);
    EXPECT_FALSE(regex->Sub(c.repl, "a", &result, &error)) << c.repl;
    EXPECT_EQ(error, c.error) << c.repl;
  }
}

TEST(PyRegexTest, InlineFlagsAreReportedNotGuessed) {
  std::string error;
  EXPECT_FALSE(PyRegex::Compile("(?i)bert", &error));
  EXPECT_NE(error.find("unsupported"), std::string::npos) << error;
}

TEST(PyRegexTest, SearchAnchorsAtStringStartOnly) {
  std::string error;
  std::optional<PyRegex> regex = PyRegex::Compile("^    (class|def)\\s+fo[o]\\(", &error);
  ASSERT_TRUE(regex) << error;
  EXPECT_TRUE(regex->Search("    def foo(self):\n"));
  EXPECT_FALSE(regex->Search("x\n    def foo(self):\n"));
  EXPECT_FALSE(regex->Search("        def foo(self):\n"));
}

TEST(PyRegexTest, IsLiteral) {
  EXPECT_TRUE(PyRegex::IsLiteral("BertModel"));
  EXPECT_TRUE(PyRegex::IsLiteral("a-b_c:d"));
  EXPECT_FALSE(PyRegex::IsLiteral("self.x"));
  EXPECT_FALSE(PyRegex::IsLiteral("a{2}"));
  EXPECT_FALSE(PyRegex::IsLiteral("a\\b"));
}

}  // namespace
}  // namespace kensa::checks
