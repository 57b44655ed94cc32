// UTF-8 helpers shared by the Python front end. "Generalized" UTF-8: surrogate code points
// (U+D800..U+DFFF) are encoded and decoded like any other, because CPython's str can hold
// them (from "\udc80" escapes) and kensa must round-trip them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kensa {

// Appends the encoding of `cp` (0..0x10FFFF) to `out`.
inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one code point of (generalized) UTF-8 starting at s[*i] and advances *i past it.
// The input must be valid (as Source guarantees); a stray byte decodes as itself.
inline char32_t NextUtf8(std::string_view s, size_t* i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(*i);
  if (c < 0x80 || *i + 1 >= s.size() + (c < 0xE0 ? 1 : 0)) {
    ++*i;
    return c;
  }
  if (c < 0xE0 && *i + 1 < s.size()) {
    char32_t cp = ((c & 0x1F) << 6) | (b(*i + 1) & 0x3F);
    *i += 2;
    return cp;
  }
  if (c < 0xF0 && *i + 2 < s.size()) {
    char32_t cp = ((c & 0x0F) << 12) | ((b(*i + 1) & 0x3F) << 6) | (b(*i + 2) & 0x3F);
    *i += 3;
    return cp;
  }
  if (*i + 3 < s.size()) {
    char32_t cp = ((c & 0x07) << 18) | ((b(*i + 1) & 0x3F) << 12) | ((b(*i + 2) & 0x3F) << 6) |
                  (b(*i + 3) & 0x3F);
    *i += 4;
    return cp;
  }
  ++*i;
  return c;
}

// Number of code points in a UTF-8 string (CPython counts SyntaxError offsets this way).
inline size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace kensa
