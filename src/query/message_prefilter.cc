#include "query/message_prefilter.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace kensa::query {
namespace {

constexpr std::array<bool, 256> MakeWordTable() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return t;
}
constexpr std::array<bool, 256> kWordChar = MakeWordTable();

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

uint64_t PairHash(uint64_t first, uint64_t second) {
  return Mix(first * 0x9e3779b97f4a7c15ULL + second);
}

// Calls f(word hash) for each word of `bytes`. The word's bytes are hashed 8 at a time
// (a multiply per 8 bytes rather than per byte: this loop runs over every byte of a project).
template <class F>
void ForEachWord(std::string_view bytes, F&& f) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    while (p < end && !kWordChar[*p]) ++p;
    if (p == end) break;
    const unsigned char* word = p;
    bool digits = true;
    while (p < end && kWordChar[*p]) {
      digits &= *p >= '0' && *p <= '9';
      ++p;
    }
    // Numbers are mostly values filled in (line 1, 768), and a word right after '%' is a
    // conversion (%s, %d): both are left out, so "line %d column" pairs like "line 1 column".
    if (digits ||
        (word > reinterpret_cast<const unsigned char*>(bytes.data()) && word[-1] == '%')) {
      continue;
    }
    size_t len = static_cast<size_t>(p - word);
    uint64_t h = 0x9ae16a3b2f90404fULL ^ len;
    for (; len >= 8; len -= 8, word += 8) {
      uint64_t chunk;
      std::memcpy(&chunk, word, 8);
      h = (h ^ chunk) * 0x9e3779b97f4a7c15ULL;
      h ^= h >> 29;
    }
    if (len > 0) {
      uint64_t chunk = 0;
      std::memcpy(&chunk, word, len);
      h = (h ^ chunk) * 0x9e3779b97f4a7c15ULL;
      h ^= h >> 29;
    }
    f(h);
  }
}

constexpr int kProbes = 3;

}  // namespace

bool WordPairBits::MayContain(uint64_t pair) const {
  if (words == 0) return false;
  const uint64_t mask = words * 64 - 1;
  uint64_t h = pair;
  for (int i = 0; i < kProbes; ++i) {
    uint64_t bit = h & mask;
    uint64_t word;
    std::memcpy(&word, data + (bit >> 6) * 8, 8);
    if ((word & (1ULL << (bit & 63))) == 0) return false;
    h = (h >> 21) | (h << 43);
  }
  return true;
}

WordPairFilter BuildWordPairFilter(std::string_view bytes) {
  // About ten bits per word keeps false positives near 2% with three probes.
  size_t words = bytes.size() / 6 + 1;
  size_t nbits = 64;
  while (nbits < words * 10) nbits <<= 1;
  WordPairFilter filter;
  filter.bits.assign(nbits / 64, 0);
  const uint64_t mask = nbits - 1;
  uint64_t prev = 0;
  bool have_prev = false;
  ForEachWord(bytes, [&](uint64_t w) {
    if (have_prev) {
      uint64_t h = PairHash(prev, w);
      for (int i = 0; i < kProbes; ++i) {
        uint64_t bit = h & mask;
        filter.bits[bit >> 6] |= 1ULL << (bit & 63);
        h = (h >> 21) | (h << 43);
      }
    }
    prev = w;
    have_prev = true;
  });
  if (!have_prev) {
    filter.bits.clear();
    return filter;
  }
  // Fold while under 15% full: the result is 15-30% full, which with three probes gives
  // 0.3-2.7% false positives per pair, at 6-18 bits per pair.
  std::vector<uint64_t>& b = filter.bits;
  size_t set = 0;
  for (uint64_t w : b) set += static_cast<size_t>(__builtin_popcountll(w));
  while (b.size() > 1 && set * 100 < b.size() * 64 * 15) {
    size_t half = b.size() / 2;
    set = 0;
    for (size_t i = 0; i < half; ++i) {
      b[i] |= b[i + half];
      set += static_cast<size_t>(__builtin_popcountll(b[i]));
    }
    b.resize(half);
  }
  return filter;
}

std::vector<uint64_t> MessageWordPairs(std::string_view text) {
  std::vector<uint64_t> words;
  ForEachWord(text, [&](uint64_t w) { words.push_back(w); });
  std::vector<uint64_t> pairs;
  if (words.size() < 3) {
    // A one- or two-word message: its words paired with whatever precedes them cannot be
    // known, so ask for the pair itself when there are two, else nothing (every file).
    if (words.size() == 2) pairs.push_back(PairHash(words[0], words[1]));
    return pairs;
  }
  for (size_t i = 1; i < words.size(); ++i) {
    uint64_t h = PairHash(words[i - 1], words[i]);
    if (std::find(pairs.begin(), pairs.end(), h) == pairs.end()) pairs.push_back(h);
  }
  return pairs;
}

size_t CountPresent(const WordPairBits& filter, const std::vector<uint64_t>& pairs) {
  size_t n = 0;
  for (uint64_t p : pairs) n += filter.MayContain(p);
  return n;
}

}  // namespace kensa::query
