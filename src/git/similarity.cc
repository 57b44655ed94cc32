#include "git/similarity.h"

#include <algorithm>
#include <cstring>

namespace kensa::git {

namespace {

// A prime between 2^16 and 2^17: span hashes are reduced modulo it, so different spans may
// share a bucket, exactly as in git (which makes the score an estimate).
constexpr uint32_t kHashBase = 107927;
constexpr size_t kBinaryProbeBytes = 8000;

bool LooksBinary(std::string_view content) {
  size_t n = std::min(content.size(), kBinaryProbeBytes);
  return n > 0 && std::memchr(content.data(), 0, n) != nullptr;
}

}  // namespace

SpanCounts::SpanCounts(std::string_view content) {
  const bool text = !LooksBinary(content);
  std::vector<Span> raw;
  uint32_t accum1 = 0, accum2 = 0, n = 0;
  auto flush = [&] {
    raw.push_back({(accum1 + accum2 * 0x61u) % kHashBase, n});
    n = 0;
    accum1 = accum2 = 0;
  };
  const size_t size = content.size();
  for (size_t i = 0; i < size; ++i) {
    uint32_t c = static_cast<unsigned char>(content[i]);
    if (text && c == '\r' && i + 1 < size && content[i + 1] == '\n') continue;
    uint32_t old1 = accum1;
    accum1 = (accum1 << 7) ^ (accum2 >> 25);
    accum2 = (accum2 << 7) ^ (old1 >> 25);
    accum1 += c;
    if (++n < 64 && c != '\n') continue;
    flush();
  }
  if (n > 0) flush();
  std::sort(raw.begin(), raw.end(), [](const Span& a, const Span& b) { return a.hash < b.hash; });
  for (const Span& s : raw) {
    if (!spans_.empty() && spans_.back().hash == s.hash) {
      spans_.back().bytes += s.bytes;
    } else {
      spans_.push_back(s);
    }
  }
}

uint64_t SpanCounts::BytesCopiedInto(const SpanCounts& destination) const {
  uint64_t copied = 0;
  auto d = destination.spans_.begin();
  const auto d_end = destination.spans_.end();
  for (const Span& s : spans_) {
    while (d != d_end && d->hash < s.hash) ++d;
    if (d != d_end && d->hash == s.hash) {
      copied += std::min(s.bytes, d->bytes);
      ++d;
    }
  }
  return copied;
}

bool SizesCompatible(uint64_t source_size, uint64_t destination_size, int minimum_score) {
  uint64_t max_size = std::max(source_size, destination_size);
  uint64_t delta = max_size - std::min(source_size, destination_size);
  return !(max_size * static_cast<uint64_t>(kMaxSimilarityScore - minimum_score) <
           delta * static_cast<uint64_t>(kMaxSimilarityScore));
}

int EstimateSimilarity(std::string_view source, const SpanCounts& source_spans,
                       std::string_view destination, const SpanCounts& destination_spans,
                       int minimum_score) {
  if (!SizesCompatible(source.size(), destination.size(), minimum_score)) return 0;
  uint64_t max_size = std::max(source.size(), destination.size());
  if (destination.empty()) return 0;
  uint64_t copied = source_spans.BytesCopiedInto(destination_spans);
  return static_cast<int>(copied * kMaxSimilarityScore / max_size);
}

}  // namespace kensa::git
