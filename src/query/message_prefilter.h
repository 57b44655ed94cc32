// WordPairFilter: which files may hold the literal text of a message, without parsing them.
// A file is summarised by the pairs of consecutive words in its bytes (words are runs of
// letters, digits and '_'), kept in a Bloom filter; a message asks for its own word pairs.
// A template that explains much of a message holds most of its word pairs in one string
// literal, so a file lacking most of them cannot be the best answer, and common phrases alone
// ("of the") do not make a file a candidate. Pairs rather than single words, because single
// words ("module", "name") are in every file.
//
// Pure functions of bytes; the filter's bits can be stored (message_cache.h).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kensa::query {

struct WordPairFilter {
  std::vector<uint64_t> bits;  // a power-of-two number of bits, at least 64; empty = no words
  bool MayContain(uint64_t pair) const;
};

WordPairFilter BuildWordPairFilter(std::string_view bytes);

// The distinct word pairs of a message, in order (its single words when it has fewer than
// three).
std::vector<uint64_t> MessageWordPairs(std::string_view text);

// How many of `pairs` the filter may contain.
size_t CountPresent(const WordPairFilter& filter, const std::vector<uint64_t>& pairs);

}  // namespace kensa::query
