// Python `str` semantics on UTF-8 bytes, for code that must reproduce a Python script's
// behaviour exactly (the reference tests_fetcher.py): what `open(path, encoding="utf-8")`
// accepts and how it fails, universal newlines, `str.isspace()` / `re`'s `\s` (one and the same
// set of 29 code points), `str.strip()`, and `repr()` of a string for error messages.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::select {

// Checks that `bytes` is strict UTF-8 as CPython's codec defines it. Returns nullopt when it
// is, else the exact message of the UnicodeDecodeError Python would raise, e.g.
// "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte".
std::optional<std::string> Utf8DecodeError(std::string_view bytes);

// Universal newlines as text-mode reading applies them: "\r\n" and a lone "\r" become "\n".
// Returns `bytes` unchanged (no copy) when it has no '\r'.
std::string TranslateNewlines(std::string bytes);

// The length of the Python whitespace character at text[pos], or 0 when there is none there
// (text must be valid UTF-8).
size_t NonAsciiPythonSpaceLength(std::string_view text, size_t pos);
inline size_t PythonSpaceLength(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  unsigned char b = static_cast<unsigned char>(text[pos]);
  if (b < 0x80) return (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20) ? 1 : 0;
  return NonAsciiPythonSpaceLength(text, pos);
}

// str.isspace(): non-empty and every character is Python whitespace.
bool IsPythonSpace(std::string_view text);

// str.strip() with no argument.
std::string_view StripPython(std::string_view text);

// The first occurrence of `needle` (not empty) in text at or after `from`, or npos. Faster than
// memmem or string_view::find for the short literals searched here ("from", three quotes):
// memchr finds the candidates for the first byte.
inline size_t FindLiteral(std::string_view text, size_t from, std::string_view needle) {
  const char* data = text.data();
  const size_t size = text.size();
  while (from + needle.size() <= size) {
    const void* hit = std::memchr(data + from, needle[0], size - from - needle.size() + 1);
    if (hit == nullptr) break;
    size_t at = static_cast<size_t>(static_cast<const char*>(hit) - data);
    if (std::memcmp(data + at, needle.data(), needle.size()) == 0) return at;
    from = at + 1;
  }
  return std::string_view::npos;
}

// "".join(text.split(delimiter)[::2]): the pieces outside pairs of delimiters.
std::string JoinEvenPieces(std::string_view text, std::string_view delimiter);

// `text.split(separator)` with an explicit one-character separator: empty pieces kept.
inline std::vector<std::string> SplitOn(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t next = text.find(separator, start);
    parts.emplace_back(text.substr(start, next == std::string_view::npos ? next : next - start));
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  return parts;
}

// `separator.join(parts)`.
inline std::string JoinWith(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

// repr() of a str (as in an exception message: 'name', or "it's").
std::string PythonRepr(std::string_view text);

}  // namespace kensa::select
