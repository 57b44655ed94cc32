// The `# Copied from` comment and its replacements against CPython 3.11: every expectation is
// what the reference's own regular expressions and re.sub calls give on /usr/bin/python3.
#include "checks/copy_comment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kensa::checks {
namespace {

struct CommentCase {
  const char* line;
  bool matches;
  const char* indent;
  const char* object_name;
  const char* replace_pattern;
};
struct ExpectedReplacement {
  const char* from;
  const char* to;
  bool all_casing;
};
struct PatternCase {
  const char* pattern;
  std::vector<ExpectedReplacement> replacements;
};
struct ReplaceCase {
  const char* pattern;
  const char* expected;
};

const CommentCase kCommentCases[] = {
    {"# Copied from diffusers.models.attention.Attention\n", true, "", "models.attention.Attention",
     ""},
    {"    # Copied from diffusers.a.b.C.f with A->B\n", true, "    ", "a.b.C.f", "with A->B"},
    {"\t#Copied from   diffusers.x.y   with  Bert->Roberta all-casing  \n", true, "\t", "x.y",
     "with  Bert->Roberta all-casing  "},
    {"# Copied from diffusers.x.\n", false, "", "", ""},
    {"# Copied from diffusers..x\n", false, "", "", ""},
    {"# Copied from diffusers.x..\n", true, "", "x..", ""},
    {"# Copied from diffusers.a.b.\n", true, "", "a.b.", ""},
    {"# Copied from diffusers.a\n", false, "", "", ""},
    {"# Copied from transformers.a.b\n", false, "", "", ""},
    {"# copied from diffusers.a.b\n", false, "", "", ""},
    {"#  Copied  from diffusers.a.b\n", false, "", "", ""},
    {"# Copied fromdiffusers.a.b\n", false, "", "", ""},
    {"x = 1  # Copied from diffusers.a.b\n", false, "", "", ""},
    {"# Copied from diffusers.a.b with X->Y\r\n", true, "", "a.b", "with X->Y\r"},
    {"# Copied from diffusers.a.b with X->Y\n", true, "", "a.b", "with X->Y"},
    {"# Copied from diffusers.a.b", true, "", "a.b", ""},
    {"　# Copied from diffusers.a.b with é->É\n", true, "　", "a.b", "with é->É"},
    {"# Copied from diffusers.a.b.c.d.e with\n", true, "", "a.b.c.d.e", "with"},
};
const PatternCase kPatternCases[] = {
    {"with A->B", {{"A", "B", false}}},
    {"with A->B, C->D all-casing", {{"A", "B", false}, {"C", "D", true}}},
    {"with Bert->Roberta all-casing, ROBERTA->CAMEMBERT",
     {{"Bert", "Roberta", true}, {"ROBERTA", "CAMEMBERT", false}}},
    {"with preprocess_image -> preprocess_original_image", {}},
    {"with a->b->c", {{"a->b", "c", false}}},
    {"with a->b->", {{"a", "b->", false}}},
    {"with a-->b", {{"a-", "b", false}}},
    {"with withA->B", {{"A", "B", false}}},
    {"with X->Y  all-casing  ", {{"X", "Y", true}}},
    {"with X->Y all-casing extra", {{"X", "Y", false}}},
    {"with ->B, A->, A->B", {{"A", "B", false}}},
    {"with self.scheduler->scheduler,t_start->t_begin",
     {{"self.scheduler", "scheduler", false}, {"t_start", "t_begin", false}}},
    {"A->B", {{"A", "B", false}}},
    {"with  A->B\tall-casing", {{"A", "B", true}}},
};
const ReplaceCase kReplaceCases[] = {
    {"with Bert->MobileBert all-casing",
     "class MobileBertModel(MobileBertPreTrainedModel):\n    def __init__(self):\n        "
     "self.mobilebert = MobileBertEncoder()\n        x = MOBILEBERT_INPUTS_DOCSTRING\n"},
    {"with Bert->Roberta, Roberta->Camembert",
     "class CamembertModel(CamembertPreTrainedModel):\n    def __init__(self):\n        self.bert "
     "= CamembertEncoder()\n        x = BERT_INPUTS_DOCSTRING\n"},
    {"with Bert->Roberta",
     "class RobertaModel(RobertaPreTrainedModel):\n    def __init__(self):\n        self.bert = "
     "RobertaEncoder()\n        x = BERT_INPUTS_DOCSTRING\n"},
    {"with BERT->XLM all-casing",
     "class BertModel(BertPreTrainedModel):\n    def __init__(self):\n        self.xlm = "
     "BertEncoder()\n        x = XLM_INPUTS_DOCSTRING\n"},
    {"with self.bert->self.model",
     "class BertModel(BertPreTrainedModel):\n    def __init__(self):\n        self.model = "
     "BertEncoder()\n        x = BERT_INPUTS_DOCSTRING\n"},
    {"with (Bert)(Model)->\\2\\1",
     "class ModelBert(BertPreTrainedModel):\n    def __init__(self):\n        self.bert = "
     "BertEncoder()\n        x = BERT_INPUTS_DOCSTRING\n"},
};

TEST(CopyCommentTest, MatchesLikeTheReferenceRegex) {
  for (const CommentCase& c : kCommentCases) {
    std::optional<CopyComment> m = MatchCopyComment(c.line, "diffusers");
    ASSERT_EQ(m.has_value(), c.matches) << c.line;
    if (!m) continue;
    EXPECT_EQ(m->indent, c.indent) << c.line;
    EXPECT_EQ(m->object_name, c.object_name) << c.line;
    EXPECT_EQ(m->replace_pattern, c.replace_pattern) << c.line;
  }
}

TEST(CopyCommentTest, PackageIsAPreset) {
  EXPECT_TRUE(MatchCopyComment("# Copied from transformers.models.bert.X\n", "transformers"));
  EXPECT_FALSE(MatchCopyComment("# Copied from transformers.models.bert.X\n", "diffusers"));
}

TEST(CopyCommentTest, ParsesReplacePatternsLikeTheReference) {
  for (const PatternCase& c : kPatternCases) {
    std::vector<Replacement> got = ParseReplacePattern(c.pattern);
    ASSERT_EQ(got.size(), c.replacements.size()) << c.pattern;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].from, c.replacements[i].from) << c.pattern;
      EXPECT_EQ(got[i].to, c.replacements[i].to) << c.pattern;
      EXPECT_EQ(got[i].all_casing, c.replacements[i].all_casing) << c.pattern;
    }
  }
}

TEST(CopyCommentTest, AppliesReplacementsLeftToRightWithAllCasing) {
  const std::string code =
      "class BertModel(BertPreTrainedModel):\n    def __init__(self):\n        self.bert = "
      "BertEncoder()\n        x = BERT_INPUTS_DOCSTRING\n";
  for (const ReplaceCase& c : kReplaceCases) {
    std::string result = code, error;
    ASSERT_TRUE(ApplyReplacements(ParseReplacePattern(c.pattern), &result, &error)) << error;
    EXPECT_EQ(result, c.expected) << c.pattern;
  }
}

TEST(CopyCommentTest, InvalidReplacementRegexIsAnError) {
  std::string code = "x", error;
  EXPECT_FALSE(ApplyReplacements(ParseReplacePattern("with a(->b"), &code, &error));
  EXPECT_EQ(error,
            "re.sub('a(', 'b', code) fails: missing ), unterminated subpattern at position 1");
}

}  // namespace
}  // namespace kensa::checks
