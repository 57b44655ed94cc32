// PEP 701 f-strings (PythonVersion::k3_12), as CPython 3.12's tokenizer splits them:
// FSTRING_START (prefix and opening quotes), FSTRING_MIDDLE for each run of literal text,
// the replacement fields as ordinary tokens between LBRACE and RBRACE (with COLON starting a
// format spec, which is literal text again), and FSTRING_END (the closing quotes).
//
// An FSTRING_MIDDLE before an escaped brace ("{{" or "}}") keeps one brace and ends before
// the second, which is skipped; empty FSTRING_MIDDLE tokens occur exactly where CPython emits
// them (before a '{' or '}' that ends a format spec).
#include <string>

#include "python/tokenizer.h"

namespace kensa::python {

namespace {

constexpr size_t kMaxFStringNesting = 149;  // CPython's MAXFSTRINGLEVEL (150) less the base
constexpr int kMaxExprNesting = 3;          // CPython's MAX_EXPR_NESTING

}  // namespace

// After an f-string prefix, at the opening quote.
TokenKind Tokenizer::ScanFStringStart(uint32_t start, uint32_t quote_pos) {
  const char* buf = buf_;
  char quote = buf[quote_pos];
  uint32_t p = quote_pos + 1;
  uint8_t quote_size = 1;
  if (p + 1 < end_ && buf[p] == quote && buf[p + 1] == quote) {
    quote_size = 3;
    p += 2;
  }
  if (fstrings_.size() >= kMaxFStringNesting) {
    return FailAtCursor("too many nested f-strings", p);
  }
  bool raw = false;
  for (uint32_t i = start; i < quote_pos; ++i) raw |= (buf[i] | 0x20) == 'r';
  fstrings_.push_back(FString{start, quote, quote_size, raw, /*in_literal=*/true,
                              /*in_format_spec=*/false, /*curly_depth=*/0, /*expr_depth=*/-1});
  return Emit(TokenKind::kFStringStart, start, p);
}

// Literal text of the innermost f-string, its end, or the start of a replacement field.
TokenKind Tokenizer::ScanFStringPart() {
  const char* buf = buf_;
  FString& f = fstrings_.back();
  uint32_t start = pos_;
  uint32_t p = pos_;

  // A replacement field right away: nothing literal to emit.
  if (buf[p] == '{' && p < end_ && !(buf[p + 1] == '{' && p + 1 < end_)) {
    if (++f.expr_depth >= kMaxExprNesting) {
      return FailAtCursor("f-string: expressions nested too deeply", p);  // before the '{'
    }
    f.in_literal = false;
    return Scan();
  }

  // The closing quotes.
  bool closing = p + f.quote_size <= end_;
  for (int i = 0; closing && i < f.quote_size; ++i) closing = buf[p + i] == f.quote;
  if (closing) {
    fstrings_.pop_back();
    return Emit(TokenKind::kFStringEnd, start, p + f.quote_size);
  }

  bool in_format_spec = f.in_format_spec && f.expr_depth >= 0;
  bool unicode_escape = false;
  int quotes = 0;
  while (quotes != f.quote_size) {
    bool at_end = p >= end_ && !(p == end_ && virtual_newline_);
    char c = at_end ? '\0' : buf[p];
    if (at_end || (f.quote_size == 1 && (c == '\n' || p == end_))) {
      if (in_format_spec && !at_end) {
        // A single-quoted f-string's format spec ends at the end of the line.
        f.in_literal = false;
        f.in_format_spec = false;
        return Emit(TokenKind::kFStringMiddle, start, p);
      }
      uint32_t detected = LineOf(at_end ? (end_ > 0 ? end_ - 1 : 0) : p);
      const char* what = f.quote_size == 3 ? "unterminated triple-quoted f-string literal"
                                           : "unterminated f-string literal";
      return FailAtCursor(
          std::string(what) + " (detected at line " + std::to_string(detected) + ")", f.start + 1);
    }
    ++p;
    if (c == f.quote) {
      ++quotes;
      continue;
    }
    quotes = 0;
    if (c == '{') {
      if (buf[p] != '{' || p >= end_ || in_format_spec) {
        if (++f.expr_depth >= kMaxExprNesting) {
          return FailAtCursor("f-string: expressions nested too deeply", p - 1);
        }
        f.in_literal = false;
        f.in_format_spec = false;
        return Emit(TokenKind::kFStringMiddle, start, p - 1);
      }
      return EmitBefore(TokenKind::kFStringMiddle, start, p, p + 1);  // "{{": keep one
    }
    if (c == '}') {
      if (unicode_escape) return Emit(TokenKind::kFStringMiddle, start, p);  // \N{...}
      if (buf[p] == '}' && p < end_ && !in_format_spec && f.curly_depth == 0) {
        return EmitBefore(TokenKind::kFStringMiddle, start, p, p + 1);  // "}}": keep one
      }
      f.in_literal = false;
      f.in_format_spec = false;
      return Emit(TokenKind::kFStringMiddle, start, p - 1);
    }
    if (c == '\\' && p < end_) {
      char next = buf[p];
      if (next == '{' || next == '}') continue;  // the brace is handled on its own
      ++p;                                       // the escaped character
      if (!f.raw && next == 'N' && buf[p] == '{' && p < end_) {
        ++p;
        unicode_escape = true;
      }
    }
  }
  // The closing quotes follow: emit the text before them; FSTRING_END comes next.
  return Emit(TokenKind::kFStringMiddle, start, p - f.quote_size);
}

}  // namespace kensa::python
