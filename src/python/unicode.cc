#include "python/unicode.h"

#include <algorithm>
#include <cstdio>

namespace kensa::python {
namespace {

bool InRanges(const CodePointRange* ranges, size_t size, char32_t cp) {
  const CodePointRange* end = ranges + size;
  const CodePointRange* it = std::upper_bound(
      ranges, end, cp, [](char32_t c, const CodePointRange& r) { return c < r.first; });
  return it != ranges && cp <= (it - 1)->last;
}

bool IsAsciiAlpha(char32_t cp) {
  return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
}

}  // namespace

bool IsIdentifierStart(char32_t cp) {
  if (cp < 0x80) return IsAsciiAlpha(cp) || cp == '_';
  return InRanges(unicode_tables::kXidStart, unicode_tables::kXidStartSize, cp);
}

bool IsIdentifierContinue(char32_t cp) {
  if (cp < 0x80) return IsAsciiAlpha(cp) || cp == '_' || (cp >= '0' && cp <= '9');
  return InRanges(unicode_tables::kXidContinue, unicode_tables::kXidContinueSize, cp);
}

bool IsPrintable(char32_t cp) {
  return InRanges(unicode_tables::kPrintable, unicode_tables::kPrintableSize, cp);
}

bool IsPrintable(char32_t cp, PythonVersion version) {
  return IsPrintable(cp) ||
         (version == PythonVersion::k3_12 &&
          InRanges(unicode_tables::kPrintableAdded312, unicode_tables::kPrintableAdded312Size, cp));
}

std::optional<Utf8Error> FindUtf8Error(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;  // the range allowed for the first continuation byte
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return Utf8Error{i, i + 1, "invalid start byte"};
    }
    for (size_t k = 1; k <= need; ++k) {
      if (i + k >= n) return Utf8Error{i, i + k, "unexpected end of data"};
      unsigned char d = s[i + k];
      bool ok = k == 1 ? (d >= lo && d <= hi) : (d >= 0x80 && d <= 0xBF);
      if (!ok) return Utf8Error{i, i + k, "invalid continuation byte"};
    }
    i += need + 1;
  }
  return std::nullopt;
}

size_t CountCharsReplacing(std::string_view bytes) {
  size_t chars = 0;
  while (!bytes.empty()) {
    std::optional<Utf8Error> bad = FindUtf8Error(bytes);
    std::string_view valid = bytes.substr(0, bad ? bad->start : bytes.size());
    for (unsigned char c : valid) chars += (c & 0xC0) != 0x80;
    if (!bad) break;
    chars += 1;  // one U+FFFD for the whole invalid sequence
    bytes.remove_prefix(bad->end);
  }
  return chars;
}

std::string DecodeErrorMessage(std::string_view codec, std::string_view bytes, size_t start,
                               size_t end, std::string_view reason) {
  char buf[96];
  if (end - start == 1) {
    std::snprintf(buf, sizeof(buf), "' codec can't decode byte 0x%02x in position %zu: ",
                  static_cast<unsigned char>(bytes[start]), start);
  } else {
    std::snprintf(buf, sizeof(buf), "' codec can't decode bytes in position %zu-%zu: ", start,
                  end - 1);
  }
  std::string out = "'";
  out += codec;
  out += buf;
  out += reason;
  return out;
}

}  // namespace kensa::python
