// Token: one lexical token of Python source, as CPython's tokenizer produces it.
//
// A token is {kind, begin, end}: byte offsets into Source::text(), no text of its own. Keywords
// get kinds of their own (the tokenizer classifies NAME tokens against the hard keywords);
// soft keywords (match, case, _, type) stay kName and the parser looks at their text.
// Operators get one kind each, as CPython's "exact types" (LPAR, PLUSEQUAL, ...).
#pragma once

#include <cstdint>
#include <string_view>

namespace kensa::python {

enum class TokenKind : uint8_t {
  kEndMarker,
  kName,
  kNumber,
  kString,   // a whole string literal, prefixes and quotes included (f-strings too, in 3.11)
  kNewline,  // a logical line ends (its range is the "\n", empty at end of file)
  kIndent,
  kDedent,
  // PEP 701 (3.12): f-strings are split into these, with the expressions as ordinary tokens.
  kFStringStart,
  kFStringMiddle,
  kFStringEnd,
  kError,  // the tokenizer failed; Tokenizer::error() says why

  // Operators and delimiters.
  kLPar,
  kRPar,
  kLSqb,
  kRSqb,
  kColon,
  kComma,
  kSemi,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kVBar,
  kAmper,
  kLess,
  kGreater,
  kEqual,
  kDot,
  kPercent,
  kLBrace,
  kRBrace,
  kEqEqual,
  kNotEqual,
  kLessEqual,
  kGreaterEqual,
  kTilde,
  kCircumflex,
  kLeftShift,
  kRightShift,
  kDoubleStar,
  kPlusEqual,
  kMinEqual,
  kStarEqual,
  kSlashEqual,
  kPercentEqual,
  kAmperEqual,
  kVBarEqual,
  kCircumflexEqual,
  kLeftShiftEqual,
  kRightShiftEqual,
  kDoubleStarEqual,
  kDoubleSlash,
  kDoubleSlashEqual,
  kAt,
  kAtEqual,
  kRArrow,
  kEllipsis,
  kColonEqual,
  kExclamation,  // "!" alone: only inside PEP 701 f-string replacement fields
  // A character that is no operator ("$", "?", "`", and "!" in 3.11): CPython's tokenizer
  // hands it to the parser as a generic OP token that no rule matches, so it ends in
  // "invalid syntax" at this token (which a later tokenizer error may still replace).
  kOp,

  // Hard keywords.
  kFalse,
  kNone,
  kTrue,
  kAnd,
  kAs,
  kAssert,
  kAsync,
  kAwait,
  kBreak,
  kClass,
  kContinue,
  kDef,
  kDel,
  kElif,
  kElse,
  kExcept,
  kFinally,
  kFor,
  kFrom,
  kGlobal,
  kIf,
  kImport,
  kIn,
  kIs,
  kLambda,
  kNonlocal,
  kNot,
  kOr,
  kPass,
  kRaise,
  kReturn,
  kTry,
  kWhile,
  kWith,
  kYield,
};

struct Token {
  Token() = default;
  Token(TokenKind kind, uint32_t begin, uint32_t end, bool non_ascii = false)
      : kind(kind), non_ascii(non_ascii), begin(begin), end(end) {}

  TokenKind kind = TokenKind::kEndMarker;
  // A NAME with non-ASCII characters (the tokenizer knows it for free): only those need NFKC
  // normalization, so the parser need not look at the bytes of every name again.
  bool non_ascii = false;
  uint32_t begin = 0;  // byte offset into Source::text()
  uint32_t end = 0;    // one past the last byte

  std::string_view Text(std::string_view source) const { return source.substr(begin, end - begin); }
};

// The name of a kind as CPython's `token` module spells it ("NAME", "LPAR", "'if'" for
// keywords), for diagnostics and tests.
std::string_view TokenKindName(TokenKind kind);

}  // namespace kensa::python
