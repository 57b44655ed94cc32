// Matching printed messages against templates, and reading what was pasted.
#include "query/message_match.h"

#include <gtest/gtest.h>

#include <string>

namespace kensa::query {
namespace {

// Builds a template from a pattern where "{}" is a hole.
MessageTemplate T(const std::string& pattern) {
  MessageTemplate t;
  size_t start = 0;
  for (size_t at; (at = pattern.find("{}", start)) != std::string::npos; start = at + 2) {
    AppendLiteral(&t, pattern.substr(start, at - start));
    AppendHole(&t, "");
  }
  AppendLiteral(&t, pattern.substr(start));
  return t;
}

TEST(MessageMatch, HolesMatchAnyTextAndLiteralsAreCounted) {
  TemplateMatch m = MatchTemplate(T("The module name {} (originally {}) is bad."),
                                  "The module name a/b_c (originally a/b-c) is bad.");
  EXPECT_TRUE(m.matched);
  EXPECT_FALSE(m.truncated);
  EXPECT_EQ(m.explained, std::string("The module name  (originally ) is bad.").size());
}

TEST(MessageMatch, ALiteralThatIsNotThereRejects) {
  EXPECT_FALSE(MatchTemplate(T("cannot open {}: denied"), "cannot open x: missing").matched);
  EXPECT_FALSE(MatchTemplate(T("exact"), "exact and more").matched);
  EXPECT_TRUE(MatchTemplate(T("exact{}"), "exact and more").matched);
}

TEST(MessageMatch, HolesMayBeEmptyAndTheLastLiteralEndsTheText) {
  EXPECT_TRUE(MatchTemplate(T("a{}b"), "ab").matched);
  // Greedy leftmost for middle literals, the last anchored at the end.
  EXPECT_TRUE(MatchTemplate(T("x{}-{}-"), "x-a-b-").matched);
  EXPECT_FALSE(MatchTemplate(T("x{}-{}-y"), "x-a-b-").matched);
}

TEST(MessageMatch, TextMayStopBeforeTheTemplate) {
  TemplateMatch m = MatchTemplate(T("first line {}\nsecond line"), "first line with value");
  EXPECT_TRUE(m.matched);
  EXPECT_TRUE(m.truncated);
  EXPECT_EQ(m.explained, std::string("first line ").size());
  m = MatchTemplate(T("{} failed: {}  \n{}"), "step 3 failed: timeout");
  EXPECT_TRUE(m.matched);
  EXPECT_EQ(m.explained, std::string(" failed: ").size());
  // Only at a line break: a line cut short is not the template.
  EXPECT_FALSE(
      MatchTemplate(T("Cannot do {} because it is late."), "Cannot do it because it").matched);
}

TEST(MessageMatch, UnexplainedTextMayPrecedeTheFirstLiteral) {
  TemplateMatch m = MatchTemplate(T("is not valid"), "[x] is not valid");
  EXPECT_TRUE(m.matched);
  EXPECT_EQ(m.explained, 12u);
}

TEST(MessageMatch, SurroundingWhitespaceOfTheTemplateIsIgnored) {
  EXPECT_TRUE(MatchTemplate(T("\n  done\n"), "done").matched);
}

TEST(MessageMatch, PathologicalInputStaysFast) {
  // Many holes against a long text of the same character: linear scans, no backtracking.
  MessageTemplate t;
  for (int i = 0; i < 2000; ++i) {
    AppendLiteral(&t, "a");
    AppendHole(&t, "");
  }
  AppendLiteral(&t, "b");
  EXPECT_FALSE(MatchTemplate(t, std::string(100000, 'a')).matched);
}

TEST(PrepareMessage, LoggingPrefix) {
  PreparedMessage p = PrepareMessage("WARNING:transformers.dynamic_module_utils:The module name x");
  EXPECT_EQ(p.text, "The module name x");
  EXPECT_EQ(p.level, "warning");
  EXPECT_EQ(p.prefix, "WARNING:transformers.dynamic_module_utils:");
}

TEST(PrepareMessage, ExceptionLineAndTraceback) {
  PreparedMessage p = PrepareMessage(
      "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n    f()\n"
      "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n");
  EXPECT_EQ(p.exception, "json.decoder.JSONDecodeError");
  EXPECT_EQ(p.text, "Expecting value: line 1 column 1 (char 0)");
}

TEST(PrepareMessage, WarningsPrefix) {
  PreparedMessage p = PrepareMessage("/usr/lib/x.py:12: DeprecationWarning: old API\n  call()\n");
  EXPECT_EQ(p.exception, "DeprecationWarning");
  EXPECT_EQ(p.text, "old API\n  call()");
}

TEST(PrepareMessage, PlainTextIsKept) {
  PreparedMessage p = PrepareMessage("  Note: nothing to strip here \r\n");
  EXPECT_EQ(p.text, "Note: nothing to strip here");
  EXPECT_EQ(p.exception, "");
  EXPECT_EQ(p.prefix, "");
}

}  // namespace
}  // namespace kensa::query
