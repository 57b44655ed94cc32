// Content similarity as git measures it for rename detection (diffcore-delta): a file is cut
// into spans that end at a newline or after 64 bytes, each span is hashed, and two files are
// compared by how many bytes of spans they share. A carriage return before a newline is not
// counted in text files (git treats a file with a NUL in its first 8000 bytes as binary).
// Scores are on git's scale, 0..kMaxSimilarityScore (60000 = identical).
//
// SpanCounts is an immutable value once built; thread-safe to share.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kensa::git {

inline constexpr int kMaxSimilarityScore = 60000;

class SpanCounts {
 public:
  explicit SpanCounts(std::string_view content);

  // How many bytes of `destination`'s spans also occur in this (the source).
  uint64_t BytesCopiedInto(const SpanCounts& destination) const;

 private:
  struct Span {
    uint32_t hash;
    uint32_t bytes;
  };
  std::vector<Span> spans_;  // sorted by hash, one entry per hash
};

// git's estimate of how much of `destination` comes from `source`, 0..kMaxSimilarityScore;
// 0 when the sizes differ too much for `minimum_score` to be reachable.
int EstimateSimilarity(std::string_view source, const SpanCounts& source_spans,
                       std::string_view destination, const SpanCounts& destination_spans,
                       int minimum_score);

// The size test alone (git checks it before reading contents).
bool SizesCompatible(uint64_t source_size, uint64_t destination_size, int minimum_score);

}  // namespace kensa::git
