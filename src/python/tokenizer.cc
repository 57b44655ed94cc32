// The tokenizer's main loop: lines, indentation, names, operators, brackets. Numbers and
// strings are in tokenizer_literals.cc, error positioning in tokenizer_errors.cc.
//
// The scanner works on a NUL-terminated buffer (the source text, or a copy of the sub-range
// in range mode) so it can look ahead one byte without bounds checks; buf_[end_] is '\0'.
// CPython's string tokenizer appends "\n" to a text that does not end with one; kensa does
// not copy the text for that, it treats position end_ as that newline (virtual_newline_)
// until it has been consumed.
#include <bit>
#include <cstddef>
#include <cstring>

#include "python/tokenizer.h"
#include "python/tokenizer_chars.h"

namespace kensa::python {

namespace {

constexpr int kMaxIndent = 100;  // CPython's MAXINDENT: at most 99 indentation levels
constexpr int kMaxLevel = 200;   // CPython's MAXLEVEL: bracket nesting

bool Is(const char* s, const char* word, size_t n) {
  return std::memcmp(s, word, n) == 0;
}

// Hard keywords; soft keywords stay NAME.
TokenKind KeywordKind(const char* s, size_t n) {
  using K = TokenKind;
  switch (n) {
    case 2:
      switch (s[0]) {
        case 'a':
          return s[1] == 's' ? K::kAs : K::kName;
        case 'i':
          if (s[1] == 'f') return K::kIf;
          if (s[1] == 'n') return K::kIn;
          if (s[1] == 's') return K::kIs;
          return K::kName;
        case 'o':
          return s[1] == 'r' ? K::kOr : K::kName;
      }
      return K::kName;
    case 3:
      switch (s[0]) {
        case 'a':
          return Is(s, "and", 3) ? K::kAnd : K::kName;
        case 'd':
          if (Is(s, "def", 3)) return K::kDef;
          if (Is(s, "del", 3)) return K::kDel;
          return K::kName;
        case 'f':
          return Is(s, "for", 3) ? K::kFor : K::kName;
        case 'n':
          return Is(s, "not", 3) ? K::kNot : K::kName;
        case 't':
          return Is(s, "try", 3) ? K::kTry : K::kName;
      }
      return K::kName;
    case 4:
      switch (s[0]) {
        case 'N':
          return Is(s, "None", 4) ? K::kNone : K::kName;
        case 'T':
          return Is(s, "True", 4) ? K::kTrue : K::kName;
        case 'e':
          if (Is(s, "elif", 4)) return K::kElif;
          if (Is(s, "else", 4)) return K::kElse;
          return K::kName;
        case 'f':
          return Is(s, "from", 4) ? K::kFrom : K::kName;
        case 'p':
          return Is(s, "pass", 4) ? K::kPass : K::kName;
        case 'w':
          return Is(s, "with", 4) ? K::kWith : K::kName;
      }
      return K::kName;
    case 5:
      switch (s[0]) {
        case 'F':
          return Is(s, "False", 5) ? K::kFalse : K::kName;
        case 'a':
          if (Is(s, "async", 5)) return K::kAsync;
          if (Is(s, "await", 5)) return K::kAwait;
          return K::kName;
        case 'b':
          return Is(s, "break", 5) ? K::kBreak : K::kName;
        case 'c':
          return Is(s, "class", 5) ? K::kClass : K::kName;
        case 'r':
          return Is(s, "raise", 5) ? K::kRaise : K::kName;
        case 'w':
          return Is(s, "while", 5) ? K::kWhile : K::kName;
        case 'y':
          return Is(s, "yield", 5) ? K::kYield : K::kName;
      }
      return K::kName;
    case 6:
      switch (s[0]) {
        case 'a':
          return Is(s, "assert", 6) ? K::kAssert : K::kName;
        case 'e':
          return Is(s, "except", 6) ? K::kExcept : K::kName;
        case 'g':
          return Is(s, "global", 6) ? K::kGlobal : K::kName;
        case 'i':
          return Is(s, "import", 6) ? K::kImport : K::kName;
        case 'l':
          return Is(s, "lambda", 6) ? K::kLambda : K::kName;
        case 'r':
          return Is(s, "return", 6) ? K::kReturn : K::kName;
      }
      return K::kName;
    case 7:
      return Is(s, "finally", 7) ? K::kFinally : K::kName;
    case 8:
      if (Is(s, "continue", 8)) return K::kContinue;
      if (Is(s, "nonlocal", 8)) return K::kNonlocal;
      return K::kName;
  }
  return K::kName;
}

}  // namespace

namespace {

// Token{kind, begin, end}, assembled in registers: GCC otherwise builds the token in memory
// with a byte store and reloads it as one word, a store-forwarding stall on every token.
Token MakeToken(TokenKind kind, bool non_ascii, uint32_t begin, uint32_t end) {
  static_assert(offsetof(Token, non_ascii) == 1 && offsetof(Token, begin) == 4 &&
                offsetof(Token, end) == 8);
  Token token;
  uint64_t low = static_cast<uint64_t>(static_cast<uint8_t>(kind)) |
                 static_cast<uint64_t>(non_ascii) << 8 | (static_cast<uint64_t>(begin) << 32);
  std::memcpy(static_cast<void*>(&token), &low, sizeof(low));
  token.end = end;
  return token;
}

// The first position at or after p that is not a space, eight bytes at a time while they are
// all inside the text (indentation is often long).
uint32_t SkipSpaces(const char* buf, uint32_t p, uint32_t end) {
  constexpr uint64_t kSpaces = 0x2020202020202020ULL;
  while (p + 8 <= end) {
    uint64_t word;
    std::memcpy(&word, buf + p, 8);
    uint64_t diff = word ^ kSpaces;  // little-endian: the first byte is the lowest
    if (diff != 0) return p + static_cast<uint32_t>(std::countr_zero(diff) / 8);
    p += 8;
  }
  while (buf[p] == ' ') ++p;
  return p;
}

}  // namespace

Tokenizer::Tokenizer(const Source& source, TokenizerOptions options)
    : source_(source), options_(options) {
  std::string_view text = source.text();
  uint32_t size = static_cast<uint32_t>(text.size());
  uint32_t begin = options.begin < size ? options.begin : size;
  uint32_t end = options.end < size ? options.end : size;
  if (end < begin) end = begin;
  if (begin == 0 && end == size) {
    buf_ = text.data();
  } else {
    range_copy_.assign(text.substr(begin, end - begin));
    buf_ = range_copy_.c_str();
  }
  base_ = begin;
  end_ = end - begin;
  bool inside = options.parenthesized;
  virtual_newline_ = !inside && end_ > 0 && buf_[end_ - 1] != '\n';
  at_line_start_ = !inside;
  indents_.push_back(0);
  alt_indents_.push_back(0);
}

Token Tokenizer::Next() {
  if (error_) [[unlikely]] {
    return Token{TokenKind::kError, pos_ + base_, pos_ + base_};
  }
  if (done_) [[unlikely]] {
    return Token{TokenKind::kEndMarker, end_ + base_, end_ + base_};
  }
  TokenKind kind = fstrings_.empty() || !fstrings_.back().in_literal ? Scan() : ScanFStringPart();
  bool non_ascii = non_ascii_name_;
  non_ascii_name_ = false;
  return MakeToken(kind, non_ascii, begin_ + base_, token_end_ + base_);
}

// The start of a physical line: measures the indentation and queues INDENT/DEDENT tokens.
bool Tokenizer::AtLineStart() {
  at_line_start_ = false;
  line_begin_ = pos_;
  const char* buf = buf_;
  uint32_t p = pos_;
  // The common case first: indentation made of spaces only.
  p = SkipSpaces(buf, p, end_);
  uint32_t col = p - pos_, altcol = col, cont_col = 0;
  for (;;) {
    char c = buf[p];
    if (c == ' ') {
      ++col;
      ++altcol;
      ++p;
    } else if (c == '\t') {
      col = (col / 8 + 1) * 8;
      ++altcol;  // the alternate tab size is 1
      ++p;
    } else if (c == '\f') {
      col = altcol = 0;
      ++p;
    } else if (c == '\\') {
      // Indentation cannot be split by backslashes: the first backslash fixes the column
      // (CPython keeps 0 as "not yet", so a backslash in column 0 fixes nothing).
      if (cont_col == 0) cont_col = col;
      pos_ = p + 1;
      if (!Continuation()) return false;
      p = pos_;
    } else {
      break;
    }
  }
  pos_ = p;
  // A line with only blanks and a comment produces no tokens and keeps the indentation.
  blank_line_ = buf_[pos_] == '#' || buf_[pos_] == '\n' ||
                (AtEnd(pos_) && virtual_newline_ && pos_ != line_begin_);
  if (blank_line_ || !brackets_.empty() || options_.parenthesized) return true;
  if (cont_col != 0) col = altcol = cont_col;
  if (col == indents_.back()) {
    if (altcol != alt_indents_.back()) [[unlikely]] {
      Fail(SyntaxError::Type::kTabError, "inconsistent use of tabs and spaces in indentation",
           LineOf(pos_), 1, 0, false);
      return false;
    }
    return true;
  } else if (col > indents_.back()) {
    if (indents_.size() >= kMaxIndent) {
      Fail(SyntaxError::Type::kIndentationError, "too many levels of indentation", LineOf(pos_), 1,
           0, false);
      return false;
    }
    if (altcol <= alt_indents_.back()) {
      Fail(SyntaxError::Type::kTabError, "inconsistent use of tabs and spaces in indentation",
           LineOf(pos_), 1, 0, false);
      return false;
    }
    indents_.push_back(col);
    alt_indents_.push_back(altcol);
    pending_ = 1;
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      --pending_;
    }
    if (col != indents_.back()) {
      // CPython points past the end of the line (its newline included).
      uint32_t line_end = pos_;
      while (!AtEnd(line_end) && buf_[line_end] != '\n') ++line_end;
      Fail(SyntaxError::Type::kIndentationError,
           "unindent does not match any outer indentation level", LineOf(pos_),
           PegenColumn(LineBegin(pos_), line_end) + 1, 0, false);
      return false;
    }
    if (altcol != alt_indents_.back()) {
      Fail(SyntaxError::Type::kTabError, "inconsistent use of tabs and spaces in indentation",
           LineOf(pos_), 1, 0, false);
      return false;
    }
  }
  return true;
}

