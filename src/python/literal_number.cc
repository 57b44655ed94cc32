// NUMBER token values: ints of any size (as decimal text), floats, imaginary parts.
#include <charconv>
#include <cstdlib>
#include <string>

#include "python/bigint.h"
#include "python/literal.h"

namespace kensa::python {
namespace {

// CPython 3.11 refuses to convert decimal int literals longer than this (sys.int_info).
constexpr size_t kMaxDecimalDigits = 4300;

// Python's float(): the nearest double, inf on overflow, 0 on underflow. from_chars is exact
// and locale-free; strtod settles the out-of-range cases.
double ParseDouble(std::string_view text) {
  double value = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec == std::errc() && result.ptr == text.data() + text.size()) return value;
  return std::strtod(std::string(text).c_str(), nullptr);
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

ast::ConstantValue ParseNumberLiteral(std::string_view text, Arena& arena, SyntaxError* error) {
  ast::ConstantValue value;
  // The common case: a plain decimal int, kept as a view of the token.
  if (!text.empty() && text[0] != '0' && text.size() <= kMaxDecimalDigits && AllDigits(text)) {
    value.kind = ast::ConstantValue::Kind::kInt;
    value.set_text(text);
    return value;
  }
  bool has_underscore = text.find('_') != std::string_view::npos;
  std::string clean;
  if (has_underscore) {
    clean.reserve(text.size());
    for (char c : text) {
      if (c != '_') clean.push_back(c);
    }
  }
  std::string_view digits = has_underscore ? std::string_view(clean) : text;
  if (digits.empty()) return value;

  char last = digits.back();
  if (last == 'j' || last == 'J') {
    value.kind = ast::ConstantValue::Kind::kComplex;
    value.number = ParseDouble(digits.substr(0, digits.size() - 1));
    return value;
  }
  if (digits.size() > 1 && digits[0] == '0' &&
      (digits[1] == 'x' || digits[1] == 'X' || digits[1] == 'o' || digits[1] == 'O' ||
       digits[1] == 'b' || digits[1] == 'B')) {
    char radix = static_cast<char>(digits[1] | 0x20);
    unsigned base = radix == 'x' ? 16 : radix == 'o' ? 8 : 2;
    value.kind = ast::ConstantValue::Kind::kInt;
    value.set_text(arena.CopyString(RadixToDecimal(digits.substr(2), base)));
    return value;
  }
  if (digits.find_first_of(".eE") != std::string_view::npos) {
    value.kind = ast::ConstantValue::Kind::kFloat;
    value.number = ParseDouble(digits);
    return value;
  }
  // Decimal int: drop leading zeros ("000" is 0).
  size_t start = digits.find_first_not_of('0');
  std::string_view significant =
      start == std::string_view::npos ? std::string_view("0") : digits.substr(start);
  if (significant.size() > kMaxDecimalDigits) {
    if (error != nullptr) {
      error->type = SyntaxError::Type::kSyntaxError;
      error->message = "Exceeds the limit (4300 digits) for integer string conversion: value has " +
                       std::to_string(significant.size()) +
                       " digits; use sys.set_int_max_str_digits() to increase the limit - "
                       "Consider hexadecimal for huge integer literals to avoid decimal "
                       "conversion limits.";
    }
    return ast::ConstantValue{};
  }
  value.kind = ast::ConstantValue::Kind::kInt;
  // A view of the token text when it is already clean; else an arena copy.
  value.set_text(!has_underscore && start != std::string_view::npos
                     ? significant
                     : arena.CopyString(significant));
  if (start == std::string_view::npos) value.set_text("0");
  return value;
}

}  // namespace kensa::python
