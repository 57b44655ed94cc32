#include "index/summary_cache.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "index/summary_codec.h"

namespace kensa::index {
namespace {

class SummaryCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kensa_cache_XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/sub/dir/index.bin";
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::string ReadAll() {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void WriteAll(const std::string& bytes) { std::ofstream(path_, std::ios::binary) << bytes; }

  void SaveOne() {
    ModuleSummary s;
    s.definitions = {{"X", 1, Definition::Kind::kClass, false}};
    CacheEntry e;
    e.hash = HashContent("class X: pass\n");
    e.size = 14;
    EncodeSummary(s, &e.payload);
    CacheStamp old_stamp{"a.py", {14, 1'000'000'000, 7, 1'000'000'000}, e.hash};
    // Written in the tick the stamps were taken (mtime), or renamed into place then (ctime).
    CacheStamp racy_mtime{"b.py", {14, 100'000'000'000, 8, 1'000'000'000}, e.hash};
    CacheStamp racy_ctime{"c.py", {14, 1'000'000'000, 9, 100'000'000'001}, e.hash};
    std::string error;
    CachedResolution resolution{HashContent("snapshot"), "resolved bytes"};
    ASSERT_TRUE(SummaryCache::Save(path_, {e}, {old_stamp, racy_mtime, racy_ctime}, &resolution,
                                   /*stamps_taken_ns=*/100'000'000'000, &error))
        << error;
  }

  std::string dir_;
  std::string path_;
};

TEST_F(SummaryCacheTest, SaveThenLoad) {
  SaveOne();
  std::string status;
  SummaryCache cache = SummaryCache::Load(path_, &status);
  EXPECT_EQ(status, "");
  ASSERT_EQ(cache.size(), 1u);
  std::string_view payload;
  ASSERT_TRUE(cache.FindPayload(HashContent("class X: pass\n"), 14, &payload));
  ModuleSummary s;
  ASSERT_TRUE(DecodeSummary(payload, &s));
  ASSERT_EQ(s.definitions.size(), 1u);
  EXPECT_EQ(s.definitions[0].name, "X");
  EXPECT_FALSE(cache.FindPayload(HashContent("class X: pass\n"), 15, &payload));
  EXPECT_FALSE(cache.FindPayload(HashContent("other"), 14, &payload));

  ContentHash h;
  EXPECT_EQ(cache.stamps_taken_ns(), 100'000'000'000);
  EXPECT_TRUE(cache.FindStamp("a.py", {14, 1'000'000'000, 7, 1'000'000'000}, &h));
  EXPECT_EQ(h, HashContent("class X: pass\n"));
  // Any field of git's stat data differing is a miss.
  EXPECT_FALSE(cache.FindStamp("a.py", {15, 1'000'000'000, 7, 1'000'000'000}, &h));
  EXPECT_FALSE(cache.FindStamp("a.py", {14, 1'000'000'001, 7, 1'000'000'000}, &h));
  EXPECT_FALSE(cache.FindStamp("a.py", {14, 1'000'000'000, 6, 1'000'000'000}, &h));
  EXPECT_FALSE(cache.FindStamp("a.py", {14, 1'000'000'000, 7, 1'000'000'001}, &h));
  // Not older than the moment the stamps were taken: racy, refused even when equal.
  EXPECT_FALSE(cache.FindStamp("b.py", {14, 100'000'000'000, 8, 1'000'000'000}, &h));
  EXPECT_FALSE(cache.FindStamp("c.py", {14, 1'000'000'000, 9, 100'000'000'001}, &h));

  EXPECT_TRUE(cache.FindResolved(HashContent("snapshot"), &payload));
  EXPECT_EQ(payload, "resolved bytes");
  EXPECT_FALSE(cache.FindResolved(HashContent("another snapshot"), &payload));
}

TEST_F(SummaryCacheTest, MissingFileIsAnEmptyCacheWithoutComplaint) {
  std::string status = "x";
  SummaryCache cache = SummaryCache::Load(path_, &status);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(status, "");
}

TEST_F(SummaryCacheTest, ForeignCorruptTruncatedAndOtherVersionsAreIgnored) {
  SaveOne();
  std::string good = ReadAll();
  std::string status;

  WriteAll("{\"not\": \"a cache\"}");
  EXPECT_EQ(SummaryCache::Load(path_, &status).size(), 0u);
  EXPECT_NE(status.find("not a kensa index cache"), std::string::npos);

  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x20;
  WriteAll(flipped);
  EXPECT_EQ(SummaryCache::Load(path_, &status).size(), 0u);
  EXPECT_NE(status.find("checksum"), std::string::npos);

  for (size_t len : {size_t(0), size_t(10), good.size() / 2, good.size() - 1}) {
    WriteAll(good.substr(0, len));
    EXPECT_EQ(SummaryCache::Load(path_, &status).size(), 0u) << len;
    EXPECT_NE(status, "") << len;
  }

  std::string other_version = good;
  other_version[12] ^= 0x7f;  // summary format version
  WriteAll(other_version);
  EXPECT_EQ(SummaryCache::Load(path_, &status).size(), 0u);
  EXPECT_NE(status.find("another kensa version"), std::string::npos);

  WriteAll(good);
  EXPECT_EQ(SummaryCache::Load(path_, &status).size(), 1u);
  EXPECT_EQ(status, "");
}

TEST_F(SummaryCacheTest, SaveLeavesNoTemporaryFile) {
  SaveOne();
  SaveOne();
  std::string listing;
  FILE* p = ::popen(("ls -A " + dir_ + "/sub/dir").c_str(), "r");
  char buf[256];
  while (std::fgets(buf, sizeof buf, p)) listing += buf;
  ::pclose(p);
  EXPECT_EQ(listing, "index.bin\n");
}

TEST(ContentHashTest, DistinguishesContentAndLength) {
  EXPECT_EQ(HashContent("abc"), HashContent("abc"));
  EXPECT_NE(HashContent("abc"), HashContent("abd"));
  EXPECT_NE(HashContent(std::string_view("\0", 1)), HashContent(""));
  std::string long_text(1000, 'x');
  std::string other = long_text;
  other[999] = 'y';
  EXPECT_NE(HashContent(long_text), HashContent(other));
  other = long_text;
  other[0] = 'y';
  EXPECT_NE(HashContent(long_text), HashContent(other));
}

}  // namespace
}  // namespace kensa::index