// A backslash was consumed at pos_ - 1: it must end the line, and the file must go on.
bool Tokenizer::Continuation() {
  if (!IsNewline(pos_)) {
    // CPython's column is that of the character after the backslash.
    uint32_t line_begin = LineBegin(pos_);
    Fail(SyntaxError::Type::kSyntaxError, "unexpected character after line continuation character",
         LineOf(pos_), PegenColumn(line_begin, pos_) + 1, 0, false);
    return false;
  }
  if (AtEnd(pos_)) {
    virtual_newline_ = false;
  } else {
    ++pos_;
  }
  if (AtEnd(pos_) && !virtual_newline_) {
    FailEof();
    return false;
  }
  return true;
}

TokenKind Tokenizer::Scan() {
  for (;;) {  // once per physical line that yields no token
    if (at_line_start_) {
      if (!AtLineStart()) return Emit(TokenKind::kError, pos_, pos_);
    }
    if (pending_ != 0) {
      if (pending_ < 0) {
        ++pending_;
        return Emit(TokenKind::kDedent, pos_, pos_);
      }
      --pending_;
      return Emit(TokenKind::kIndent, line_begin_, pos_);
    }
    for (;;) {  // once per backslash continuation
      const char* buf = buf_;
      uint32_t p = pos_;
      while (buf[p] == ' ' || buf[p] == '\t' || buf[p] == '\f') ++p;
      uint32_t start = p;
      char c = buf[p];
      if (c == '#') {
        const void* nl = std::memchr(buf + p, '\n', end_ - p);
        p = nl ? static_cast<uint32_t>(static_cast<const char*>(nl) - buf) : end_;
        c = buf[p];
      }
      pos_ = p;
      if (c == '\n' || (p == end_ && virtual_newline_)) {
        uint32_t nl = p;
        if (p == end_) {
          virtual_newline_ = false;
        } else {
          pos_ = p + 1;
        }
        at_line_start_ = !options_.parenthesized;
        if (blank_line_ || !brackets_.empty() || options_.parenthesized) {
          blank_line_ = false;
          break;  // next physical line
        }
        return Emit(TokenKind::kNewline, nl, pos_);
      }
      if (AtEnd(p)) {
        if (!brackets_.empty()) return FailEof();
        done_ = true;
        // The dedents at the end of the file come from AtLineStart() at column 0.
        return Emit(TokenKind::kEndMarker, p, p);
      }
      auto uc = static_cast<unsigned char>(c);
      if (CharClass(uc) & kIdentStart) return ScanName(start);
      if (CharClass(uc) & kDigit) return ScanNumber(start);
      if (c == '\'' || c == '"') return ScanString(start, start);
      if (c == '.') {
        if (CharClass(static_cast<unsigned char>(buf_[pos_ + 1])) & kDigit) {
          return ScanNumber(start);
        }
        if (buf_[pos_ + 1] == '.' && buf_[pos_ + 2] == '.') {
          pos_ += 3;
          return Emit(TokenKind::kEllipsis, start, pos_);
        }
        ++pos_;
        return Emit(TokenKind::kDot, start, pos_);
      }
      if (c == '\\') {
        ++pos_;
        if (!Continuation()) return Emit(TokenKind::kError, pos_, pos_);
        continue;
      }
      return ScanOperator(start);
    }
  }
}

