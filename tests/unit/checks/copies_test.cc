// CheckCopies on small in-memory trees with a fake formatter that returns its input (a `ruff`
// that is `cat`). The expected messages and fixed files are what diffusers' utils/check_copies.py
// (at 58eb52c0803e, CPython 3.11.2) printed and wrote for the same trees with `cat` as ruff.
#include "checks/copies.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "project/memory_tree.h"

namespace kensa::checks {
namespace {

// Formats by returning the input (like `cat`), except snippets containing "SYNTAX_ERROR",
// which it rejects as ruff rejects invalid code; records every batch.
class FakeFormatter : public SnippetFormatter {
 public:
  bool FormatBatch(const std::vector<std::string>& snippets, std::vector<std::string>* formatted,
                   std::string* error) override {
    batches.push_back(snippets);
    if (!fail_with.empty()) {
      *error = fail_with;
      return false;
    }
    formatted->clear();
    for (const std::string& s : snippets) {
      formatted->push_back(s.find("SYNTAX_ERROR") != std::string::npos ? "" : s);
    }
    return true;
  }
  std::vector<std::vector<std::string>> batches;
  std::string fail_with;
};

// The result of applying a report's edits to the tree's files.
std::map<std::string, std::string> Fixed(const project::MemoryTree& tree,
                                         const CopiesReport& report) {
  std::map<std::string, std::string> out;
  for (const Edit& e : report.edits) {
    std::string text;
    std::string error;
    EXPECT_TRUE(tree.ReadFile(e.path, &text, &error));
    out[e.path] = text.substr(0, e.begin) + e.replacement + text.substr(e.end);
  }
  return out;
}

project::MemoryTree OrderTree() {
  project::MemoryTree tree;
  tree.AddFile(
      "src/diffusers/base.py",
      "class Bert:\n    def __init__(self):\n        self.bert = 1\n\n    def forward(self, "
      "x):\n        return x + self.bert\n\n\ndef helper(a):\n    return a * 2\n");
  tree.AddFile(
      "src/diffusers/copy_a.py",
      "# Copied from diffusers.base.Bert with Bert->Roberta all-casing\nclass Roberta:\n    "
      "def __init__(self):\n        self.roberta = 1\n\n    def forward(self, x):\n        "
      "return x + self.roberta\n\n\n# Copied from diffusers.base.helper\ndef helper(a):\n  "
      "  return a * 3\n");
  tree.AddFile(
      "src/diffusers/sub/copy_b.py",
      "class Other:\n    # Copied from diffusers.base.Bert.forward\n    def forward(self, "
      "x):\n        return x + self.bert\n\n    # Copied from diffusers.copy_a.helper\n    "
      "def helper(a):\n        return a * 2\n");
  return tree;
}

TEST(CopiesTest, CheckReportsWhatTheReferenceReports) {
  project::MemoryTree tree = OrderTree();
  FakeFormatter formatter;
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  EXPECT_EQ(report.exception_type, "Exception");
  EXPECT_EQ(report.exception, CopyMismatchMessage(report.mismatches));
  EXPECT_EQ(CopyMismatchMessage(report.mismatches),
            "Found the following copy inconsistencies:\n"
            "- src/diffusers/copy_a.py: copy does not match base.helper at line 11\n"
            "- src/diffusers/sub/copy_b.py: copy does not match copy_a.helper at line 6\n"
            "Run `make fix-copies` or `python utils/check_copies.py --fix_and_overwrite` to fix "
            "them.");
  // One copy has replacements: one batch with its one snippet.
  ASSERT_EQ(formatter.batches.size(), 1u);
  EXPECT_EQ(formatter.batches[0].size(), 1u);
  EXPECT_EQ(report.stats.copies, 4u);
}

TEST(CopiesTest, FixWritesWhatTheReferenceWritesInItsOrder) {
  project::MemoryTree tree = OrderTree();
  FakeFormatter formatter;
  CopiesOptions options;
  options.fix = true;
  CopiesReport report = CheckCopies(tree, options, &formatter);
  EXPECT_EQ(report.exception, "");
  EXPECT_EQ(report.printed,
            (std::vector<std::string>{"Detected changes, rewriting src/diffusers/copy_a.py.",
                                      "Detected changes, rewriting src/diffusers/sub/copy_b.py."}));
  EXPECT_EQ(report.rewritten,
            (std::vector<std::string>{"src/diffusers/copy_a.py", "src/diffusers/sub/copy_b.py"}));
  std::map<std::string, std::string> fixed = Fixed(tree, report);
  EXPECT_EQ(fixed["src/diffusers/copy_a.py"],
            "# Copied from diffusers.base.Bert with Bert->Roberta all-casing\nclass Roberta:\n    "
            "def __init__(self):\n        self.roberta = 1\n\n    def forward(self, x):\n        "
            "return x + self.roberta\n\n\n# Copied from diffusers.base.helper\ndef helper(a):\n    "
            "return a * 2\n");
  // The comment is indented like the copied function's body, so the def line is compared (and
  // replaced) as if it were body: the reference's quirk, reproduced.
  EXPECT_EQ(fixed["src/diffusers/sub/copy_b.py"],
            "class Other:\n    # Copied from diffusers.base.Bert.forward\n    def forward(self, "
            "x):\n        return x + self.bert\n\n    # Copied from diffusers.copy_a.helper\n    "
            "return a * 2\n");
}

// Where Python's `re` rejects a `with A->B` pattern or an object name, the reference stops with
// re.error's traceback ("nothing to repeat at position 0", "missing ), unterminated subpattern
// at position 21", as CPython 3.11 says); kensa says the same after the file and line of the
// comment, in check and fix mode (the line as on disk, after an earlier fix in the same file).
TEST(CopiesTest, InvalidRegexIsReportedAtTheComment) {
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/base.py", "def helper(a):\n    return a * 2\n");
  // A copy that differs (fixed first in fix mode, which merges list items), then a bad pattern.
  tree.AddFile("src/diffusers/bad.py",
               "import os\n\n\n# Copied from diffusers.base.helper\ndef helper(a):\n    return "
               "a * 3\n\n\n# Copied from diffusers.base.helper with *x->y\ndef helper(a):\n    "
               "return a * 2\n");
  for (bool fix : {false, true}) {
    FakeFormatter formatter;
    CopiesOptions options;
    options.fix = fix;
    CopiesReport report = CheckCopies(tree, options, &formatter);
    EXPECT_EQ(report.exception_type, "re.error");
    EXPECT_EQ(report.exception,
              "src/diffusers/bad.py:9: invalid regular expression in `# Copied from`: "
              "re.sub('*x', 'y', code) fails: nothing to repeat at position 0")
        << (fix ? "fix" : "check");
    EXPECT_TRUE(report.rewritten.empty());
  }
  tree.AddFile("src/diffusers/bad.py",
               "x = 1\n\n# Copied from diffusers.base.helper(\ndef h(a):\n    pass\n");
  FakeFormatter formatter;
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  EXPECT_EQ(report.exception,
            "src/diffusers/bad.py:3: invalid regular expression in `# Copied from`: "
            "re.search('^(class|def)\\\\s+helper((\\\\(|\\\\:)', line) fails: missing ), "
            "unterminated subpattern at position 21");
}

project::MemoryTree ChainTree() {
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/base2.py", "def alpha(x):\n    return x + 1  # changed\n");
  tree.AddFile("src/diffusers/mid.py",
               "# Copied from diffusers.base2.alpha with alpha->beta\ndef beta(x):\n    return x "
               "+ 1\n");
  tree.AddFile("src/diffusers/sub/top.py",
               "# Copied from diffusers.mid.beta with beta->gamma\ndef gamma(x):\n    return x + "
               "1\n");
  return tree;
}

TEST(CopiesTest, CheckNeedsOneFormatterRun) {
  project::MemoryTree tree = ChainTree();
  FakeFormatter formatter;
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  EXPECT_EQ(CopyMismatchMessage(report.mismatches),
            "Found the following copy inconsistencies:\n"
            "- src/diffusers/mid.py: copy does not match base2.alpha at line 2\n"
            "Run `make fix-copies` or `python utils/check_copies.py --fix_and_overwrite` to fix "
            "them.");
  ASSERT_EQ(formatter.batches.size(), 1u);
  EXPECT_EQ(formatter.batches[0].size(), 2u);
}

TEST(CopiesTest, FixFollowsAChainWithASecondBatch) {
  // mid.py is fixed first; top.py, read later, then copies the fixed mid.py — a snippet that did
  // not exist before the fix, so it needs a second formatter run.
  project::MemoryTree tree = ChainTree();
  FakeFormatter formatter;
  CopiesOptions options;
  options.fix = true;
  CopiesReport report = CheckCopies(tree, options, &formatter);
  std::map<std::string, std::string> fixed = Fixed(tree, report);
  EXPECT_EQ(fixed["src/diffusers/mid.py"],
            "# Copied from diffusers.base2.alpha with alpha->beta\ndef beta(x):\n    return x + 1  "
            "# changed\n");
  EXPECT_EQ(fixed["src/diffusers/sub/top.py"],
            "# Copied from diffusers.mid.beta with beta->gamma\ndef gamma(x):\n    return x + 1  "
            "# changed\n");
  EXPECT_EQ(formatter.batches.size(), 2u);
  EXPECT_EQ(report.stats.formatter_runs, 2u);
}

TEST(CopiesTest, RejectedSnippetComparesAsEmpty) {
  // ruff prints nothing for code it cannot parse; the reference compares with "" and fixes to it.
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/a.py", "def f():\n    return 1\n");
  tree.AddFile("src/diffusers/b.py",
               "# Copied from diffusers.a.f with 1->SYNTAX_ERROR\ndef f():\n    return 1\n\n\nx = "
               "2\n");
  FakeFormatter formatter;
  CopiesOptions options;
  options.fix = true;
  CopiesReport report = CheckCopies(tree, options, &formatter);
  EXPECT_EQ(Fixed(tree, report)["src/diffusers/b.py"],
            "# Copied from diffusers.a.f with 1->SYNTAX_ERROR\ndef f():\n\n\nx = 2\n");
}

TEST(CopiesTest, MissingObjectIsTheReferencesValueError) {
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/a.py", "def f():\n    return 1\n");
  tree.AddFile("src/diffusers/b.py",
               "# Copied from diffusers.a.g with f->g\ndef g():\n    return 1\n");
  FakeFormatter formatter;
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  EXPECT_EQ(report.exception_type, "ValueError");
  EXPECT_EQ(report.exception, " a.g does not match any function or class in a.");
  EXPECT_TRUE(formatter.batches.empty());  // a check that stops needs no formatting
}

TEST(CopiesTest, MissingModuleIsTheReferencesValueError) {
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/b.py", "# Copied from diffusers.nope.g\ndef g():\n    return 1\n");
  FakeFormatter formatter;
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  EXPECT_EQ(report.exception,
            "`object_name` should begin with the name of a module of diffusers but got nope.g.");
}

TEST(CopiesTest, EndCopyStopsTheComparison) {
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/a.py", "def f():\n    x = 1\n    return x\n");
  tree.AddFile("src/diffusers/b.py",
               "# Copied from diffusers.a.f\ndef f():\n    x = 1\n    # End copy\n    return 2\n");
  FakeFormatter formatter;
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  ASSERT_EQ(report.mismatches.size(), 1u);  // "x = 1" alone is not the whole original
  EXPECT_EQ(report.mismatches[0].line, 2u);
}

TEST(CopiesTest, NoReplacementsNoFormatter) {
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/a.py", "def f():\n    return 1\n");
  tree.AddFile("src/diffusers/b.py", "# Copied from diffusers.a.f\ndef f():\n    return 1\n");
  FakeFormatter formatter;
  formatter.fail_with = "must not be called";
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  EXPECT_TRUE(report.mismatches.empty());
  EXPECT_EQ(report.tool_error, "");
  EXPECT_TRUE(formatter.batches.empty());
}

TEST(CopiesTest, FormatterFailureIsAToolError) {
  project::MemoryTree tree = ChainTree();
  FakeFormatter formatter;
  formatter.fail_with = "the formatter `ruff` was not found on PATH";
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  EXPECT_EQ(report.tool_error, "the formatter `ruff` was not found on PATH");
}

TEST(CopiesTest, InvalidUtf8IsTheReferencesDecodeError) {
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/a.py", "x = 'caf\xe9'\n");
  FakeFormatter formatter;
  CopiesReport report = CheckCopies(tree, {}, &formatter);
  EXPECT_EQ(report.exception_type, "UnicodeDecodeError");
  EXPECT_EQ(report.exception,
            "'utf-8' codec can't decode byte 0xe9 in position 8: invalid continuation byte");
}

}  // namespace
}  // namespace kensa::checks
