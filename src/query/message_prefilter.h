// WordPairFilter: which files may hold the literal text of a message, without parsing them.
// A file is summarised by the pairs of consecutive words in its bytes (words are runs of
// letters, digits and '_'; numbers and the letter of a %-conversion are skipped, being values
// or their placeholders), kept in a Bloom filter; a message asks for its own word pairs.
// A template that explains much of a message holds most of its word pairs in one string
// literal, so a file lacking most of them cannot be the best answer, and common phrases alone
// ("of the") do not make a file a candidate. Pairs rather than single words, because single
// words ("module", "name") are in every file.
//
// Pure functions of bytes; the filter's bits can be stored (message_cache.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kensa::query {

// The filter's bits: a power-of-two number of 64-bit words (none for a file without word
// pairs). A view, so that filters can be read in place from a cache file (words unaligned).
struct WordPairBits {
  const char* data = nullptr;
  size_t words = 0;
  bool MayContain(uint64_t pair) const;
};

struct WordPairFilter {
  std::vector<uint64_t> bits;
  WordPairBits view() const { return {reinterpret_cast<const char*>(bits.data()), bits.size()}; }
};

// Sized for the file, then folded in half while sparse (a Bloom filter over a power of two
// folds by OR-ing its halves), so a stored filter costs 6 to 18 bits per word pair.
WordPairFilter BuildWordPairFilter(std::string_view bytes);

// The distinct word pairs of a message, in order (its single words when it has fewer than
// three).
std::vector<uint64_t> MessageWordPairs(std::string_view text);

// How many of `pairs` the filter may contain.
size_t CountPresent(const WordPairBits& filter, const std::vector<uint64_t>& pairs);

}  // namespace kensa::query
