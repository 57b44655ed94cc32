// CPython decodes a str literal in two steps: it first copies the body, spelling each
// non-ASCII character as "\UXXXXXXXX" (and a backslash before one, or at the end, as
// "\u005c"), then runs the 'unicodeescape' codec on the copy. kensa decodes in one pass; the
// copy's offsets are only computed when an error message needs them.
#include "python/literal_escape.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "base/utf8.h"
#include "python/literal_unicode.h"
#include "python/unicode.h"

namespace kensa::python {
namespace {

bool IsAscii(char c) {
  return static_cast<unsigned char>(c) < 0x80;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Offsets[i] = where body[i] lands in CPython's escaped copy of the body (size + 1 entries).
std::vector<size_t> EscapedCopyOffsets(std::string_view body) {
  std::vector<size_t> offsets(body.size() + 1, 0);
  size_t i = 0;
  size_t t = 0;
  while (i < body.size()) {
    offsets[i] = t;
    if (body[i] == '\\') {
      ++i;
      if (i >= body.size() || !IsAscii(body[i])) {
        t += 6;  // "\u005c"
        continue;
      }
      ++t;
      offsets[i] = t;
      ++i;  // the escaped ASCII character is copied with its backslash
      ++t;
      continue;
    }
    if (IsAscii(body[i])) {
      ++i;
      ++t;
      continue;
    }
    size_t start = i;
    NextUtf8(body, &i);
    for (size_t k = start; k < i; ++k) offsets[k] = t;
    t += 10;  // "\UXXXXXXXX"
  }
  offsets[body.size()] = t;
  return offsets;
}

// The codec's message for bytes [start, end) of the original body.
std::string UnicodeEscapeError(std::string_view body, size_t start, size_t end,
                               const char* reason) {
  std::vector<size_t> offsets = EscapedCopyOffsets(body);
  size_t from = offsets[start];
  size_t to = offsets[end];
  char buffer[160];
  if (to - from == 1) {
    std::snprintf(buffer, sizeof(buffer),
                  "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position %zu: "
                  "%s",
                  from, reason);
  } else {
    std::snprintf(buffer, sizeof(buffer),
                  "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                  "%zu-%zu: %s",
                  from, to - 1, reason);
  }
  return buffer;
}

// The value of a simple one-character escape, or -1.
int SimpleEscape(char c) {
  switch (c) {
    case '\\':
      return '\\';
    case '\'':
      return '\'';
    case '"':
      return '"';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 't':
      return '\t';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 'v':
      return '\v';
    case 'a':
      return '\a';
    default:
      return -1;
  }
}

// Reads up to 3 octal digits starting at body[*i - 1] (the first was already consumed).
uint32_t ReadOctal(std::string_view body, size_t* i) {
  uint32_t value = static_cast<uint32_t>(body[*i - 1] - '0');
  for (int k = 0; k < 2 && *i < body.size() && body[*i] >= '0' && body[*i] <= '7'; ++k) {
    value = value * 8 + static_cast<uint32_t>(body[*i] - '0');
    ++*i;
  }
  return value;
}

// Eight bytes at a time: literals (docstrings above all) are long and mostly ASCII.
bool HasNonAscii(std::string_view text) {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & 0x8080808080808080ull) != 0) return true;
  }
  for (; i < text.size(); ++i) {
    if (!IsAscii(text[i])) return true;
  }
  return false;
}

}  // namespace

bool CheckUtf8(std::string_view text, std::string* error) {
  if (!HasNonAscii(text)) return true;
  std::optional<Utf8Error> bad = FindUtf8Error(text);
  if (!bad) return true;
  *error =
      "(unicode error) " + DecodeErrorMessage("utf-8", text, bad->start, bad->end, bad->reason);
  return false;
}

