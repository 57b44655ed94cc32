#include "index/summary_codec.h"

#include <gtest/gtest.h>

namespace kensa::index {
namespace {

ModuleSummary Sample() {
  ModuleSummary s;
  Import a;
  a.module = "torch.nn";
  a.asname = "nn";
  a.line = 3;
  a.flags = kImportGuarded;
  s.imports.push_back(a);
  Import b;
  b.module = "models";
  b.level = 2;
  b.line = 300;
  b.flags = kImportFrom | kTypeChecking;
  b.names = {{"UNet2DModel", ""}, {"VQModel", "VQ"}};
  s.imports.push_back(b);
  s.definitions = {{"Foo", 10, Definition::Kind::kClass, false},
                   {"bar", 20, Definition::Kind::kFunction, true}};
  s.has_all = true;
  s.all = {"Foo", "bar"};
  s.has_lazy_structure = true;
  s.lazy_exports = {{"models", "UNet2DModel", 5}, {"schedulers", "", 6}};
  s.dummies = {{"Foo", {"torch", "transformers"}, 10, true}};
  s.scopes = {{"Foo", 12, 0, 11, 20, Scope::Kind::kClass, {"Base", "mixins.Mixin"}},
              {"Foo.bar", 14, 4, 14, 15, Scope::Kind::kFunction, {}}};
  s.bindings = {{"", "path", "posixpath", 21, 0}, {"Foo", "__iter__", "keys", 16, 4}};
  s.error = SummaryError{"SyntaxError", "invalid syntax", 7, 3};
  return s;
}

TEST(SummaryCodecTest, RoundTrip) {
  ModuleSummary s = Sample();
  std::string bytes;
  EncodeSummary(s, &bytes);
  ModuleSummary back;
  ASSERT_TRUE(DecodeSummary(bytes, &back));
  EXPECT_EQ(back, s);

  std::string empty_bytes;
  EncodeSummary(ModuleSummary(), &empty_bytes);
  ASSERT_TRUE(DecodeSummary(empty_bytes, &back));
  EXPECT_EQ(back, ModuleSummary());
}

TEST(SummaryCodecTest, EveryTruncationAndTrailingGarbageIsRejected) {
  std::string bytes;
  EncodeSummary(Sample(), &bytes);
  ModuleSummary back;
  for (size_t len = 0; len < bytes.size(); ++len) {
    EXPECT_FALSE(DecodeSummary(std::string_view(bytes).substr(0, len), &back)) << len;
  }
  EXPECT_FALSE(DecodeSummary(bytes + "x", &back));
}

TEST(SummaryCodecTest, HugeCountsAreRejectedWithoutAllocating) {
  std::string bytes("\x00\xff\xff\xff\xff\xff\xff\xff\x7f", 9);  // no error, then the imports
  ModuleSummary back;
  EXPECT_FALSE(DecodeSummary(bytes, &back));
  std::optional<SummaryError> error;
  std::vector<uint32_t> names;
  EXPECT_FALSE(PeekSummary(bytes, &error, &names));
}

// A warm index reads only this much of a summary it does not need.
TEST(SummaryCodecTest, PeekGivesTheErrorAndTheImportsShape) {
  std::string bytes;
  EncodeSummary(Sample(), &bytes);
  std::optional<SummaryError> error;
  std::vector<uint32_t> names;
  ASSERT_TRUE(PeekSummary(bytes, &error, &names));
  EXPECT_EQ(error, Sample().error);
  EXPECT_EQ(names, (std::vector<uint32_t>{0, 2}));

  std::string clean;
  EncodeSummary(ModuleSummary(), &clean);
  ASSERT_TRUE(PeekSummary(clean, &error, &names));
  EXPECT_FALSE(error.has_value());
  EXPECT_TRUE(names.empty());
  // Cut inside the imports: refused, like a decode.
  EXPECT_FALSE(PeekSummary(std::string_view(bytes).substr(0, 40), &error, &names));
}

}  // namespace
}  // namespace kensa::index
