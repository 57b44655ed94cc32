// ContentHash: a fast 128-bit fingerprint of a file's bytes, the key of the summary cache.
// Not cryptographic: it tells changed content from unchanged, it does not resist an attacker
// (the cache is local and is validated structurally on load). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace kensa::index {

struct ContentHash {
  uint64_t lo = 0;
  uint64_t hi = 0;
  bool operator==(const ContentHash&) const = default;
};

ContentHash HashContent(std::string_view bytes);

struct ContentHashHasher {
  size_t operator()(const ContentHash& h) const { return static_cast<size_t>(h.lo ^ (h.hi >> 7)); }
};

}  // namespace kensa::index