TokenKind Tokenizer::ScanName(uint32_t start) {
  const char* buf = buf_;
  uint32_t p = start;
  // String prefixes: any case of b, r, u, f, br, rb, fr, rf (u alone).
  bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
  char first = static_cast<char>(buf[p] | 0x20);
  bool maybe_prefix = first == 'b' || first == 'r' || first == 'u' || first == 'f';
  while (maybe_prefix) {
    char l = static_cast<char>(buf[p] | 0x20);
    if (l == 'b' && !(saw_b || saw_u || saw_f)) {
      saw_b = true;
    } else if (l == 'u' && !(saw_b || saw_u || saw_r || saw_f)) {
      saw_u = true;
    } else if (l == 'r' && !(saw_r || saw_u)) {
      saw_r = true;
    } else if (l == 'f' && !(saw_f || saw_b || saw_u)) {
      saw_f = true;
    } else {
      break;
    }
    ++p;
    if (buf[p] == '\'' || buf[p] == '"') {
      if (saw_f && options_.version == PythonVersion::k3_12) return ScanFStringStart(start, p);
      return ScanString(start, p);
    }
  }
  unsigned char all = 0;  // the bytes OR-ed: >= 0x80 means a non-ASCII name
  for (;;) {
    auto c = static_cast<unsigned char>(buf[p]);
    if (!(CharClass(c) & kIdentChar)) break;
    all |= c;
    ++p;
  }
  pos_ = p;
  if (all >= 0x80) [[unlikely]] {
    uint32_t end = p;
    if (!VerifyIdentifier(start, &end)) return Emit(TokenKind::kError, pos_, pos_);
    non_ascii_name_ = true;
    return Emit(TokenKind::kName, start, p);
  }
  return Emit(KeywordKind(buf + start, p - start), start, p);
}