bool DecodeStrEscapes(std::string_view body, std::string* out, std::string* error) {
  size_t i = 0;
  const size_t n = body.size();
  // CPython decodes each run of non-ASCII bytes as UTF-8 before looking at any escape.
  while (i < n) {
    if (IsAscii(body[i])) {
      ++i;
      continue;
    }
    size_t run = i;
    while (i < n && !IsAscii(body[i])) ++i;
    if (!CheckUtf8(body.substr(run, i - run), error)) return false;
  }
  i = 0;
  while (i < n) {
    size_t run = i;
    while (i < n && body[i] != '\\') ++i;
    out->append(body.substr(run, i - run));
    if (i >= n) break;
    size_t start = i++;  // the backslash
    if (i >= n || !IsAscii(body[i])) {
      out->push_back('\\');  // kept as is
      continue;
    }
    char c = body[i++];
    if (c == '\n') continue;  // line continuation
    if (int simple = SimpleEscape(c); simple >= 0) {
      out->push_back(static_cast<char>(simple));
      continue;
    }
    if (c >= '0' && c <= '7') {
      AppendUtf8(*out, ReadOctal(body, &i));
      continue;
    }
    if (c == 'x' || c == 'u' || c == 'U') {
      int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      uint32_t value = 0;
      for (int k = 0; k < digits; ++k) {
        int h = i < n ? HexValue(body[i]) : -1;
        if (h < 0) {
          *error = UnicodeEscapeError(body, start, i,
                                      c == 'x'   ? "truncated \\xXX escape"
                                      : c == 'u' ? "truncated \\uXXXX escape"
                                                 : "truncated \\UXXXXXXXX escape");
          return false;
        }
        value = value * 16 + static_cast<uint32_t>(h);
        ++i;
      }
      if (value > 0x10FFFF) {
        *error = UnicodeEscapeError(body, start, i, "illegal Unicode character");
        return false;
      }
      AppendUtf8(*out, value);
      continue;
    }
    if (c == 'N') {
      if (i < n && body[i] == '{') {
        size_t name_start = ++i;
        while (i < n && body[i] != '}') ++i;
        if (i < n && i > name_start) {
          int32_t cp = LookupUnicodeName(body.substr(name_start, i - name_start));
          ++i;  // the '}'
          if (cp >= 0) {
            AppendUtf8(*out, static_cast<char32_t>(cp));
            continue;
          }
          *error = UnicodeEscapeError(body, start, i, "unknown Unicode character name");
          return false;
        }
      }
      *error = UnicodeEscapeError(body, start, i, "malformed \\N character escape");
      return false;
    }
    // Not an escape (a DeprecationWarning in 3.11): both characters stay.
    out->push_back('\\');
    out->push_back(c);
  }
  return true;
}

bool DecodeBytesEscapes(std::string_view body, std::string* out, std::string* error) {
  size_t i = 0;
  const size_t n = body.size();
  while (i < n) {
    size_t run = i;
    while (i < n && body[i] != '\\') ++i;
    out->append(body.substr(run, i - run));
    if (i >= n) break;
    size_t start = i++;
    if (i >= n) {
      out->push_back('\\');  // cannot happen in a complete token; keep it
      break;
    }
    char c = body[i++];
    if (c == '\n') continue;
    if (int simple = SimpleEscape(c); simple >= 0) {
      out->push_back(static_cast<char>(simple));
      continue;
    }
    if (c >= '0' && c <= '7') {
      out->push_back(static_cast<char>(ReadOctal(body, &i) & 0xFF));
      continue;
    }
    if (c == 'x') {
      int h1 = i + 1 < n ? HexValue(body[i]) : -1;
      int h2 = i + 1 < n ? HexValue(body[i + 1]) : -1;
      if (h1 < 0 || h2 < 0) {
        *error = "(value error) invalid \\x escape at position " + std::to_string(start);
        return false;
      }
      out->push_back(static_cast<char>(h1 * 16 + h2));
      i += 2;
      continue;
    }
    out->push_back('\\');
    out->push_back(c);
  }
  return true;
}

}  // namespace kensa::python
