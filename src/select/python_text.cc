#include "select/python_text.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace kensa::select {

namespace {

bool IsContinuation(uint8_t b) {
  return (b & 0xC0) == 0x80;
}

std::string DecodeMessage(std::string_view bytes, size_t start, size_t end, const char* reason) {
  char buffer[160];
  if (end - start == 1) {
    std::snprintf(buffer, sizeof buffer,
                  "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                  static_cast<uint8_t>(bytes[start]), start, reason);
  } else {
    std::snprintf(buffer, sizeof buffer, "'utf-8' codec can't decode bytes in position %zu-%zu: %s",
                  start, end - 1, reason);
  }
  return buffer;
}

// Decodes one code point at bytes[i] (valid UTF-8 assumed); sets *length.
uint32_t CodePointAt(std::string_view s, size_t i, size_t* length) {
  uint8_t b = static_cast<uint8_t>(s[i]);
  if (b < 0x80) {
    *length = 1;
    return b;
  }
  int n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  uint32_t cp = b & (0x7F >> n);
  for (int k = 1; k < n && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<uint8_t>(s[i + k]) & 0x3F);
  }
  *length = static_cast<size_t>(n);
  return cp;
}

bool IsSpaceCodePoint(uint32_t c) {
  if (c <= 0x20) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
  switch (c) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

}  // namespace

std::optional<std::string> Utf8DecodeError(std::string_view bytes) {
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // Most source is ASCII: skip it eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, bytes.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    uint8_t b = static_cast<uint8_t>(bytes[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    int need;
    uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return DecodeMessage(bytes, i, i + 1, "invalid start byte");
    }
    size_t k = 1;
    for (; k <= static_cast<size_t>(need); ++k) {
      if (i + k >= n) return DecodeMessage(bytes, i, n, "unexpected end of data");
      uint8_t c = static_cast<uint8_t>(bytes[i + k]);
      bool ok = k == 1 ? (c >= lo && c <= hi) : IsContinuation(c);
      if (!ok) return DecodeMessage(bytes, i, i + k, "invalid continuation byte");
    }
    i += k;
  }
  return std::nullopt;
}

std::string TranslateNewlines(std::string bytes) {
  size_t first = bytes.find('\r');
  if (first == std::string::npos) return bytes;
  size_t out = first;
  for (size_t i = first; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\r') {
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      c = '\n';
    }
    bytes[out++] = c;
  }
  bytes.resize(out);
  return bytes;
}

size_t NonAsciiPythonSpaceLength(std::string_view text, size_t pos) {
  uint8_t b = static_cast<uint8_t>(text[pos]);
  if (b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3) return 0;  // lead bytes of the others
  size_t length;
  uint32_t cp = CodePointAt(text, pos, &length);
  return IsSpaceCodePoint(cp) ? length : 0;
}

bool IsPythonSpace(std::string_view text) {
  if (text.empty()) return false;
  for (size_t i = 0; i < text.size();) {
    size_t n = PythonSpaceLength(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string_view StripPython(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t n = PythonSpaceLength(text, begin);
    if (n == 0) break;
    begin += n;
  }
  size_t end = text.size();
  while (end > begin) {
    // Step back over one character: skip continuation bytes.
    size_t start = end - 1;
    while (start > begin && (static_cast<uint8_t>(text[start]) & 0xC0) == 0x80) --start;
    size_t n = PythonSpaceLength(text, start);
    if (n == 0 || start + n != end) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string JoinEvenPieces(std::string_view text, std::string_view delimiter) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  bool keep = true;
  auto find = [&](size_t from) -> size_t {
    if (delimiter.empty()) return std::string_view::npos;
    return FindLiteral(text, from, delimiter);
  };
  while (true) {
    size_t next = find(start);
    if (keep) {
      out.append(text.substr(
          start, next == std::string_view::npos ? std::string_view::npos : next - start));
    }
    if (next == std::string_view::npos) break;
    start = next + delimiter.size();
    keep = !keep;
  }
  return out;
}

std::string PythonRepr(std::string_view text) {
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (size_t i = 0; i < text.size();) {
    size_t length;
    uint32_t cp = CodePointAt(text, i, &length);
    if (cp == static_cast<uint32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", cp);
      out += buffer;
    } else {
      out.append(text.substr(i, length));  // printable non-ASCII stays as is (close enough)
    }
    i += length;
  }
  out += quote;
  return out;
}

}  // namespace kensa::select
