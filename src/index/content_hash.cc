#include "index/content_hash.h"

#include <cstring>

namespace kensa::index {

namespace {

// Multiply two 64-bit values to 128 bits and fold the halves: the mixing step of the
// wyhash family, which diffuses every input bit over the whole word in one multiplication.
inline uint64_t Fold(uint64_t a, uint64_t b) {
  __uint128_t p = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(p) ^ static_cast<uint64_t>(p >> 64);
}

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

constexpr uint64_t kK0 = 0xa0761d6478bd642full;
constexpr uint64_t kK1 = 0xe7037ed1a0b428dbull;
constexpr uint64_t kK2 = 0x8ebc6af09c88c6e3ull;
constexpr uint64_t kK3 = 0x589965cc75374cc3ull;

}  // namespace

ContentHash HashContent(std::string_view bytes) {
  const char* p = bytes.data();
  size_t n = bytes.size();
  // Two independent lanes of 16 bytes each per step, so their multiplications overlap.
  uint64_t a = kK0 ^ n;
  uint64_t b = kK1 + n;
  while (n >= 32) {
    a = Fold(Load64(p) ^ kK1, Load64(p + 8) ^ a);
    b = Fold(Load64(p + 16) ^ kK2, Load64(p + 24) ^ b);
    p += 32;
    n -= 32;
  }
  char tail[32] = {};
  std::memcpy(tail, p, n);
  a = Fold(Load64(tail) ^ kK1, Load64(tail + 8) ^ a);
  b = Fold(Load64(tail + 16) ^ kK2, Load64(tail + 24) ^ b);
  ContentHash h;
  h.lo = Fold(a ^ kK3, b ^ kK0);
  h.hi = Fold(b ^ kK2, a ^ kK3 ^ h.lo);
  return h;
}

}  // namespace kensa::index
