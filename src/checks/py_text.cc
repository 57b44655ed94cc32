#include "checks/py_text.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "base/utf8.h"

namespace kensa::checks {

bool IsPySpace(char32_t c) {
  if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool IsPyWord(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool IsPyDigit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ND;
}

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) out.push_back(NextUtf8(text, &i));
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) AppendUtf8(out, c);
  return out;
}

size_t PyLen(std::string_view s) {
  return CountCodePoints(s);
}

bool PyLenAtMostOne(std::string_view s) {
  if (s.size() <= 1) return true;
  if (s.size() > 4) return false;
  size_t i = 0;
  NextUtf8(s, &i);
  return i == s.size();
}

std::string_view PyDropPrefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (; n > 0 && i < s.size(); --n) NextUtf8(s, &i);
  return s.substr(i);
}

size_t SkipPySpace(std::string_view s, size_t from) {
  size_t i = from;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (!IsPySpace(b)) break;
      ++i;
      continue;
    }
    size_t next = i;
    if (!IsPySpace(NextUtf8(s, &next))) break;
    i = next;
  }
  return i;
}

size_t SkipNonPySpace(std::string_view s, size_t from) {
  size_t i = from;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (IsPySpace(b)) break;
      ++i;
      continue;
    }
    size_t next = i;
    if (IsPySpace(NextUtf8(s, &next))) break;
    i = next;
  }
  return i;
}

std::string_view PyStrip(std::string_view s) {
  size_t begin = SkipPySpace(s, 0);
  // Walk back over whitespace code points from the end.
  size_t end = s.size();
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t probe = start;
    if (!IsPySpace(NextUtf8(s, &probe))) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

namespace {

template <typename Map>
std::string MapCase(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(map(b)));
      ++i;
      continue;
    }
    char32_t c = NextUtf8(s, &i);
    AppendUtf8(out, map(c));
  }
  return out;
}

}  // namespace

std::string PyLower(std::string_view s) {
  return MapCase(s, [](char32_t c) -> char32_t {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
  });
}

std::string PyUpper(std::string_view s) {
  return MapCase(s, [](char32_t c) -> char32_t {
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c)));
  });
}

std::vector<std::string_view> PySplit(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = s.find(sep); i != std::string_view::npos; i = s.find(sep, start)) {
    out.push_back(s.substr(start, i - start));
    start = i + 1;
  }
  out.push_back(s.substr(start));
  return out;
}

std::vector<std::string_view> PyReadLines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

std::string PyReplace(std::string_view s, std::string_view old, std::string_view replacement) {
  std::string out;
  size_t start = 0;
  for (size_t i = s.find(old); i != std::string_view::npos; i = s.find(old, start)) {
    out.append(s.substr(start, i - start));
    out.append(replacement);
    start = i + old.size();
  }
  out.append(s.substr(start));
  return out;
}

namespace {

// TextIOWrapper decodes a file in chunks of this many bytes; UnicodeDecodeError positions are
// relative to the decoder's input for the chunk (plus any bytes held over from the previous).
constexpr size_t kTextChunk = 8192;

size_t SequenceLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Where the decoder's input for the chunk holding byte `offset` starts: the chunk boundary, or
// the start of a character split across it (held over by the incremental decoder).
size_t DecoderInputStart(std::string_view bytes, size_t offset) {
  size_t boundary = offset / kTextChunk * kTextChunk;
  if (boundary == 0) return 0;
  size_t lead = boundary;
  while (lead > 0 && boundary - lead < 3 &&
         (static_cast<unsigned char>(bytes[lead - 1]) & 0xC0) == 0x80) {
    --lead;
  }
  if (lead > 0) --lead;  // the byte before the continuation run is the candidate lead byte
  unsigned char b = static_cast<unsigned char>(bytes[lead]);
  if (b >= 0xC2 && lead + SequenceLength(b) > boundary) return lead;
  return boundary;
}

std::string DecodeErrorMessage(std::string_view bytes, size_t position, size_t length, size_t start,
                               const char* reason) {
  char buf[160];
  if (length == 1) {
    std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                  static_cast<unsigned char>(bytes[start]), position, reason);
  } else {
    std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode bytes in position %zu-%zu: %s",
                  position, position + length - 1, reason);
  }
  return buf;
}

}  // namespace

bool ValidatePyUtf8(std::string_view bytes, std::string* message, PyTextRead read) {
  const size_t n = bytes.size();
  auto at = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  size_t i = 0;
  while (i < n) {
    // ASCII runs, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, bytes.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
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
      size_t base = read == PyTextRead::kWhole ? 0 : DecoderInputStart(bytes, i);
      *message = DecodeErrorMessage(bytes, i - base, 1, i, "invalid start byte");
      return false;
    }
    for (size_t k = 1; k <= need; ++k) {
      if (i + k >= n) {
        // Incomplete at the end: reported by the final decode call, which sees only these bytes.
        size_t position = read == PyTextRead::kWhole ? i : 0;
        *message = DecodeErrorMessage(bytes, position, n - i, i, "unexpected end of data");
        return false;
      }
      unsigned char b = at(i + k);
      bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
      if (!ok) {
        size_t base = read == PyTextRead::kWhole ? 0 : DecoderInputStart(bytes, i + k);
        if (base > i) base = i;
        *message = DecodeErrorMessage(bytes, i - base, k, i, "invalid continuation byte");
        return false;
      }
    }
    i += need + 1;
  }
  return true;
}

std::string PyUniversalNewlines(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r') {
      out += '\n';
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else {
      out += bytes[i];
    }
  }
  return out;
}

}  // namespace kensa::checks
