// Tokenizer: turns a Source into tokens on demand, exactly as CPython 3.11's C tokenizer does
// (indentation stack, implicit line joining inside brackets, backslash continuation, tabs to
// multiples of 8 with the "alternate" tab size 1 consistency check, string prefixes, numbers
// with underscores, non-ASCII identifiers validated and NFKC-normalized by the parser).
//
// Tokens are pulled one at a time with Next(), because CPython reports the first error in
// parse order: a parser error before a later tokenizer error wins. After an error, Next()
// keeps returning kError. Comments and non-logical newlines (blank lines, lines inside
// brackets) are skipped, as the C tokenizer does for the parser.
//
// Token ranges (byte offsets into Source::text()): NEWLINE covers its "\n" (empty at the end
// of a text without a final newline, where CPython adds one); INDENT covers the indentation
// (line start to the first token); DEDENT is empty at the first token of the line; the DEDENTs
// and ENDMARKER at the end of the file are empty at text().size(). CPython's C tokenizer gives
// INDENT/DEDENT no column and puts ENDMARKER on the line after the last; the parser adapts.
//
// Range mode (TokenizerOptions begin/end, parenthesized): only text()[begin, end) is read, as
// if inside one pair of parentheses: no NEWLINE, INDENT or DEDENT, and at the end of the range
// ENDMARKER directly (or "'(' was never closed" if a bracket opened in the range is still
// open). Token offsets stay offsets into the whole text. Errors are positioned as CPython 3.11
// reports them: it tokenizes "(" + field + ")", so columns on the range's first line count from
// that parenthesis.
//
// PythonVersion::k3_12 adds PEP 701: an f-string becomes FSTRING_START, FSTRING_MIDDLE (literal
// runs; one before "{{" or "}}" keeps a single brace and ends before the second), the fields'
// tokens from LBRACE to RBRACE (COLON starts a format spec, itself literal text) and
// FSTRING_END, exactly as CPython 3.12's tokenizer; and a lone '!' is EXCLAMATION.
//
// Not thread-safe; cheap to create. The Source must outlive the tokenizer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "python/python_version.h"
#include "python/source.h"
#include "python/syntax_error.h"
#include "python/token.h"

namespace kensa::python {

struct TokenizerOptions {
  PythonVersion version = PythonVersion::k3_11;
  // Tokenize only text()[begin, end) as if it were inside one pair of parentheses (newlines
  // are not tokens, no INDENT/DEDENT): how 3.11 parses an f-string replacement field.
  uint32_t begin = 0;
  uint32_t end = UINT32_MAX;  // UINT32_MAX: to the end of the text
  bool parenthesized = false;
};

class Tokenizer {
 public:
  Tokenizer(const Source& source, TokenizerOptions options = {});

  Token Next();

  // Set once Next() has returned kError.
  const std::optional<SyntaxError>& error() const { return error_; }

  // The bracket nesting depth and the opening brackets still open (for "'(' was never closed").
  int level() const { return static_cast<int>(brackets_.size()); }
  struct OpenBracket {
    char ch;
    uint32_t offset;
  };
  const std::vector<OpenBracket>& open_brackets() const { return brackets_; }

  // Whether the error in error() is one CPython's tokenizer raises itself (syntaxerror():
  // bad numbers, strings, characters, brackets) rather than an error code the parser turns
  // into an exception (EOF inside brackets or after a backslash, TabError, unindent
  // mismatch, too deep indentation, bad continuation, undecodable identifier). It matters
  // after a parser error: see ErrorInRest().
  bool error_raised_by_tokenizer() const { return error_raised_; }

  // CPython's _PyPegen_tokenize_full_source_to_check_for_errors: the parser has raised a
  // SyntaxError (generic or specific, IndentationError included) on line `error_line`; this
  // tokenizes the rest of the input and returns the error that replaces the parser's, if any:
  // an error the tokenizer raises itself, or, when tokenizing stops on any error with a
  // bracket still open that was opened on a line before `error_line`, "'(' was never closed"
  // at that bracket. In 3.12, nothing replaces the parser's error if the tokenizer stopped
  // inside an f-string.
  std::optional<SyntaxError> ErrorInRest(uint32_t error_line);

