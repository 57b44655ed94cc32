// Source: the text of one Python file as CPython's tokenizer sees it, made from raw bytes.
//
// Decoding follows CPython: a UTF-8 BOM is dropped; a PEP 263 coding cookie on line 1 or 2
// selects the codec (utf-8 and latin-1/iso-8859-1 and their aliases; ascii); anything else is
// an error; bytes invalid in the codec are a SyntaxError with CPython's message. Newlines are
// normalized as CPython does ("\r\n" and lone "\r" become "\n") and a final "\n" is NOT added
// (the tokenizer handles a missing one). The text is NUL-terminated (text()[size] is '\0') so
// the tokenizer can look one byte ahead without bounds checks.
//
// The text is UTF-8, with one exception that mirrors CPython: a source with no cookie (or a
// cookie spelled utf-8, or a BOM) is not decoded at all, so invalid UTF-8 is kept as it is;
// CPython only complains where it decodes: in a name (the tokenizer's "(unicode error)") or in
// a string literal (the literal decoder's "(unicode error) 'utf-8' codec can't decode ...").
// Comments may hold any bytes. A cookie naming another codec decodes the whole text strictly.
//
// All positions in kensa (tokens, AST nodes) are byte offsets into text().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/line_index.h"
#include "python/syntax_error.h"

namespace kensa::python {

class Source {
 public:
  // Decodes `bytes`. On failure, returns nullopt and sets *error (never throws).
  static std::optional<Source> Decode(std::string_view bytes, SyntaxError* error);
  // For text already known to be UTF-8 with "\n" newlines (tests, fuzzers); no decoding.
  static Source FromUtf8(std::string_view text);

  std::string_view text() const { return std::string_view(text_.data(), text_.size()); }
  const LineIndex& lines() const { return lines_; }

  // Whether the bytes declared their encoding (a UTF-8 BOM or a coding cookie, even one naming
  // utf-8): CPython's tok->encoding is then set, and that changes error columns. The parser's
  // own errors (pegen's RAISE_*: "invalid syntax", "'(' was never closed", ...) give offsets
  // in characters when it is set, but in BYTES (byte column + 1) when it is not, as for
  // ast.parse(bytes) of a file without a cookie. Errors the tokenizer raises itself always
  // count characters. False for FromUtf8.
  bool declares_encoding() const { return declares_encoding_; }
  LineCol Locate(uint32_t offset) const { return lines_.Locate(offset); }

 private:
  std::string text_;  // std::string keeps a NUL after size()
  LineIndex lines_;
  bool declares_encoding_ = false;
};

}  // namespace kensa::python
