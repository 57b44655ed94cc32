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
// Not thread-safe; cheap to create. The Source must outlive the tokenizer.
#pragma once

#include <cstdint>
#include <optional>
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

 private:
  // Implementation state; see tokenizer.cc.
  const Source& source_;
  TokenizerOptions options_;
  std::optional<SyntaxError> error_;
  std::vector<OpenBracket> brackets_;
  std::vector<uint32_t> indents_;
  std::vector<uint32_t> alt_indents_;
  uint32_t pos_ = 0;
  uint32_t end_ = 0;
  int pending_dedents_ = 0;
  bool at_line_start_ = true;
  bool done_ = false;
};

}  // namespace kensa::python
