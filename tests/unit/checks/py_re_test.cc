// PyRe (PCRE2 behind a Python-to-PCRE2 translation) against CPython 3.11's own `re`: every
// expectation is computed live by /usr/bin/python3 running tests/unit/checks/py_re_oracle.py
// on the same cases — re.sub results, re.match / re.search groups, and the exact text of the
// errors Python raises for bad patterns and templates.
#include "checks/py_re.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "checks/copy_comment.h"
#include "checks/py_text.h"

namespace kensa::checks {
namespace {

std::string Hex(std::string_view s) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

struct Case {
  std::string op;  // "sub", "match" or "search"
  std::vector<std::string> args;
};

// Python's answers, one per case, in the oracle's format.
std::vector<std::string> Oracle(const std::vector<Case>& cases) {
  char path[] = "/tmp/kensa_py_re_XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  FILE* f = fdopen(fd, "wb");
  for (const Case& c : cases) {
    std::string line = c.op;
    for (const std::string& a : c.args) line += "\t" + Hex(a);
    line += "\n";
    fwrite(line.data(), 1, line.size(), f);
  }
  fclose(f);
  std::string command = std::string("/usr/bin/python3 ") + KENSA_SOURCE_DIR +
                        "/tests/unit/checks/py_re_oracle.py < " + path;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[65536];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  std::remove(path);
  std::vector<std::string> lines;
  for (std::string_view line : PySplit(out, '\n')) {
    if (!line.empty()) lines.emplace_back(line);
  }
  return lines;
}

// kensa's answer to one case, in the oracle's format.
std::string Kensa(const Case& c) {
  std::string error;
  std::optional<PyRe> re = PyRe::Compile(c.args[0], &error);
  if (!re) return "error " + Hex(error);
  if (c.op == "sub") {
    std::string result;
    if (!re->Sub(c.args[1], c.args[2], &result, &error)) return "error " + Hex(error);
    return "ok " + Hex(result);
  }
  if (c.op == "findall") {
    std::vector<PyRe::Found> found;
    if (!re->FindAll(c.args[1], &found, &error)) return "error " + Hex(error);
    std::string out = "found ";
    for (size_t i = 0; i < found.size(); ++i) {
      if (i > 0) out += ",";
      out += Hex(found[i].text);
      // The offset is where the item is in the text.
      if (c.args[1].compare(found[i].offset, found[i].text.size(), found[i].text) != 0) {
        out += "(wrong offset)";
      }
    }
    return out;
  }
  std::vector<std::optional<std::string>> groups;
  if (!re->Find(c.args[1], c.op == "match", &groups)) return "none";
  std::string out = "groups ";
  for (size_t i = 0; i < groups.size(); ++i) {
    if (i > 0) out += ",";
    out += groups[i] ? Hex(*groups[i]) : "-";
  }
  return out;
}

std::string Printable(const Case& c) {
  std::string out = c.op + "(";
  for (size_t i = 0; i < c.args.size(); ++i) {
    std::string a = c.args[i].size() > 80 ? c.args[i].substr(0, 80) + "..." : c.args[i];
    out += (i > 0 ? ", " : "") + ("'" + a + "'");
  }
  return out + ")";
}

void ExpectSameAsPython(const std::vector<Case>& cases) {
  std::vector<std::string> expected = Oracle(cases);
  ASSERT_EQ(expected.size(), cases.size()) << "the oracle did not answer every case";
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(Kensa(cases[i]), expected[i]) << Printable(cases[i]);
  }
}

Case Sub(std::string pattern, std::string repl, std::string text) {
  return {"sub", {std::move(pattern), std::move(repl), std::move(text)}};
}

TEST(PyReTest, SubMatchesPython) {
  ExpectSameAsPython({
      Sub("Bert", "Roberta", "class BertModel(BertPreTrainedModel):\n    bert = Bert()\n"),
      Sub("self.scheduler", "scheduler", "self.scheduler.step(); self_scheduler; selfXscheduler"),
      Sub("a.c", "X", "abc a.c a\nc"),
      // Empty matches: allowed right after a match, never twice at one place.
      Sub("x*", "-", "abxd"),
      Sub("x*?", "-", "xx"),
      Sub("", "-", "ab"),
      Sub("", "-", ""),
      Sub("|a", "-", "a"),
      Sub("a|", "X", "ab"),
      Sub("a*", "-", "baaac"),
      Sub("(?:)", "-", "ab"),
      Sub("(a*)*", "-", "aab"),
      Sub("(a|)+", "-", "aab"),
      Sub("\\b", "|", "ab cd"),
      // Anchors: $ also before a final newline, \Z only at the end, ^ under re.M after every
      // newline (a final one included), \B never on an empty string.
      Sub("^", ">", "ab\ncd"),
      Sub("$", "<", "ab\n"),
      Sub("$", "<", "a\n\n"),
      Sub("$", "<", "ab\ncd"),
      Sub("a$", "A", "a\na\n"),
      Sub("\\Z", "!", "ab\n"),
      Sub("(?m)^", ">", "a\nb\n"),
      Sub("(?m)$", "<", "a\nb\n"),
      Sub("(?m)^a", "X", "a\na\n"),
      Sub("^$", "E", ""),
      Sub("^$", "E", "\n"),
      Sub("\\A", "!", "a\nb"),
      Sub("\\B", "|", ""),
      Sub("\\b", "|", ""),
      Sub("\\B", "|", "ab cd"),
      Sub("\\Bcat", "X", "cat concat"),
      Sub("\\bcat\\b", "dog", "cat concat cat_ cat."),
      Sub("(?m)(?<=\\n)^", ">", "a\n"),
      // Classes and Python's Unicode \w \d \s (str.isspace() has U+001C..U+001F).
      Sub("[A-Z][a-z]+", "W", "Hello World fooBar"),
      Sub("[^a-c]", "_", "abcdef"),
      Sub("[\\d\\s]", "#", "a1 b2\tc"),
      Sub("\\w+", "W", "naïve café 日本 x_1"),
      Sub("\\s", "_",
          "a\x1c"
          "b\u3000c\u200bd\u0085e"),
      Sub("\\S+", "X",
          "a\u00a0b\x1f"
          "c"),
      Sub("[\\S]", "X", "a b\x1c"),
      Sub("[^\\s]", "X", "a b\x1c"),
      Sub("\\W+", "-", "a, b;c"),
      Sub("[\\w-]+", "X", "a-b c"),
      Sub("\\d+", "#", "١٢٣ 12 ²"),
      Sub("\\D", "_", "1a٣"),
      Sub("[]a]", "!", "]a"),
      Sub("[a-]", "!", "-a"),
      Sub("[^]a]", "!", "]ab"),
      Sub("[[:alpha:]]", "X", "a:]] [:"),
      Sub("[.]", "!", "a.b"),
      Sub("[\\b]", "B", "a\bb"),
      Sub("[\\101-\\132]", "X", "AZaz"),
      Sub("[\\x41-\\x43]", "X", "ABCD"),
      Sub("[-a]", "X", "-ab"),
      Sub("[a\\-z]", "X", "a-bz"),
      // Quantifiers: {,n}, literal braces, lazy and possessive forms.
      Sub("a{2,3}", "X", "a aa aaa aaaa aaaaa"),
      Sub("a{2}", "X", "aaaaa"),
      Sub("a{,2}", "X", "aaa"),
      Sub("a{2,}?", "X", "aaaa"),
      Sub("a{,}", "X", "aaa b"),
      Sub("a{0}", "X", "ab"),
      Sub("a{1,2}?", "X", "aaa"),
      Sub("a{2}+", "X", "aaaaa"),
      Sub("x{", "Y", "x{ x{1"),
      Sub("x{1,2", "Y", "x{1,2"),
      Sub("x{}", "Y", "x{}"),
      Sub("x{a}", "Y", "x{a}"),
      Sub("a++b", "X", "aaab"),
      Sub("x*+x", "Y", "xxx"),
      Sub("(?>a+)b", "X", "aaab"),
      Sub("(?>a|ab)c", "X", "abc ac"),
      Sub("(a+)+b", "X", "aaab"),
      Sub("a|ab", "X", "ab"),
      Sub("(?:ab)+", "X", "ababab abab"),
      Sub("(ab)*c", "X", "ababc c"),
      // Look-around, backreferences, conditionals.
      Sub("a(?=b)", "X", "ab ac"),
      Sub("a(?!b)", "X", "ab ac"),
      Sub("(?<=a)b", "X", "ab cb"),
      Sub("(?<!a)b", "X", "ab cb"),
      Sub("(?<=\\d{2})x", "Y", "1x 12x"),
      Sub("(?<!^)x", "Y", "xx"),
      Sub("(a)\\1", "X", "aa ab"),
      Sub("(?i)(a)\\1", "X", "aA ab"),
      Sub("(?P<a>x)(?P=a)", "Y", "xx x"),
      Sub("(x)?(?(1)a|b)", "Y", "xa b xb"),
      Sub("(?P<q>x)?(?(q)a)", "Y", "xa a"),
      Sub("(a)|b\\1", "X", "ab b"),
      Sub("(?<=(a))b", "[\\1]", "ab"),
      // Flags: global, scoped, verbose, ASCII.
      Sub("(?i)bert", "X", "Bert BERT bErT"),
      Sub("(?s)a.b", "X", "a\nb"),
      Sub("a.b", "X", "a\nb a\rb"),
      Sub("(?x) a b # comment\n c", "X", "abc a b c"),
      Sub("(?x)[ ]a\\ b", "X", " a b"),
      Sub("(?i:b)ert", "X", "Bert BERT"),
      Sub("(?-i:b)ert", "X", "bert"),
      Sub("(?i)B(?-i:e)rt", "X", "bErt bert"),
      Sub("(?a)\\w+", "X", "naïve"),
      Sub("(?a:\\w)+", "X", "naïve"),
      Sub("(?a)\\d", "X", "1١"),
      Sub("(?a)\\s", "X", "a\u00a0b c"),
      Sub("(?a)\\bé", "X", "aé é"),
      Sub("(?a)\\B", "|", "aé b"),
      Sub("(?a)[\\W]", "X", "aé!"),
      Sub("(?i)(?-i:i)I", "X", "iI iİ"),
      Sub("(?u)\\w", "X", "é"),
      Sub("(?i)(?m)^a", "X", "b\nA"),
      Sub("(?x:a b)c", "X", "abc"),
      Sub("(?i)k", "X", "kK\u212a"),
      Sub("(?i)i", "X", "iIİı"),
      Sub("(?i)İ", "X", "iIİı"),
      Sub("(?i)[h-j]", "X", "İı"),
      Sub("(?i)[^i]", "X", "İıa"),
      Sub("(?i)[\u0130]", "X", "iI"),
      Sub("(?i)s", "X", "sSſ"),
      Sub("(?i)σ", "X", "Σσς"),
      Sub("(?i)straße", "X", "STRASSE Straße"),
      Sub("(?i)[a-z]+", "X", "AbC\u212a"),
      Sub("(?i)[^a]", "X", "aAb"),
      Sub("(?#comment)a", "b", "a"),
      // Escapes.
      Sub("\\x41\\u0042", "ok", "AB"),
      Sub("\\u00e9", "e", "é"),
      Sub("\\U0001F600", ":)", "😀"),
      Sub("\\N{EM DASH}", "-", "a—b"),
      Sub("\\N{em dash}", "-", "a—b"),
      Sub("\\0", "Z", std::string("a\0b", 3)),
      Sub("\\012", "N", "a\nb"),
      Sub("\\101", "X", "A"),
      Sub("\\.", "!", "a.b"),
      Sub("\\:", "!", "a:b"),
      Sub("\\t", "T", "a\tb"),
      Sub("\\#", "H", "#"),
      Sub("\\ ", "_", "a b"),
      Sub("\\é", "E", "é"),
      Sub("é.", "E", "café! éa"),
      Sub("\\ud800", "X", "a"),
      // Templates.
      Sub("(\\w+)@(\\w+)", "\\2 at \\1", "me@host you@there"),
      Sub("(?P<n>\\d+)", "<\\g<n>>", "a1b22c333"),
      Sub("(a)|(b)", "[\\1\\2]", "abc"),
      Sub("(a)(b)?", "[\\2]", "a ab"),
      Sub("(x)", "\\g<0>\\g<1>", "x"),
      Sub("(x)", "\\101", "x"),
      Sub("x", "\\0", "axb"),
      Sub("x", "\\01\\012", "x"),
      Sub("a.b", "\\n", "axb"),
      Sub("x", "\\\\", "x"),
      Sub("x", "a\\.b", "x"),
      Sub("x", "\\-\\é", "x"),
      Sub("x", "\\a\\b\\f\\n\\r\\t\\v", "x"),
      Sub("(x)", "\\g< 1>", "x"),
      Sub("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "\\10\\1\\g<10>0", "abcdefghij"),
      Sub("def", "DEF", "undefined def"),
      Sub("BERT", "MOBILEBERT", "BERT_INPUTS"),
  });
}

TEST(PyReTest, PatternErrorsMatchPython) {
  const char* patterns[] = {
      "a**",
      "*a",
      "(a",
      "a)",
      "[a",
      "\\q",
      "a{3,2}",
      "\\1",
      "(?",
      "(?P",
      "(?Px",
      "(?P<",
      "(?P<>x)",
      "(?P<1>x)",
      "(?P<a-b>x)",
      "(?P<a>x)(?P<a>y)",
      "(?P=",
      "(?P=a)",
      "(?P<a>(?P=a))",
      "(?<",
      "(?<x",
      "(?x",
      "(?z)",
      "(?i",
      "(?i-",
      "(?i-x",
      "(?-a:x)",
      "(?au)",
      "(?L)",
      "a(?i)",
      "b|(?i)a",
      "(?i:",
      "(?(1)a|b|c)",
      "(?(0)a)",
      "(?(x)a)",
      "(?(1a)b)",
      "(?(2)a)(b)",
      "(?(-1)a)",
      "(?#abc",
      "x{99999999999}",
      "\\x1",
      "\\u12",
      "\\U0011ffff",
      "\\N",
      "\\N{",
      "\\N{FOO}",
      "\\N{}",
      "[\\A]",
      "[\\9]",
      "[\\q]",
      "\\400",
      "[\\400]",
      "a\\",
      "[a-]b\\",
      "\\q\\",
      "(?<=a+)b",
      "(?<=a|bc)",
      "(?<=(a)\\1)",
      "(a(?<=\\1))",
      "(?<=^|,)x",
      "|*",
      "(*)",
      "^*",
      "\\b+",
      "\\A?",
      "a{1}{2}",
      "a*?*",
      "a++?",
      "(?'x')",
      "(?|a)",
      "(?R)",
      "(?i-i:a)",
      "(?t:a)",
      "(?-t:a)",
      "(?-:a)",
      "(?i-:a)",
      "x\ny)",
      "[z-a]",
      "[a-\\d]",
      "[\\d-z]",
      "[\\x5a-A]",
      "(?a)(?u)x",
      "(?P<é>x)(?P=é)y)",
      "\\8",
      "(a)\\2",
      "(?<=a)\\",
      "a{2}{3}",
      "(?P<a>x)(?P<b>y)\\3",
      "[\\N{FOO}]",
      "(?P",
      "(?P<x",
      "(?P=x",
      "(?:",
  };
  std::vector<Case> cases;
  for (const char* p : patterns) cases.push_back({"search", {p, "x"}});
  ExpectSameAsPython(cases);
}

TEST(PyReTest, TemplateErrorsMatchPython) {
  const char* templates[] = {
      "\\2",   "\\q",     "\\g<x>",  "\\",    "\\g",   "\\g<",         "\\g<1",
      "\\g<>", "\\g<-1>", "\\g<1a>", "\\777", "\\x41", "\\q\\",        "\\g<99999999999>",
      "\\8",   "\\11",    "a\\gb",   "\\g<a", "\\N",   "\\g<1>\\g<x>",
  };
  std::vector<Case> cases;
  for (const char* t : templates) cases.push_back(Sub("(a)", t, "a"));
  ExpectSameAsPython(cases);
}

TEST(PyReTest, MatchAndSearchGroupsMatchPython) {
  auto find = [](const char* op, const char* p, const char* s) { return Case{op, {p, s}}; };
  ExpectSameAsPython({
      // The two header patterns of transformers' check_codes_match.
      find("match", "class\\s+([^\\(:]+)(?:\\(|:)", "class Foo(Bar):"),
      find("search", "class\\s+([^\\(:]+)(?:\\(|:)", "    class Foo:"),
      find("match", "class\\s+([^\\(:]+)(?:\\(|:)", "    class Foo:"),
      find("match", "def\\s+([^\\(]+)\\(", "def forward(self, x):"),
      find("search", "def\\s+([^\\(]+)\\(", "async def f():"),
      find("search", "^    (class|def)\\s+fo[o]\\(", "    def foo(self):\n"),
      find("search", "^    (class|def)\\s+fo[o]\\(", "x\n    def foo(self):\n"),
      find("search", "^    (class|def)\\s+fo[o]\\(", "        def foo(self):\n"),
      find("search", "(a)|(b)", "b"),
      find("search", "(a)(b)?(c)", "ac"),
      find("match", "(?P<x>a)(?P<y>b)?", "a"),
      find("search", "(?:(a)|b)*", "ab"),
      find("search", "(|a)*", "aa"),
      find("search", "(a*)*", "b"),
      find("search", "(a*)+", "b"),
      find("search", "(a|b)*?c", "abc"),
      find("match", "", ""),
      find("search", "$", "a\n"),
  });
}

TEST(PyReTest, FindAllMatchesPython) {
  auto findall = [](const char* p, const char* s) { return Case{"findall", {p, s}}; };
  ExpectSameAsPython({
      // utils/check_support_list.py's patterns.
      findall("\\[\\[autodoc\\]\\]\\s([^\\n]+)",
              "[[autodoc]] models.A\n\n[[autodoc]]\u00a0models.B\n[[autodoc]]\n[[autodoc]]  C"),
      findall("class\\s+(\\w+Processor(?:\\d*_?\\d*))[:(]",
              "class AttnProcessor2_0:\nclass XProcessor(nn.Module):\nclass Nope:\n"),
      findall(
          "class\\s+(\\w+)\\s*\\(.*?nn\\.Module.*?\\):",
          "class GELU(nn.Module):\nclass Split(\n    nn.Module):\nclass B(torch.nn.Module, X):"),
      // No group: whole matches; empty matches between and after them, as finditer finds them.
      findall("a*", "baaac"),
      findall("", "ab"),
      findall("x|", "axb"),
      findall("(a)|b", "ab"),  // a group that did not take part gives ""
      findall("\\w+", "\u00e9t\u00e9 caf\u00e9"),
  });
}

// Every assigned code point (planes 0-3 and the tags / variation selectors of plane 14; the
// rest is unassigned or private use) against the classes whose Unicode tables PCRE2 and Python
// must agree on, and case-insensitive letters with several case partners.
TEST(PyReTest, UnicodeClassesMatchPythonOnEveryCodePoint) {
  std::u32string all;
  for (char32_t c = 0; c <= 0x323AF; ++c) {
    if (c < 0xD800 || c > 0xDFFF) all += c;
  }
  for (char32_t c = 0xE0000; c <= 0xE01EF; ++c) all += c;
  std::string text = EncodeUtf8(all);
  std::vector<Case> cases;
  // Runs (\\w+, not \\w) keep the number of matches, and the test's time, small.
  for (const char* p : {"\\w+", "\\W+", "\\d+", "\\s+", "\\S+", "\\b", "(?i)k", "(?i)i", "(?i)s",
                        "(?i)σ", "(?i)[a-z]+", "(?i)ǆ", "(?i)µ", "(?i)ß", "(?i)[^a-z]+"}) {
    cases.push_back(Sub(p, "", text));
  }
  std::vector<std::string> expected = Oracle(cases);
  ASSERT_EQ(expected.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    std::string got = Kensa(cases[i]);
    if (got == expected[i]) continue;
    // Name the first code point where the two differ rather than print megabytes.
    size_t at = 0;
    while (at < got.size() && at < expected[i].size() && got[at] == expected[i][at]) ++at;
    ADD_FAILURE() << cases[i].args[0] << ": kensa and Python differ from hex offset " << at
                  << ": kensa " << got.substr(at, 16) << " python " << expected[i].substr(at, 16);
  }
}

// Python patterns PCRE2 cannot express: refused with a clear message, never matched wrongly.
TEST(PyReTest, UnsupportedPatternsAreReported) {
  for (const char* p :
       {"(?ai)k", "(?a)(?i:k)", "x{70000}", "x{1,70000}", "(?t)a", "(?a)(?u:\\w)"}) {
    std::string error;
    EXPECT_FALSE(PyRe::Compile(p, &error)) << p;
    EXPECT_EQ(error.rfind("kensa does not support", 0), 0u) << p << ": " << error;
  }
  // Python's errors still come first.
  std::string error;
  EXPECT_FALSE(PyRe::Compile("(?ai)k)", &error));
  EXPECT_EQ(error, "unbalanced parenthesis at position 6");
}

TEST(PyReTest, SubViaLiteralFastPathAgrees) {
  // PySub replaces literal patterns with str.replace; it must agree with the engine.
  for (const auto& [pattern, repl, text] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"Bert", "Roberta", "BertModel Bert"},
           {"a-b_c:d", "X", "a-b_c:d a-b_c:dd"},
           {"ab", "", "aabb"}}) {
    std::string fast, slow, error;
    ASSERT_TRUE(PySub(pattern, repl, text, &fast, &error)) << error;
    ASSERT_TRUE(PyRe::Compile(pattern, &error)->Sub(repl, text, &slow, &error)) << error;
    EXPECT_EQ(fast, slow) << pattern;
  }
}

TEST(PyReTest, IsLiteral) {
  EXPECT_TRUE(PyRe::IsLiteral("BertModel"));
  EXPECT_TRUE(PyRe::IsLiteral("a-b_c:d"));
  EXPECT_FALSE(PyRe::IsLiteral("self.x"));
  EXPECT_FALSE(PyRe::IsLiteral("a{2}"));
  EXPECT_FALSE(PyRe::IsLiteral("a\\b"));
}

}  // namespace
}  // namespace kensa::checks
