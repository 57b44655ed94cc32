#include <gtest/gtest.h>

#include <cstdint>

#include "base/arena.h"

namespace kensa {
namespace {

struct Pair {
  uint64_t a;
  uint64_t b;
};

TEST(ArenaBytesUsedTest, EmptyArenaUsesNothing) {
  Arena arena;
  EXPECT_EQ(arena.BytesUsed(), 0u);
  EXPECT_EQ(arena.BytesReserved(), 0u);
}

TEST(ArenaBytesUsedTest, CountsObjectsNotBlocks) {
  Arena arena;
  for (int i = 0; i < 10; ++i) arena.New<Pair>();
  EXPECT_EQ(arena.BytesUsed(), 10 * sizeof(Pair));
  EXPECT_GT(arena.BytesReserved(), arena.BytesUsed());
}

TEST(ArenaBytesUsedTest, GrowsAcrossBlocksAndNeverExceedsReserved) {
  Arena arena;
  size_t total = 0;
  for (int i = 0; i < 100000; ++i) {
    arena.New<Pair>();
    total += sizeof(Pair);
  }
  EXPECT_GE(arena.BytesUsed(), total);
  EXPECT_LE(arena.BytesUsed(), arena.BytesReserved());
  // Only the tails of full blocks are counted beyond the objects themselves.
  EXPECT_LT(arena.BytesUsed() - total, arena.BytesReserved() / 1000 + 64);
}

}  // namespace
}  // namespace kensa
