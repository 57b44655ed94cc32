// repr() of str, bytes, int, float and complex as CPython 3.11 writes them.
#include "python/py_repr.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "base/utf8.h"
#include "python/unicode.h"

namespace kensa::python {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void AppendHex(uint32_t value, int digits, std::string* out) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out->push_back(kHexDigits[(value >> shift) & 0xF]);
  }
}

// Python's choice of quote: single, unless the text has a single quote and no double quote.
char ChooseQuote(std::string_view text) {
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  return has_single && !has_double ? '"' : '\'';
}

// Appends the ASCII character `c` as repr(str) and repr(bytes) both escape it.
void AppendAsciiEscaped(unsigned char c, char quote, std::string* out) {
  if (c == static_cast<unsigned char>(quote) || c == '\\') {
    out->push_back('\\');
    out->push_back(static_cast<char>(c));
  } else if (c == '\t') {
    out->append("\\t");
  } else if (c == '\n') {
    out->append("\\n");
  } else if (c == '\r') {
    out->append("\\r");
  } else if (c < 0x20 || c >= 0x7F) {
    out->append("\\x");
    AppendHex(c, 2, out);
  } else {
    out->push_back(static_cast<char>(c));
  }
}

// Shortest round-trip digits of a finite positive double and its decimal exponent:
// value = 0.d1d2d3... * 10^decimal_point (as dtoa's "decpt").
struct ShortestDigits {
  char digits[32];
  int count = 0;
  int decimal_point = 0;
};

ShortestDigits Shortest(double value) {
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  // buffer: d[.ddd]e[+-]XX
  ShortestDigits s;
  const char* p = buffer;
  while (p < result.ptr && *p != 'e') {
    if (*p != '.') s.digits[s.count++] = *p;
    ++p;
  }
  int exponent = 0;
  const char* digits = p + 1;
  if (*digits == '+') ++digits;  // from_chars takes '-' but not '+'
  std::from_chars(digits, result.ptr, exponent);
  // Drop trailing zeros (to_chars gives none for shortest, but be safe).
  while (s.count > 1 && s.digits[s.count - 1] == '0') --s.count;
  s.decimal_point = exponent + 1;
  return s;
}

// float.__repr__ ('r' format) without the sign; add_dot_zero is set for float, not complex.
void AppendShortestRepr(double value, bool add_dot_zero, std::string* out) {
  if (std::isnan(value)) {
    out->append("nan");
    return;
  }
  if (std::signbit(value)) {
    out->push_back('-');
    value = -value;
  }
  if (std::isinf(value)) {
    out->append("inf");
    return;
  }
  if (value == 0) {
    out->append(add_dot_zero ? "0.0" : "0");
    return;
  }
  ShortestDigits s = Shortest(value);
  int decpt = s.decimal_point;
  if (decpt <= -4 || decpt > 16) {
    // Exponent notation: d[.ddd]e[+-]XX, at least two exponent digits.
    out->push_back(s.digits[0]);
    if (s.count > 1) {
      out->push_back('.');
      out->append(s.digits + 1, s.count - 1);
    }
    int exponent = decpt - 1;
    out->push_back('e');
    out->push_back(exponent < 0 ? '-' : '+');
    int magnitude = std::abs(exponent);
    if (magnitude < 10) out->push_back('0');
    out->append(std::to_string(magnitude));
    return;
  }
  if (decpt <= 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-decpt), '0');
    out->append(s.digits, s.count);
  } else if (decpt >= s.count) {
    out->append(s.digits, s.count);
    out->append(static_cast<size_t>(decpt - s.count), '0');
    if (add_dot_zero) out->append(".0");
  } else {
    out->append(s.digits, decpt);
    out->push_back('.');
    out->append(s.digits + decpt, s.count - decpt);
  }
}

}  // namespace

void AppendStrRepr(std::string_view utf8, std::string* out, PythonVersion version) {
  char quote = ChooseQuote(utf8);
  out->push_back(quote);
  size_t i = 0;
  while (i < utf8.size()) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      AppendAsciiEscaped(c, quote, out);
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = NextUtf8(utf8, &i);
    if (IsPrintable(cp, version)) {
      out->append(utf8.substr(start, i - start));
    } else if (cp <= 0xFF) {
      out->append("\\x");
      AppendHex(cp, 2, out);
    } else if (cp <= 0xFFFF) {
      out->append("\\u");
      AppendHex(cp, 4, out);
    } else {
      out->append("\\U");
      AppendHex(cp, 8, out);
    }
  }
  out->push_back(quote);
}

void AppendBytesRepr(std::string_view bytes, std::string* out) {
  char quote = ChooseQuote(bytes);
  out->push_back('b');
  out->push_back(quote);
  for (char c : bytes) AppendAsciiEscaped(static_cast<unsigned char>(c), quote, out);
  out->push_back(quote);
}

void AppendFloatRepr(double value, std::string* out) {
  AppendShortestRepr(value, true, out);
}

void AppendImaginaryRepr(double imag, std::string* out) {
  AppendShortestRepr(imag, false, out);
  out->push_back('j');
}

void AppendConstantRepr(const ast::ConstantValue& value, std::string* out, PythonVersion version) {
  using Kind = ast::ConstantValue::Kind;
  switch (value.kind) {
    case Kind::kNone:
      out->append("None");
      return;
    case Kind::kTrue:
      out->append("True");
      return;
    case Kind::kFalse:
      out->append("False");
      return;
    case Kind::kEllipsis:
      out->append("Ellipsis");
      return;
    case Kind::kInt:
      out->append(value.text());
      return;
    case Kind::kFloat:
      AppendFloatRepr(value.number, out);
      return;
    case Kind::kComplex:
      AppendImaginaryRepr(value.number, out);
      return;
    case Kind::kStr:
      AppendStrRepr(value.text(), out, version);
      return;
    case Kind::kBytes:
      AppendBytesRepr(value.text(), out);
      return;
  }
}

}  // namespace kensa::python