 private:
  // The scanners return the kind of the token they found and leave its range in
  // [begin_, pos_) (buffer positions): one place builds the Token, which keeps it in registers.
  TokenKind Scan();  // Next() without the error latch
  TokenKind Emit(TokenKind kind, uint32_t begin, uint32_t end) {
    begin_ = begin;
    token_end_ = pos_ = end;
    return kind;
  }
  // A token that ends before the cursor (an FSTRING_MIDDLE before "{{" or "}}").
  TokenKind EmitBefore(TokenKind kind, uint32_t begin, uint32_t end, uint32_t resume) {
    begin_ = begin;
    token_end_ = end;
    pos_ = resume;
    return kind;
  }
  bool IsNewline(uint32_t p) const { return buf_[p] == '\n' || (p == end_ && virtual_newline_); }
  bool AtEnd(uint32_t p) const { return p >= end_; }
  bool AtLineStart();   // the indentation of a new line; false on error
  bool Continuation();  // after a backslash at pos_ - 1; false on error
  TokenKind ScanName(uint32_t start);
  TokenKind ScanNumber(uint32_t start);
  TokenKind ScanString(uint32_t start, uint32_t quote_pos);
  TokenKind ScanTripleQuoted(uint32_t start, uint32_t p, const uint8_t* stops);
  TokenKind ScanOperator(uint32_t start);
  // PEP 701 (3.12) f-strings, in tokenizer_fstring.cc.
  TokenKind ScanFStringStart(uint32_t start, uint32_t quote_pos);
  TokenKind ScanFStringPart();
  bool InFStringExpr() const { return !fstrings_.empty() && fstrings_.back().expr_depth >= 0; }
  bool VerifyIdentifier(uint32_t start, uint32_t* end);
  bool VerifyEndOfNumber(uint32_t* p, const char* kind);
  bool DecimalTail(uint32_t* p);

  // Errors, positioned as CPython positions them (see tokenizer_errors.cc).
  TokenKind Fail(SyntaxError::Type type, std::string message, uint32_t line, uint32_t offset,
                 uint32_t end_offset, bool raised = true);
  TokenKind FailAtCursor(std::string message, uint32_t cursor);  // CPython's syntaxerror()
  TokenKind FailEof();
  SyntaxError NeverClosed() const;        // "'(' was never closed" at the innermost open bracket
  uint32_t LineOf(uint32_t p) const;      // 1-based line of buffer position p
  uint32_t LineBegin(uint32_t p) const;   // buffer position where p's line starts
  uint32_t ByteColumn(uint32_t p) const;  // 0-based byte column of p, as CPython counts it
  uint32_t CharsBetween(uint32_t line_begin, uint32_t p) const;
  // The column pegen reports for an error code: characters, or bytes without a declared
  // encoding (see Source::declares_encoding).
  uint32_t PegenColumn(uint32_t line_begin, uint32_t p) const;

  // An f-string being tokenized (3.12): CPython's tokenizer_mode.
  struct FString {
    uint32_t start;  // buffer position of the FSTRING_START token
    char quote;
    uint8_t quote_size;  // 1 or 3
    bool raw;
    bool in_literal;  // scanning literal text (CPython's TOK_FSTRING_MODE)
    bool in_format_spec;
    int curly_depth;  // brackets opened inside this f-string's replacement fields
    int expr_depth;   // depth of the innermost replacement field; -1 outside
  };

  const Source& source_;
  TokenizerOptions options_;
  std::vector<FString> fstrings_;
  std::optional<SyntaxError> error_;
  bool error_raised_ = false;
  std::vector<OpenBracket> brackets_;
  std::vector<uint32_t> indents_;      // indentation columns, tabs to multiples of 8
  std::vector<uint32_t> alt_indents_;  // the same with tabs counted as 1 (TabError check)
  std::string range_copy_;             // the NUL-terminated sub-range in range mode
  const char* buf_ = nullptr;          // NUL-terminated at end_
  uint32_t base_ = 0;                  // offset of buf_[0] in the source text
  uint32_t begin_ = 0;                 // where the token Scan() found begins
  uint32_t token_end_ = 0;             // where it ends: pos_, except before "{{" in an f-string
  uint32_t pos_ = 0;
  uint32_t end_ = 0;
  uint32_t line_begin_ = 0;       // where the current physical line starts (INDENT)
  int pending_ = 0;               // > 0: INDENTs to emit, < 0: DEDENTs
  bool virtual_newline_ = false;  // the text lacks a final "\n": CPython adds one
  bool at_line_start_ = true;
  bool blank_line_ = false;
  bool done_ = false;
  bool non_ascii_name_ = false;  // the token Scan() found is a non-ASCII NAME
};

}  // namespace kensa::python