TokenKind Tokenizer::ScanOperator(uint32_t start) {
  using K = TokenKind;
  char c = buf_[pos_];
  char c1 = buf_[pos_ + 1];
  char c2 = c1 != '\0' ? buf_[pos_ + 2] : '\0';  // never past the terminating NUL
  K kind;
  int len = 1;
  switch (c) {
    case '(':
    case '[':
    case '{':
      if (brackets_.size() >= kMaxLevel) {
        return FailAtCursor("too many nested parentheses", pos_ + 1);
      }
      brackets_.push_back(OpenBracket{c, pos_ + base_});
      if (!fstrings_.empty()) ++fstrings_.back().curly_depth;
      kind = c == '(' ? K::kLPar : c == '[' ? K::kLSqb : K::kLBrace;
      break;
    case ')':
    case ']':
    case '}': {
      FString* fstring = fstrings_.empty() ? nullptr : &fstrings_.back();
      if (fstring && fstring->curly_depth == 0 && c == '}') {
        return FailAtCursor("f-string: single '}' is not allowed", pos_ + 1);
      }
      if (brackets_.empty()) {
        return FailAtCursor(std::string("unmatched '") + c + "'", pos_ + 1);
      }
      OpenBracket open = brackets_.back();
      brackets_.pop_back();
      char want = open.ch == '(' ? ')' : open.ch == '[' ? ']' : '}';
      if (c != want) {
        // A replacement field's own '{' closed by another bracket, as in f"{)}".
        if (fstring && open.ch == '{' && fstring->curly_depth - 1 == fstring->expr_depth) {
          return FailAtCursor(std::string("f-string: unmatched '") + c + "'", pos_ + 1);
        }
        std::string message = std::string("closing parenthesis '") + c +
                              "' does not match opening parenthesis '" + open.ch + "'";
        uint32_t open_line = source_.Locate(open.offset).line;
        if (open_line != LineOf(pos_)) message += " on line " + std::to_string(open_line);
        return FailAtCursor(std::move(message), pos_ + 1);
      }
      kind = c == ')' ? K::kRPar : c == ']' ? K::kRSqb : K::kRBrace;
      if (fstring) {
        if (--fstring->curly_depth < 0) {
          return FailAtCursor(std::string("f-string: unmatched '") + c + "'", pos_ + 1);
        }
        if (c == '}' && fstring->curly_depth == fstring->expr_depth) {
          // The replacement field ends: back to the literal text, which is the enclosing
          // field's format spec if the field was nested in one (f"{x:{y}>10}"), as CPython's
          // last_expr_end says.
          --fstring->expr_depth;
          fstring->in_literal = true;
          fstring->in_format_spec = fstring->expr_depth >= 0;
        }
      }
      break;
    }
    case ':':
      if (InFStringExpr() && fstrings_.back().curly_depth - 1 == fstrings_.back().expr_depth) {
        // A top-level ':' in a replacement field starts the format spec (even before '=').
        fstrings_.back().in_literal = true;
        fstrings_.back().in_format_spec = true;
        kind = K::kColon;
        break;
      }
      kind = c1 == '=' ? (len = 2, K::kColonEqual) : K::kColon;
      break;
    case ',':
      kind = K::kComma;
      break;
    case ';':
      kind = K::kSemi;
      break;
    case '~':
      kind = K::kTilde;
      break;
    case '+':
      kind = c1 == '=' ? (len = 2, K::kPlusEqual) : K::kPlus;
      break;
    case '-':
      kind = c1 == '=' ? (len = 2, K::kMinEqual) : c1 == '>' ? (len = 2, K::kRArrow) : K::kMinus;
      break;
    case '*':
      if (c1 == '*') {
        kind = c2 == '=' ? (len = 3, K::kDoubleStarEqual) : (len = 2, K::kDoubleStar);
      } else {
        kind = c1 == '=' ? (len = 2, K::kStarEqual) : K::kStar;
      }
      break;
    case '/':
      if (c1 == '/') {
        kind = c2 == '=' ? (len = 3, K::kDoubleSlashEqual) : (len = 2, K::kDoubleSlash);
      } else {
        kind = c1 == '=' ? (len = 2, K::kSlashEqual) : K::kSlash;
      }
      break;
    case '%':
      kind = c1 == '=' ? (len = 2, K::kPercentEqual) : K::kPercent;
      break;
    case '&':
      kind = c1 == '=' ? (len = 2, K::kAmperEqual) : K::kAmper;
      break;
    case '|':
      kind = c1 == '=' ? (len = 2, K::kVBarEqual) : K::kVBar;
      break;
    case '^':
      kind = c1 == '=' ? (len = 2, K::kCircumflexEqual) : K::kCircumflex;
      break;
    case '@':
      kind = c1 == '=' ? (len = 2, K::kAtEqual) : K::kAt;
      break;
    case '=':
      kind = c1 == '=' ? (len = 2, K::kEqEqual) : K::kEqual;
      break;
    case '<':
      if (c1 == '<') {
        kind = c2 == '=' ? (len = 3, K::kLeftShiftEqual) : (len = 2, K::kLeftShift);
      } else if (c1 == '=') {
        len = 2, kind = K::kLessEqual;
      } else if (c1 == '>') {
        len = 2, kind = K::kNotEqual;  // "<>": the parser rejects it unless barry_as_FLUFL
      } else {
        kind = K::kLess;
      }
      break;
    case '>':
      if (c1 == '>') {
        kind = c2 == '=' ? (len = 3, K::kRightShiftEqual) : (len = 2, K::kRightShift);
      } else {
        kind = c1 == '=' ? (len = 2, K::kGreaterEqual) : K::kGreater;
      }
      break;
    case '!':
      if (c1 == '=') {
        len = 2, kind = K::kNotEqual;
      } else {
        kind = options_.version == PythonVersion::k3_12 ? K::kExclamation : K::kOp;
      }
      break;
    default: {
      auto uc = static_cast<unsigned char>(c);
      if (uc < 0x20 || uc == 0x7F) {
        char hex[48];
        std::snprintf(hex, sizeof(hex), "invalid non-printable character U+%04X", uc);
        return FailAtCursor(hex, pos_ + 1);
      }
      kind = K::kOp;  // '$', '?', '`': no rule matches them
      break;
    }
  }
  pos_ += len;
  return Emit(kind, start, pos_);
}

}  // namespace kensa::python
