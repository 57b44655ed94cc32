// The tokenizer of Python 3.11's re._parser, shared by the pattern translation
// (py_re_translate.cc) and the replacement-template parser (py_re_template.cc): a token is one
// character or a backslash and the character after it, positions are code-point offsets, and an
// error is thrown as PyReError — both parsers are recursive or loop-heavy ports of Python's, and
// unwinding to their single entry point is how they stop at the first error as Python does.
// PyReError never leaves those entry points.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "checks/py_text.h"

namespace kensa::checks {

// re.error (or the OverflowError / IndexError / ValueError re raises in the same places).
struct PyReError {
  std::string message;
  std::optional<size_t> pos;  // code-point offset into the pattern or template, as re.error.pos
};

// str(re.error): "<message> at position <pos>", plus " (line L, column C)" when the text has
// several lines.
std::string FormatPyReError(const PyReError& error, const std::u32string& text);

inline bool PyReIsDigit(char32_t c) {
  return c >= '0' && c <= '9';
}
inline bool PyReIsOctDigit(char32_t c) {
  return c >= '0' && c <= '7';
}
inline bool PyReIsAsciiLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// re._parser.ESCAPES: \a \b \f \n \r \t \v \\ and their characters.
inline std::optional<char32_t> PyReSimpleEscape(char32_t c) {
  switch (c) {
    case 'a':
      return 0x07;
    case 'b':
      return 0x08;
    case 'f':
      return 0x0C;
    case 'n':
      return 0x0A;
    case 'r':
      return 0x0D;
    case 't':
      return 0x09;
    case 'v':
      return 0x0B;
    case '\\':
      return '\\';
    default:
      return std::nullopt;
  }
}

// Decodes `utf8` and runs `parse` (which may throw PyReError) on it. On an error returns false
// with *error set to str(re.error); `what` names the text in the message for invalid UTF-8.
template <typename Parse>
bool RunPyReParser(std::string_view utf8, const char* what, std::string* error, Parse parse) {
  std::string invalid;
  if (!ValidatePyUtf8(utf8, &invalid)) {
    *error = std::string("kensa does not support a ") + what + " that is not valid UTF-8 (" +
             invalid + ")";
    return false;
  }
  std::u32string text = DecodeUtf8(utf8);
  try {
    parse(text);
    return true;
  } catch (const PyReError& e) {
    *error = FormatPyReError(e, text);
    return false;
  }
}

struct PyReToken {
  bool none = true;  // end of the text
  bool escape = false;
  char32_t c = 0;  // the character, or the one after the backslash
  bool Is(char32_t ch) const { return !none && !escape && c == ch; }
  size_t size() const { return none ? 0 : escape ? 2 : 1; }
  std::u32string text() const {
    if (none) return {};
    return escape ? std::u32string{U'\\', c} : std::u32string{c};
  }
};

class PyReTokenizer {
 protected:
  explicit PyReTokenizer(std::u32string text) : s_(std::move(text)) {}

  // Fetches the next token; like Python's, it reads one token ahead.
  void Advance() {
    size_t i = index_;
    if (i >= s_.size()) {
      next_ = {};
      return;
    }
    char32_t c = s_[i];
    if (c == '\\') {
      ++i;
      if (i >= s_.size()) throw PyReError{"bad escape (end of pattern)", s_.size() - 1};
      next_ = {false, true, s_[i]};
    } else {
      next_ = {false, false, c};
    }
    index_ = i + 1;
  }
  bool Match(char32_t c) {
    if (!next_.Is(c)) return false;
    Advance();
    return true;
  }
  PyReToken Get() {
    PyReToken t = next_;
    Advance();
    return t;
  }
  bool NextIn(bool (*set)(char32_t)) const { return !next_.none && !next_.escape && set(next_.c); }
  std::u32string GetWhile(size_t n, bool (*set)(char32_t)) {
    std::u32string out;
    for (size_t k = 0; k < n && NextIn(set); ++k) out += Get().c;
    return out;
  }
  std::u32string GetUntil(char32_t terminator, const std::string& name) {
    std::u32string result;
    while (true) {
      PyReToken t = Get();
      if (t.none) {
        if (result.empty()) Fail("missing " + name);
        Fail("missing " + EncodeUtf8(std::u32string(1, terminator)) + ", unterminated name",
             result.size());
      }
      if (t.Is(terminator)) {
        if (result.empty()) Fail("missing " + name, 1);
        break;
      }
      result += t.text();
    }
    return result;
  }
  size_t Tell() const { return index_ - next_.size(); }
  void Seek(size_t index) {
    index_ = index;
    Advance();
  }
  [[noreturn]] void Fail(const std::string& message, size_t offset = 0) const {
    throw PyReError{message, Tell() - offset};
  }

  std::u32string s_;
  size_t index_ = 0;
  PyReToken next_;
};

}  // namespace kensa::checks
