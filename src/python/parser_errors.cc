// SyntaxError reporting as CPython 3.11 does it (Parser/pegen_errors.c): the RAISE_* macros'
// locations, the choice between a generic "invalid syntax" and later tokenizer errors after a
// failed parse (_Pypegen_set_syntax_error), and the conversion of CPython's byte columns into
// SyntaxError.offset. Also _PyPegen_get_expr_name and _PyPegen_get_invalid_target.
#include <string>

#include "python/parser_internal.h"
#include "python/unicode.h"

namespace kensa::python::parser_internal {

namespace {

constexpr int64_t kCurrentPos = -5;  // CPython's CURRENT_POS

bool HasNoColumn(TokenKind kind) {
  // CPython's tokenizer gives INDENT, DEDENT and ENDMARKER no start: their col_offset is -1.
  return kind == TokenKind::kIndent || kind == TokenKind::kDedent || kind == TokenKind::kEndMarker;
}

}  // namespace

uint32_t Parser::LineOf(uint32_t offset) {
  // At the very end of a text that ends with "\n", CPython's tokenizer is still on the last
  // line (it never reads an empty line after it).
  if (offset >= text_.size() && !text_.empty() && text_.back() == '\n') {
    return source_.Locate(static_cast<uint32_t>(text_.size() - 1)).line;
  }
  return source_.Locate(offset).line;
}

int64_t Parser::ByteColumn(uint32_t offset) {
  uint32_t line = LineOf(offset);
  return static_cast<int64_t>(offset) - source_.lines().LineStart(line);
}

// Where CPython's tokenizer stands (tok->lineno, tok->cur - tok->line_start) after the last
// token pulled. CPython's text always ends with "\n" (it appends one); at the end of the
// file its tokenizer has read that newline but not advanced to another line.
RawErrorLocation Parser::TokenizerPosition() {
  RawErrorLocation location;
  if (fill_ == 0) return location;
  const Token& t = LastPulled();
  bool appended_newline = !fstring_mode_ && !text_.empty() && text_.back() != '\n';
  uint32_t cur = t.end;
  uint32_t line_at = t.end;
  int64_t extra = 0;
  switch (t.kind) {
    case TokenKind::kNewline:
      line_at = t.begin;
      if (t.begin == t.end && appended_newline) extra = 1;
      break;
    case TokenKind::kDedent:
    case TokenKind::kEndMarker:
      cur = line_at = t.begin;
      if (cur >= text_.size() && appended_newline) extra = 1;
      break;
    default:
      break;
  }
  location.line = LineOf(line_at);
  location.col = static_cast<int64_t>(cur) -
                 source_.lines().LineStart(static_cast<uint32_t>(location.line)) + extra;
  location.end_line = location.line;
  location.end_col = location.col;
  return location;
}

// --------------------------------------------------------------------------------- raising

std::nullptr_t Parser::RaiseAt(SyntaxError::Type type, const RawErrorLocation& location,
                               std::string message) {
  error_indicator_ = true;
  if (!error_) error_ = MakeError(type, location, std::move(message));
  return nullptr;
}

// CPython's NEWLINE token starts at the comment before it, if any (its tokenizer set
// tok->start before skipping the comment); it ends where the "\n" is.
uint32_t Parser::NewlineStart(const Token& t) {
  uint32_t line_start = source_.lines().LineStart(LineOf(t.begin));
  uint32_t p = line_start;
  if (&t > tokens_.data() && &t < tokens_.data() + fill_) {
    uint32_t previous_end = (&t - 1)->end;
    if (previous_end > p && previous_end <= t.begin) p = previous_end;
  }
  while (p < t.begin && (text_[p] == ' ' || text_[p] == '\t' || text_[p] == '\f')) ++p;
  return p < t.begin && text_[p] == '#' ? p : t.begin;
}

// A token's position as CPython's Token has it (lineno, col_offset, end_lineno,
// end_col_offset), columns 0-based; INDENT, DEDENT and ENDMARKER have no columns (-1).
RawErrorLocation Parser::TokenLocation(const Token& t) {
  RawErrorLocation location;
  if (HasNoColumn(t.kind)) {
    uint32_t at = t.kind == TokenKind::kIndent ? t.end : t.begin;
    location.line = location.end_line = LineOf(at);
    location.col = location.end_col = -1;
  } else if (t.kind == TokenKind::kNewline) {
    location.line = location.end_line = LineOf(t.begin);
    location.col = ByteColumn(NewlineStart(t));
    // 3.12's NEWLINE token ends after the "\n" (even the one CPython appends at the end).
    location.end_col = ByteColumn(t.begin) + (Is312() ? 1 : 0);
  } else {
    location.line = LineOf(t.begin);
    location.col = ByteColumn(t.begin);
    location.end_line = LineOf(t.end);
    location.end_col = ByteColumn(t.end);
  }
  return location;
}

// RAISE_SYNTAX_ERROR / RAISE_INDENTATION_ERROR: at the last token pulled.
std::nullptr_t Parser::RaiseAtLastToken(SyntaxError::Type type, std::string message) {
  RawErrorLocation location = TokenLocation(LastPulled());
  if (location.col == -1) {
    location.col = TokenizerPosition().col;
  } else {
    location.col += 1;
  }
  if (location.end_col != -1) location.end_col += 1;
  return RaiseAt(type, location, std::move(message));
}

// RAISE_SYNTAX_ERROR_KNOWN_LOCATION on a token.
std::nullptr_t Parser::RaiseKnownLocation(const Token& t, std::string message) {
  RawErrorLocation location = TokenLocation(t);
  location.col += 1;
  location.end_col += 1;
  return RaiseAt(SyntaxError::Type::kSyntaxError, location, std::move(message));
}

std::nullptr_t Parser::RaiseKnownLocation(const ast::Node* node, std::string message) {
  return RaiseKnownRange(node->begin, node->end, std::move(message));
}

std::nullptr_t Parser::RaiseKnownRange(uint32_t begin, uint32_t end, std::string message) {
  RawErrorLocation location;
  location.line = LineOf(begin);
  location.col = ByteColumn(begin) + 1;
  location.end_line = LineOf(end);
  location.end_col = ByteColumn(end) + 1;
  return RaiseAt(SyntaxError::Type::kSyntaxError, location, std::move(message));
}

std::nullptr_t Parser::RaiseStartingFrom(uint32_t begin, std::string message) {
  RawErrorLocation location;
  location.line = LineOf(begin);
  location.col = ByteColumn(begin) + 1;
  location.end_line = kCurrentPos;
  location.end_col = kCurrentPos;
  return RaiseAt(SyntaxError::Type::kSyntaxError, location, std::move(message));
}

void Parser::RaiseMemoryError() {
  error_indicator_ = true;
  if (!error_) {
    SyntaxError error;
    error.type = SyntaxError::Type::kMemoryError;
    error_ = std::move(error);
  }
}

void Parser::SetTokenizerError() {
  error_indicator_ = true;
  if (error_) return;
  const std::optional<SyntaxError>& error = tokenizer_.error();
  if (error) {
    error_ = *error;
  } else {
    error_ = SyntaxError{SyntaxError::Type::kSyntaxError, "invalid syntax"};
  }
}

// CPython's RAISE_SYNTAX_ERROR_INVALID_TARGET.
std::nullptr_t Parser::RaiseInvalidTarget(int targets_type, Expr* e) {
  Expr* invalid = InvalidTarget(e, targets_type);
  if (invalid == nullptr) return nullptr;
  const char* what = targets_type == kDelTargets ? "cannot delete " : "cannot assign to ";
  return RaiseKnownLocation(invalid, std::string(what) + ExprName(invalid));
}

// ------------------------------------------------------------------------------ finishing

SyntaxError Parser::MakeError(SyntaxError::Type type, const RawErrorLocation& raw,
                              std::string message) {
  RawErrorLocation location = raw;
  if (location.end_line == kCurrentPos || location.end_col == kCurrentPos) {
    RawErrorLocation here = TokenizerPosition();
    if (location.end_line == kCurrentPos) location.end_line = here.line;
    if (location.end_col == kCurrentPos) location.end_col = here.col;
  }
  SyntaxError error;
  error.type = type;
  if (fstring_mode_) {
    // CPython parsed "(" + expression + ")" from a string of its own: columns count from the
    // "(" (which stands on the "{"), in bytes (that tokenizer has no encoding).
    location.col -= fstring_start_col_;
    location.end_col -= fstring_start_col_;
    message = "f-string: " + message;
  } else if (source_declares_encoding_) {
    // _PyPegen_byte_offset_to_character_offset, on the error line (for both columns).
    std::string_view line = source_.lines().Line(text_, static_cast<uint32_t>(location.line));
    auto chars = [&](int64_t col) -> int64_t {
      if (col <= 0) return col;
      int64_t len = static_cast<int64_t>(line.size());
      // The tokenizer's line includes its "\n"; past it, CPython decodes the terminating NUL.
      int64_t with_newline = len + 1;
      if (col > with_newline + 1) col = with_newline + 1;
      int64_t in_line = col < len ? col : len;
      return static_cast<int64_t>(CountCharsReplacing(line.substr(0, in_line))) + (col - in_line);
    };
    location.col = chars(location.col);
    if (location.end_col > 0) location.end_col = chars(location.end_col);
  }
  // -1 is CPython's "no column" (SyntaxError::kNoOffset); other negative columns (f-string
  // corner cases) are stored as 0.
  auto offset = [](int64_t col) -> uint32_t {
    if (col == -1) return SyntaxError::kNoOffset;
    return col > 0 ? static_cast<uint32_t>(col) : 0;
  };
  error.message = std::move(message);
  error.line = location.line > 0 ? static_cast<uint32_t>(location.line) : 0;
  error.offset = offset(location.col);
  error.end_line = location.end_line > 0 ? static_cast<uint32_t>(location.end_line) : 0;
  error.end_offset = offset(location.end_col);
  return error;
}

// _Pypegen_set_syntax_error, after both passes failed. `first_pass_last` is the last token
// the first pass pulled.
void Parser::FinishSyntaxError(int first_pass_last) {
  if (error_) {
    // A tokenizer error raised later in the file replaces an error of the parser.
    if (!tokenizer_failed_ && error_->type != SyntaxError::Type::kMemoryError) {
      TokenizeRestForErrors();
    }
    return;
  }
  const Token& last = tokens_[first_pass_last];
  if (last.kind == TokenKind::kIndent || last.kind == TokenKind::kDedent) {
    RaiseIndentationError(last.kind == TokenKind::kIndent ? "unexpected indent"
                                                          : "unexpected unindent");
    return;
  }
  RaiseKnownLocation(last, "invalid syntax");
  TokenizeRestForErrors();
}

// _PyPegen_tokenize_full_source_to_check_for_errors: tokenizes the rest of the input; an
// error the tokenizer raises replaces the current one, and so does an unclosed bracket at
// the end of the file if it was opened on a line before the current error's line.
void Parser::TokenizeRestForErrors() {
  const Token& last = LastPulled();
  uint32_t current_line = LineOf(last.kind == TokenKind::kIndent ? last.end : last.begin);
  if (std::optional<SyntaxError> replacement = tokenizer_.ErrorInRest(current_line)) {
    error_ = std::move(replacement);
  }
}

// ----------------------------------------------------------------------- expression helpers

// _PyPegen_get_expr_name.
const char* Parser::ExprName(const Expr* e) {
  switch (e->node_kind) {
    case ast::NodeKind::kAttribute:
      return "attribute";
    case ast::NodeKind::kSubscript:
      return "subscript";
    case ast::NodeKind::kStarred:
      return "starred";
    case ast::NodeKind::kName:
      return "name";
    case ast::NodeKind::kList:
      return "list";
    case ast::NodeKind::kTuple:
      return "tuple";
    case ast::NodeKind::kLambda:
      return "lambda";
    case ast::NodeKind::kCall:
      return "function call";
    case ast::NodeKind::kBoolOp:
    case ast::NodeKind::kBinOp:
    case ast::NodeKind::kUnaryOp:
      return "expression";
    case ast::NodeKind::kGeneratorExp:
      return "generator expression";
    case ast::NodeKind::kYield:
    case ast::NodeKind::kYieldFrom:
      return "yield expression";
    case ast::NodeKind::kAwait:
      return "await expression";
    case ast::NodeKind::kListComp:
      return "list comprehension";
    case ast::NodeKind::kSetComp:
      return "set comprehension";
    case ast::NodeKind::kDictComp:
      return "dict comprehension";
    case ast::NodeKind::kDict:
      return "dict literal";
    case ast::NodeKind::kSet:
      return "set display";
    case ast::NodeKind::kJoinedStr:
    case ast::NodeKind::kFormattedValue:
      return "f-string expression";
    case ast::NodeKind::kConstant:
      switch (static_cast<const ast::Constant*>(e)->value.kind) {
        case ast::ConstantValue::Kind::kNone:
          return "None";
        case ast::ConstantValue::Kind::kFalse:
          return "False";
        case ast::ConstantValue::Kind::kTrue:
          return "True";
        case ast::ConstantValue::Kind::kEllipsis:
          return "ellipsis";
        default:
          return "literal";
      }
    case ast::NodeKind::kCompare:
      return "comparison";
    case ast::NodeKind::kIfExp:
      return "conditional expression";
    case ast::NodeKind::kNamedExpr:
      return "named expression";
    default:
      return "expression";
  }
}

// _PyPegen_get_invalid_target: the first sub-expression that cannot be a target.
Expr* Parser::InvalidTarget(Expr* e, int targets_type) {
  if (e == nullptr) return nullptr;
  switch (e->node_kind) {
    case ast::NodeKind::kList:
      for (Expr* elt : static_cast<ast::List*>(e)->elts) {
        if (Expr* child = InvalidTarget(elt, targets_type)) return child;
      }
      return nullptr;
    case ast::NodeKind::kTuple:
      for (Expr* elt : static_cast<ast::Tuple*>(e)->elts) {
        if (Expr* child = InvalidTarget(elt, targets_type)) return child;
      }
      return nullptr;
    case ast::NodeKind::kStarred:
      if (targets_type == kDelTargets) return e;
      return InvalidTarget(static_cast<ast::Starred*>(e)->value, targets_type);
    case ast::NodeKind::kCompare:
      // `for a in b` parses `a in b` as a comparison: look left of the 'in'.
      if (targets_type == kForTargets) {
        auto* compare = static_cast<ast::Compare*>(e);
        if (compare->ops[0] == ast::CmpOperator::kIn) {
          return InvalidTarget(compare->left, targets_type);
        }
        return nullptr;
      }
      return e;
    case ast::NodeKind::kName:
    case ast::NodeKind::kSubscript:
    case ast::NodeKind::kAttribute:
      return nullptr;
    default:
      return e;
  }
}

// _PyPegen_check_legacy_stmt: `print` and `exec` as names.
bool Parser::IsLegacyName(const Expr* e) {
  if (e->node_kind != ast::NodeKind::kName) return false;
  ast::Identifier id = static_cast<const ast::Name*>(e)->id;
  return id == "print" || id == "exec";
}

}  // namespace kensa::python::parser_internal
