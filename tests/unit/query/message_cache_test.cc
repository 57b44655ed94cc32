// The message cache: entries come back for the same stamp only, sites round-trip, and a
// damaged file is never trusted.
#include "query/message_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "base/file_io.h"

namespace kensa::query {
namespace {

constexpr int64_t kLongAgo = 1'000'000'000;
constexpr int64_t kNow = 100'000'000'000;

std::string TempPath() {
  return testing::TempDir() + "/message_cache_" + std::to_string(::getpid()) + ".bin";
}

TEST(MessageCache, RoundTripForTheSameStampOnly) {
  std::vector<MessageSite> sites = {{12,
                                     4,
                                     EmitKind::kLog,
                                     "logger.warning",
                                     "A.f",
                                     {{false, "bad "}, {true, "x"}, {false, "!"}}}};
  std::string encoded = EncodeSites(sites);
  WordPairFilter filter = BuildWordPairFilter("one two three");
  project::FileStamp stamp{13, kLongAgo, 7};
  // Modified in the tick the stamps were taken, or its inode changed then: racy, not stored.
  project::FileStamp fresh{13, kNow, 8};
  project::FileStamp fresh_ctime{13, kLongAgo, 9, kNow + 5};
  std::vector<MessageCacheEntry> entries = {{"a.py", stamp, filter.view(), true, encoded},
                                            {"b.py", fresh, filter.view(), false, {}},
                                            {"c.py", fresh_ctime, filter.view(), false, {}}};
  std::string path = TempPath();
  std::string error;
  ASSERT_TRUE(MessageCache::Save(path, entries, kNow, &error)) << error;

  std::string status;
  MessageCache cache = MessageCache::Load(path, &status);
  EXPECT_EQ(status, "");
  EXPECT_EQ(cache.size(), 1u);
  MessageCacheEntry found;
  ASSERT_TRUE(cache.Find("a.py", stamp, &found));
  EXPECT_TRUE(found.bits.MayContain(MessageWordPairs("one two")[0]));
  ASSERT_TRUE(found.has_sites);
  std::vector<MessageSite> decoded;
  ASSERT_TRUE(DecodeSites(found.sites, &decoded));
  EXPECT_EQ(decoded, sites);
  project::FileStamp touched = stamp;
  touched.mtime_ns += 1;
  EXPECT_FALSE(cache.Find("a.py", touched, &found));
  EXPECT_FALSE(cache.Find("b.py", fresh, &found));
  EXPECT_FALSE(cache.Find("c.py", fresh_ctime, &found));
  project::FileStamp changed_ctime = stamp;
  changed_ctime.ctime_ns += 1;
  EXPECT_FALSE(cache.Find("a.py", changed_ctime, &found));
  std::remove(path.c_str());
}

TEST(MessageCache, DamagedFilesAreIgnored) {
  WordPairFilter filter = BuildWordPairFilter("one two");
  std::vector<MessageCacheEntry> entries = {{"a.py", {3, kLongAgo, 1}, filter.view(), false, {}}};
  std::string path = TempPath();
  std::string error;
  ASSERT_TRUE(MessageCache::Save(path, entries, kNow, &error));
  std::string bytes;
  ASSERT_TRUE(ReadFile(path, &bytes, &error));
  bytes[bytes.size() / 2] ^= 0x40;
  ASSERT_TRUE(WriteFileAtomically(path, bytes, &error));
  std::string status;
  MessageCache cache = MessageCache::Load(path, &status);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_NE(status.find("corrupt"), std::string::npos) << status;
  ASSERT_TRUE(WriteFileAtomically(path, "not a cache at all", &error));
  cache = MessageCache::Load(path, &status);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_NE(status, "");
  std::remove(path.c_str());
  cache = MessageCache::Load(path, &status);  // missing: empty, and nothing to say
  EXPECT_EQ(status, "");
}

TEST(MessageCache, DecodeRejectsGarbage) {
  std::vector<MessageSite> sites;
  EXPECT_FALSE(DecodeSites("\xff\xff\xff\x7f", &sites));
  std::string good = EncodeSites({{1, 0, EmitKind::kRaise, "raise E", "", {{false, "x"}}}});
  EXPECT_FALSE(DecodeSites(good.substr(0, good.size() - 1), &sites));
  EXPECT_TRUE(DecodeSites(good, &sites));
}

}  // namespace
}  // namespace kensa::query
