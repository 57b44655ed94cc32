// The word-pair filter: a file that holds a message's text holds its word pairs; one that
// only shares words with it mostly does not.
#include "query/message_prefilter.h"

#include <gtest/gtest.h>

#include <string>

namespace kensa::query {
namespace {

TEST(WordPairFilter, SourceHoldingTheLiteralHoldsItsPairs) {
  std::string source =
      "logger.warning(\n"
      "    f\"The module name {new_name} (originally {name}) is not a valid Python identifier. \"\n"
      "    \"Please rename the original module to avoid import issues.\"\n)\n";
  std::vector<uint64_t> pairs = MessageWordPairs(
      "The module name a_b (originally a-b) is not a valid Python identifier. Please rename the "
      "original module to avoid import issues.");
  WordPairFilter f = BuildWordPairFilter(source);
  size_t present = CountPresent(f.view(), pairs);
  // Only the pairs around the two values are missing: (name, a_b), (a_b, originally),
  // (originally, a), (a, b) [inside a-b], (b, is).
  EXPECT_EQ(present, pairs.size() - 5);
}

TEST(WordPairFilter, SharedWordsInAnotherOrderAreNotPairs) {
  WordPairFilter f = BuildWordPairFilter("name = module  # the original is valid\n");
  std::vector<uint64_t> pairs =
      MessageWordPairs("The module name is not a valid Python identifier.");
  EXPECT_LE(CountPresent(f.view(), pairs), 1u);  // a false positive at most
}

TEST(WordPairFilter, NumbersAndConversionsAreSkipped) {
  // json.decoder: '%s: line %d column %d (char %d)' against "...: line 1 column 1 (char 0)".
  WordPairFilter f = BuildWordPairFilter("errmsg = '%s: line %d column %d (char %d)' % (msg,)\n");
  std::vector<uint64_t> pairs = MessageWordPairs("line 1 column 1 (char 0)");
  ASSERT_EQ(pairs.size(), 2u);  // (line, column), (column, char)
  EXPECT_EQ(CountPresent(f.view(), pairs), 2u);
}

TEST(WordPairFilter, ShortMessagesAndEmptyFiles) {
  EXPECT_TRUE(MessageWordPairs("oops").empty());
  EXPECT_EQ(MessageWordPairs("bad value").size(), 1u);
  WordPairFilter empty = BuildWordPairFilter("# \n");
  EXPECT_TRUE(empty.bits.empty());
  EXPECT_EQ(CountPresent(empty.view(), MessageWordPairs("a b c")), 0u);
}

TEST(WordPairFilter, LargeFilesFoldButKeepTheirPairs) {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "word" + std::to_string(i) + "x ";
  big += "needle haystack";
  WordPairFilter f = BuildWordPairFilter(big);
  EXPECT_TRUE(f.view().MayContain(MessageWordPairs("needle haystack")[0]));
  // Folded while sparse: at most 18 bits per pair (it was sized for 10 per 6 bytes, ~26 here).
  EXPECT_LE(f.bits.size() * 64, 20001u * 18);
  size_t false_positives = 0;
  for (int i = 0; i < 1000; ++i) {
    false_positives +=
        f.view().MayContain(MessageWordPairs("absent" + std::to_string(i) + "x y")[0]);
  }
  EXPECT_LT(false_positives, 50u);
}

}  // namespace
}  // namespace kensa::query
