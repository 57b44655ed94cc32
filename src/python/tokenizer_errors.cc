// Tokenizer errors, positioned as CPython positions them. CPython's tokenizer raises some
// errors itself (syntaxerror(): the offset is the number of characters of the line before its
// cursor) and leaves others as error codes the parser turns into exceptions, each with its own
// idea of the column; the comments say which is which.
#include "python/tokenizer.h"
#include "python/unicode.h"

namespace kensa::python {

uint32_t Tokenizer::LineOf(uint32_t p) const {
  return source_.Locate(p + base_).line;
}

uint32_t Tokenizer::LineBegin(uint32_t p) const {
  // Buffer-relative; in range mode a line may begin before the range, so this can wrap, but
  // it is only ever handed back to CharsBetween, which adds base_ again.
  return source_.lines().LineStart(LineOf(p)) - base_;
}

uint32_t Tokenizer::ByteColumn(uint32_t p) const {
  uint32_t line_start = source_.lines().LineStart(LineOf(p));
  if (options_.parenthesized && line_start <= base_) return p + 1;  // after CPython's "("
  return p + base_ - line_start;
}

uint32_t Tokenizer::CharsBetween(uint32_t line_begin, uint32_t p) const {
  std::string_view text = source_.text();
  uint32_t a = line_begin + base_;
  uint32_t b = p + base_;
  uint32_t extra = 0;
  if (b > text.size()) {  // CPython's added final newline
    extra = b - static_cast<uint32_t>(text.size());
    b = static_cast<uint32_t>(text.size());
  }
  if (a > b) return extra;
  return static_cast<uint32_t>(CountCharsReplacing(text.substr(a, b - a))) + extra;
}

uint32_t Tokenizer::PegenColumn(uint32_t line_begin, uint32_t p) const {
  return source_.declares_encoding() ? CharsBetween(line_begin, p) : p - line_begin;
}

TokenKind Tokenizer::Fail(SyntaxError::Type type, std::string message, uint32_t line,
                          uint32_t offset, uint32_t end_offset, bool raised) {
  SyntaxError error;
  error.type = type;
  error.message = std::move(message);
  error.line = line;
  error.offset = offset;
  error.end_line = line;
  error.end_offset = end_offset;
  error_ = std::move(error);
  error_raised_ = raised;
  return Emit(TokenKind::kError, pos_, pos_);
}

// CPython's syntaxerror(): offset and end offset are the characters before the cursor.
//
// In range mode CPython 3.11 tokenizes the replacement field as the string "(" + field + ")"
// with the line numbers of the file: on the field's first line, columns count from that "(".
TokenKind Tokenizer::FailAtCursor(std::string message, uint32_t cursor) {
  uint32_t line = LineOf(cursor - 1);
  uint32_t line_start = source_.lines().LineStart(line);
  uint32_t chars = options_.parenthesized && line_start <= base_
                       ? CharsBetween(0, cursor) + 1
                       : CharsBetween(line_start - base_, cursor);
  pos_ = cursor;
  return Fail(SyntaxError::Type::kSyntaxError, std::move(message), line, chars, chars);
}

// The end of the input where more was needed: inside brackets (the parser's "'(' was never
// closed", at the innermost open bracket) or after a backslash ("unexpected EOF while
// parsing", just past the last line's newline).
SyntaxError Tokenizer::NeverClosed() const {
  const OpenBracket& open = brackets_.back();
  uint32_t at = open.offset - base_;
  SyntaxError error;
  error.message = std::string("'") + open.ch + "' was never closed";
  error.line = error.end_line = LineOf(at);
  error.offset = PegenColumn(LineBegin(at), at) + 1;
  error.end_offset = 0;
  return error;
}

TokenKind Tokenizer::FailEof() {
  if (!brackets_.empty()) {
    SyntaxError error = NeverClosed();
    return Fail(error.type, std::move(error.message), error.line, error.offset, error.end_offset,
                false);
  }
  uint32_t last = end_ > 0 ? end_ - 1 : 0;
  bool ends_with_newline = end_ > 0 && source_.text()[end_ - 1 + base_] == '\n';
  uint32_t line_end = ends_with_newline ? end_ : end_ + 1;
  return Fail(SyntaxError::Type::kSyntaxError, "unexpected EOF while parsing", LineOf(last),
              PegenColumn(LineBegin(last), line_end), 0, false);
}

}  // namespace kensa::python

namespace kensa::python {

std::optional<SyntaxError> Tokenizer::ErrorInRest(uint32_t error_line) {
  std::optional<SyntaxError> replacement;
  for (;;) {
    Token t = Next();
    if (t.kind == TokenKind::kEndMarker) return std::nullopt;
    if (t.kind != TokenKind::kError) continue;
    if (error_raised_) {
      replacement = error_;
    } else if (!brackets_.empty() && source_.Locate(brackets_.back().offset).line < error_line) {
      replacement = NeverClosed();
    }
    break;
  }
  // CPython 3.12 keeps the parser's error when the tokenizer stopped inside an f-string: an
  // error in a replacement field beats the "expecting '}'" kind of error that follows it.
  if (options_.version == PythonVersion::k3_12 && !fstrings_.empty()) return std::nullopt;
  return replacement;
}

}  // namespace kensa::python
