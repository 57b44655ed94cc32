// Names, numbers and strings: CPython 3.11's validation of them, error for error.
//
// The number scanner keeps CPython's shape (read a character, maybe put it back) because
// where CPython's cursor stands when it gives up is the column it reports.
#include <cstdio>
#include <string>

#include "base/utf8.h"
#include "python/tokenizer.h"
#include "python/tokenizer_chars.h"
#include "python/unicode.h"

namespace kensa::python {

namespace {

constexpr int kEof = -1;

bool IsDigit(int c) {
  return c >= '0' && c <= '9';
}
bool IsHex(int c) {
  return c >= 0 && (CharClass(static_cast<unsigned char>(c)) & kHexDigit);
}
bool IsIdentChar(int c) {
  return c >= 0 && (CharClass(static_cast<unsigned char>(c)) & kIdentChar);
}

}  // namespace

// CPython's verify_identifier: the name must decode as UTF-8 and be XID_Start XID_Continue*.
bool Tokenizer::VerifyIdentifier(uint32_t start, uint32_t* end) {
  std::string_view bytes(buf_ + start, *end - start);
  if (std::optional<Utf8Error> bad = FindUtf8Error(bytes)) {
    // E_DECODE: the parser reports it at the cursor, which stands after the name.
    Fail(SyntaxError::Type::kSyntaxError,
         "(unicode error) " + DecodeErrorMessage("utf-8", bytes, bad->start, bad->end, bad->reason),
         LineOf(start), PegenColumn(LineBegin(start), *end), 0, false);
    return false;
  }
  size_t i = 0;
  bool first = true;
  while (i < bytes.size()) {
    size_t at = i;
    char32_t cp = NextUtf8(bytes, &i);
    bool ok = first ? IsIdentifierStart(cp) : IsIdentifierContinue(cp);
    first = false;
    if (ok) continue;
    char message[80];
    if (IsPrintable(cp)) {
      std::string ch;
      AppendUtf8(ch, cp);
      std::snprintf(message, sizeof(message), "invalid character '%s' (U+%04X)", ch.c_str(),
                    static_cast<unsigned>(cp));
    } else {
      std::snprintf(message, sizeof(message), "invalid non-printable character U+%04X",
                    static_cast<unsigned>(cp));
    }
    (void)at;
    FailAtCursor(message, start + static_cast<uint32_t>(i));
    return false;
  }
  return true;
}

// After a number: a name character right after it is an error, except the starts of the
// keywords that may follow a number in valid code (CPython only warns about those).
bool Tokenizer::VerifyEndOfNumber(uint32_t* p, const char* kind) {
  uint32_t cur = *p;  // the character c was read from is at cur - 1 (or cur at EOF)
  int c = cur - 1 < end_ ? static_cast<unsigned char>(buf_[cur - 1]) : kEof;
  // c was consumed; the text after it starts at cur.
  auto lookahead = [&](const char* rest) {
    uint32_t q = cur;
    for (; *rest; ++rest, ++q) {
      if (q >= end_ || buf_[q] != *rest) return false;
    }
    return !(q < end_ && IsIdentChar(static_cast<unsigned char>(buf_[q])));
  };
  bool keyword = false;
  switch (c) {
    case 'a':
      keyword = lookahead("nd");
      break;
    case 'e':
      keyword = lookahead("lse");
      break;
    case 'f':
      keyword = lookahead("or");
      break;
    case 'o':
      keyword = lookahead("r");
      break;
    case 'n':
      keyword = lookahead("ot");
      break;
    case 'i':
      keyword = cur < end_ && (buf_[cur] == 'f' || buf_[cur] == 'n' || buf_[cur] == 's');
      break;
    default:
      break;
  }
  if (keyword) return true;  // a SyntaxWarning in CPython, not an error
  // 3.12 rejects only an ASCII identifier character here: "1é" is a NUMBER and a NAME there.
  bool non_ascii_allowed = options_.version == PythonVersion::k3_12 && c >= 0x80;
  if (IsIdentChar(c) && !non_ascii_allowed) {
    FailAtCursor(std::string("invalid ") + kind + " literal", cur - 1);
    return false;
  }
  return true;
}

// After a digit: more digits, single underscores between digits. On success *p is just past
// the first character that is not part of the tail (which the caller inspects at *p - 1).
bool Tokenizer::DecimalTail(uint32_t* p) {
  uint32_t cur = *p;
  for (;;) {
    while (cur < end_ && IsDigit(buf_[cur])) ++cur;
    if (cur < end_ && buf_[cur] == '_') {
      ++cur;
      if (cur < end_ && IsDigit(buf_[cur])) continue;
      FailAtCursor("invalid decimal literal", cur);
      return false;
    }
    break;
  }
  *p = cur + 1;  // "consume" the character after the tail, as CPython's loop does
  return true;
}

TokenKind Tokenizer::ScanNumber(uint32_t start) {
  // cur is CPython's tok->cur; next() reads a character, back() puts one back. At the end of
  // the buffer next() returns kEof without moving, as CPython's tok_nextc does.
  uint32_t cur = pos_;
  auto next = [&]() -> int {
    if (cur >= end_) return kEof;
    return static_cast<unsigned char>(buf_[cur++]);
  };
  auto back = [&](int c) {
    if (c != kEof) --cur;
  };
  // Reads the tail of a decimal run; returns the character after it (consumed), or -2.
  auto decimal_tail = [&]() -> int {
    uint32_t p = cur;
    if (!DecimalTail(&p)) return -2;
    if (p - 1 >= end_) {
      cur = end_;
      return kEof;
    }
    cur = p;
    return static_cast<unsigned char>(buf_[p - 1]);
  };
  auto end_check = [&](int c, const char* kind) {
    // VerifyEndOfNumber wants c consumed at cur - 1.
    if (c == kEof) return true;
    uint32_t p = cur;
    return VerifyEndOfNumber(&p, kind);
  };
  auto error = [&]() { return Emit(TokenKind::kError, cur, cur); };

  int c = next();
  if (c == '.') {
    c = next();
    goto fraction;
  }
  if (c == '0') {
    c = next();
    if (c == 'x' || c == 'X') {
      c = next();
      do {
        if (c == '_') c = next();
        if (!IsHex(c)) {
          back(c);
          return FailAtCursor("invalid hexadecimal literal", cur);
        }
        do {
          c = next();
        } while (IsHex(c));
      } while (c == '_');
      if (!end_check(c, "hexadecimal")) return error();
    } else if (c == 'o' || c == 'O' || c == 'b' || c == 'B') {
      bool octal = c == 'o' || c == 'O';
      const char* kind = octal ? "octal" : "binary";
      char limit = octal ? '8' : '2';
      c = next();
      do {
        if (c == '_') c = next();
        if (c < '0' || c >= limit) {
          if (IsDigit(c)) {
            return FailAtCursor(
                std::string("invalid digit '") + static_cast<char>(c) + "' in " + kind + " literal",
                cur);
          }
          back(c);
          return FailAtCursor(std::string("invalid ") + kind + " literal", cur);
        }
        do {
          c = next();
        } while (c >= '0' && c < limit);
      } while (c == '_');
      if (IsDigit(c)) {
        return FailAtCursor(
            std::string("invalid digit '") + static_cast<char>(c) + "' in " + kind + " literal",
            cur);
      }
      if (!end_check(c, kind)) return error();
    } else {
      bool nonzero = false;
      // Zeros (maybe separated by underscores); then an old-style octal is an error unless
      // the number turns out to be a float or imaginary.
      for (;;) {
        if (c == '_') {
          c = next();
          if (!IsDigit(c)) {
            back(c);
            return FailAtCursor("invalid decimal literal", cur);
          }
        }
        if (c != '0') break;
        c = next();
      }
      uint32_t zeros_end = cur;
      if (IsDigit(c)) {
        nonzero = true;
        c = decimal_tail();
        if (c == -2) return error();
      }
      if (c == '.') {
        c = next();
        goto fraction;
      }
      if (c == 'e' || c == 'E') goto exponent;
      if (c == 'j' || c == 'J') goto imaginary;
      if (nonzero) {
        back(c);
        // Byte columns, as CPython passes them (no conversion to characters).
        return Fail(SyntaxError::Type::kSyntaxError,
                    "leading zeros in decimal integer literals are not permitted; use an 0o "
                    "prefix for octal integers",
                    LineOf(start), ByteColumn(start) + 1, ByteColumn(zeros_end));
      }
      if (!end_check(c, "decimal")) return error();
    }
    back(c);
    pos_ = cur;
    return Emit(TokenKind::kNumber, start, pos_);
  }

  // A decimal number: c is its first digit.
  c = decimal_tail();
  if (c == -2) return error();
  if (c == '.') {
    c = next();
  fraction:
    if (IsDigit(c)) {
      c = decimal_tail();
      if (c == -2) return error();
    }
  }
  if (c == 'e' || c == 'E') {
  exponent:
    int e = c;
    c = next();
    if (c == '+' || c == '-') {
      c = next();
      if (!IsDigit(c)) {
        back(c);
        return FailAtCursor("invalid decimal literal", cur);
      }
    } else if (!IsDigit(c)) {
      back(c);
      if (!end_check(e, "decimal")) return error();
      back(e);
      pos_ = cur;
      return Emit(TokenKind::kNumber, start, pos_);
    }
    c = decimal_tail();
    if (c == -2) return error();
  }
  if (c == 'j' || c == 'J') {
  imaginary:
    c = next();
    if (!end_check(c, "imaginary")) return error();
  } else if (!end_check(c, "decimal")) {
    return error();
  }
  back(c);
  pos_ = cur;
  return Emit(TokenKind::kNumber, start, pos_);
}

namespace {

// For each quote character, the bytes that stop the fast scan of a string body: the quote,
// a backslash, NUL (the end of the buffer, or a NUL in a FromUtf8 text), and for
// single-quoted strings the newline.
struct StringStops {
  uint8_t single[256];
  uint8_t triple[256];
};
constexpr StringStops MakeStops(char quote) {
  StringStops t{};
  for (unsigned char c : {static_cast<unsigned char>(quote), static_cast<unsigned char>('\\'),
                          static_cast<unsigned char>('\0')}) {
    t.single[c] = t.triple[c] = 1;
  }
  t.single[static_cast<unsigned char>('\n')] = 1;
  return t;
}
constexpr StringStops kSingleQuoteStops = MakeStops('\'');
constexpr StringStops kDoubleQuoteStops = MakeStops('"');

}  // namespace

TokenKind Tokenizer::ScanString(uint32_t start, uint32_t quote_pos) {
  const char* buf = buf_;
  char quote = buf[quote_pos];
  const StringStops& stops = quote == '\'' ? kSingleQuoteStops : kDoubleQuoteStops;
  uint32_t p = quote_pos + 1;
  if (buf[p] == quote && p < end_) {
    if (buf[p + 1] == quote && p + 1 < end_) {
      return ScanTripleQuoted(start, p + 2, stops.triple);
    }
    pos_ = p + 1;  // the empty string
    return Emit(TokenKind::kString, start, pos_);
  }
  for (;;) {
    while (!stops.single[static_cast<unsigned char>(buf[p])]) ++p;
    char c = buf[p];
    if (c == quote) {
      pos_ = p + 1;
      return Emit(TokenKind::kString, start, pos_);
    }
    if (c == '\\') {
      if (p + 1 >= end_) {
        // The escaped character is the (possibly virtual) final newline, then EOF.
        p = end_;
        break;
      }
      p += 2;
      continue;
    }
    if (c == '\n' || p >= end_) break;
    ++p;  // a NUL inside a FromUtf8 text
  }
  // CPython reports it at the opening quote's line, one past the start of the token.
  if (!fstrings_.empty() && fstrings_.back().quote == quote && fstrings_.back().quote_size == 1) {
    return FailAtCursor("f-string: expecting '}'", start + 1);  // a quote ending the f-string
  }
  uint32_t detected = LineOf(p < end_ ? p : (end_ > 0 ? end_ - 1 : 0));
  return FailAtCursor(
      "unterminated string literal (detected at line " + std::to_string(detected) + ")", start + 1);
}

// The body of a triple-quoted string, from p (just after the opening quotes).
TokenKind Tokenizer::ScanTripleQuoted(uint32_t start, uint32_t p, const uint8_t* stops) {
  const char* buf = buf_;
  char quote = buf[p - 1];
  for (;;) {
    while (!stops[static_cast<unsigned char>(buf[p])]) ++p;
    if (p >= end_) break;
    char c = buf[p];
    if (c == quote) {
      if (buf[p + 1] == quote && buf[p + 2] == quote && p + 2 < end_) {
        pos_ = p + 3;
        return Emit(TokenKind::kString, start, pos_);
      }
      ++p;
      continue;
    }
    if (c == '\\' && p + 1 < end_) {
      p += 2;
      continue;
    }
    ++p;  // a backslash at the very end, or a NUL in a FromUtf8 text
  }
  if (!fstrings_.empty() && fstrings_.back().quote == quote && fstrings_.back().quote_size == 3) {
    return FailAtCursor("f-string: expecting '}'", start + 1);
  }
  uint32_t detected = LineOf(end_ > 0 ? end_ - 1 : 0);
  return FailAtCursor("unterminated triple-quoted string literal (detected at line " +
                          std::to_string(detected) + ")",
                      start + 1);
}

}  // namespace kensa::python
