// Character classes for the tokenizer's inner loops: one table lookup per byte. Bytes >= 0x80
// count as identifier characters, as in CPython, which validates non-ASCII names afterwards.
// Internal to the tokenizer; constant data, thread-safe.
#pragma once

#include <array>
#include <cstdint>

namespace kensa::python {

enum : uint8_t {
  kIdentStart = 1,  // a-z A-Z _ and bytes >= 0x80
  kIdentChar = 2,   // the above and 0-9
  kDigit = 4,       // 0-9
  kHexDigit = 8,    // 0-9 a-f A-F
};

inline constexpr std::array<uint8_t, 256> kCharClasses = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    bool digit = c >= '0' && c <= '9';
    bool hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    t[c] = static_cast<uint8_t>((alpha ? kIdentStart : 0) | (alpha || digit ? kIdentChar : 0) |
                                (digit ? kDigit : 0) | (hex ? kHexDigit : 0));
  }
  return t;
}();

inline uint8_t CharClass(unsigned char c) {
  return kCharClasses[c];
}

}  // namespace kensa::python
