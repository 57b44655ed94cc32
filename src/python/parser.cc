// The parser's entry points and machinery: the token buffer, node helpers, the memo table and
// the two-pass driver (CPython's _PyPegen_run_parser). The grammar rules are in the other
// parser_*.cc files; see parser_internal.h for the design.
#include "python/parser.h"

#include <string>
#include <utility>
#include <vector>

#include "python/identifier.h"
#include "python/parser_internal.h"

namespace kensa::python {

namespace parser_internal {

// ------------------------------------------------------------------------------------ memo

bool MemoTable::Lookup(MemoRule rule, int pos, Hit* hit) const {
  if (slots_.empty()) return false;
  uint64_t key = Key(rule, pos);
  size_t mask = slots_.size() - 1;
  for (size_t i = (key * 0x9E3779B97F4A7C15ull) >> 20 & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.key == key) {
      hit->value = slot.value;
      hit->end = slot.end;
      return true;
    }
    if (slot.key == 0) return false;
  }
}

void MemoTable::Store(MemoRule rule, int pos, void* value, int end) {
  if ((used_ + 1) * 2 > slots_.size()) Grow();
  uint64_t key = Key(rule, pos);
  size_t mask = slots_.size() - 1;
  for (size_t i = (key * 0x9E3779B97F4A7C15ull) >> 20 & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key == key || slot.key == 0) {
      if (slot.key == 0) ++used_;
      slot.key = key;
      slot.value = value;
      slot.end = end;
      return;
    }
  }
}

void MemoTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  used_ = 0;
  for (const Slot& slot : old) {
    if (slot.key == 0) continue;
    size_t mask = slots_.size() - 1;
    for (size_t i = (slot.key * 0x9E3779B97F4A7C15ull) >> 20 & mask;; i = (i + 1) & mask) {
      if (slots_[i].key == 0) {
        slots_[i] = slot;
        ++used_;
        break;
      }
    }
  }
}

void MemoTable::Clear() {
  slots_.clear();
  used_ = 0;
}

// ------------------------------------------------------------------------------------ setup

Parser::Parser(const Source& source, Arena& arena, PythonVersion version)
    : source_(source),
      text_(source.text()),
      arena_(arena),
      version_(version),
      tokenizer_(source, TokenizerOptions{.version = version}),
      source_declares_encoding_(source.declares_encoding()) {
  tokens_.reserve(source.text().size() / 4 + 16);
  slots_.reserve(source.text().size() / 4 + 16);
}

Parser::Parser(const Source& source, Arena& arena, PythonVersion version, uint32_t begin,
               uint32_t end, uint32_t string_begin)
    : source_(source),
      text_(source.text()),
      arena_(arena),
      version_(version),
      tokenizer_(
          source,
          TokenizerOptions{.version = version, .begin = begin, .end = end, .parenthesized = true}),
      fstring_mode_(true),
      fstring_begin_(begin),
      fstring_end_(end) {
  // CPython compiles "(" + text + ")" with a tokenizer of its own whose first line is shifted
  // by starting_col_offset: the column of the "{", except when only blanks follow the "{" on
  // its line (then 0, or the string's column when the "{" is on the string's first line).
  uint32_t brace = begin - 1;
  bool newline_after_brace = true;
  for (uint32_t i = begin; i < text_.size() && text_[i] != '}' && text_[i] != '\n'; ++i) {
    if (text_[i] != ' ' && text_[i] != '\t' && text_[i] != '\f') {
      newline_after_brace = false;
      break;
    }
  }
  bool brace_on_first_line =
      text_.substr(string_begin, brace - string_begin).find('\n') == std::string_view::npos;
  if (!newline_after_brace) {
    fstring_start_col_ = ByteColumn(brace);
  } else {
    fstring_start_col_ = brace_on_first_line ? ByteColumn(string_begin) : 0;
  }
  // The synthetic "(" stands where that shifted column 0 is (so a parenthesized tuple or
  // generator starts there: on the "{" in the usual case).
  uint32_t open =
      source_.lines().LineStart(LineOf(brace)) + static_cast<uint32_t>(fstring_start_col_);
  tokens_.push_back(Token{TokenKind::kLPar, open, open + 1});
  slots_.push_back(TokenSlot{.level = 1});
  fill_ = 1;
}

// ------------------------------------------------------------------------------------ tokens

const Token& Parser::FetchToken(int index) {
  while (fill_ <= index) {
    if (error_indicator_) {
      error_token_.begin = error_token_.end = fill_ == 0 ? 0 : tokens_[fill_ - 1].end;
      return error_token_;
    }
    if (fill_ == static_cast<int>(tokens_.size())) ScanTokens();
    // Pulled: from here on the parser (and its errors) see this token.
    if (tokens_[fill_++].kind == TokenKind::kError && !tokenizer_failed_) {
      tokenizer_failed_ = true;
      SetTokenizerError();
    }
  }
  return tokens_[index];
}

void Parser::ScanTokens() {
  for (;;) {
    if (tokenizer_failed_) {
      // After a tokenizer error CPython stops; rules see an error token that matches nothing.
      uint32_t at = tokens_.empty() ? 0 : tokens_.back().end;
      tokens_.push_back(Token{TokenKind::kError, at, at});
      slots_.emplace_back();
      return;
    }
    if (fstring_tail_ > 0) {
      // The source CPython parses is "(" + text + ")\n": after the text come the synthetic
      // ")" on the terminator character, then NEWLINE and ENDMARKER, pulled one at a time.
      TokenKind kind = fstring_tail_ == 1   ? TokenKind::kRPar
                       : fstring_tail_ == 2 ? TokenKind::kNewline
                                            : TokenKind::kEndMarker;
      uint32_t at = kind == TokenKind::kRPar ? fstring_end_ : fstring_end_ + 1;
      tokens_.push_back(Token{kind, at, kind == TokenKind::kRPar ? at + 1 : at});
      slots_.emplace_back();
      if (fstring_tail_ < 3) ++fstring_tail_;
      return;
    }
    if (fstring_mode_) {
      Token t = tokenizer_.Next();
      if (t.kind == TokenKind::kEndMarker) {
        fstring_tail_ = 1;
        continue;
      }
      int level = tokenizer_.level() + 1;  // inside the synthetic parentheses
      tokens_.push_back(t);
      slots_.push_back(TokenSlot{.level = static_cast<uint8_t>(level > 255 ? 255 : level)});
      return;
    }
    // A file: a batch of tokens, up to an error or the end. Only the tokens pulled (below
    // fill_) count as seen; the tokenizer is a pure function of the text, so scanning ahead
    // changes nothing else (after an error the rest of the file is scanned on from where
    // the tokenizer stands, see TokenizeRestForErrors, with the same result).
    for (int i = 0; i < kTokenBatch; ++i) {
      Token t = tokenizer_.Next();
      int level = tokenizer_.level();
      tokens_.push_back(t);
      slots_.push_back(TokenSlot{.level = static_cast<uint8_t>(level > 255 ? 255 : level)});
      if (t.kind == TokenKind::kError || t.kind == TokenKind::kEndMarker) break;
    }
    return;
  }
}

bool Parser::ExpectForced(TokenKind kind, const char* what) {
  if (error_indicator_) return false;
  if (CurKind() != kind) {
    RaiseKnownLocation(Cur(), std::string("expected '") + what + "'");
    return false;
  }
  ++pos_;
  return true;
}

uint32_t Parser::LastTokenEndSlow() {
  for (int m = pos_ - 1; m >= 0; --m) {
    TokenKind k = tokens_[m].kind;
    if (k != TokenKind::kNewline && k != TokenKind::kIndent && k != TokenKind::kDedent &&
        k != TokenKind::kEndMarker) {
      return tokens_[m].end;
    }
  }
  return fill_ == 0 ? 0 : tokens_[0].end;
}

// ------------------------------------------------------------------------------------ nodes

ast::Identifier Parser::NonAsciiIdentifier(const Token& token) {
  std::string_view name = TokenText(token);
  // CPython normalizes non-ASCII identifiers to NFKC (_PyPegen_new_identifier).
  std::string normalized = NormalizeIdentifier(name);
  return normalized == name ? name : arena_.CopyString(normalized);
}

ast::Name* Parser::NewName(const Token& token, ast::ExprContext ctx) {
  auto* name = NewNode<ast::Name>(token.begin, token.end);
  name->id = Identifier(token);
  name->ctx = ctx;
  return name;
}

ast::Constant* Parser::NewConstant(ast::ConstantValue::Kind kind, const Token& token) {
  auto* constant = NewNode<ast::Constant>(token.begin, token.end);
  constant->value.kind = kind;
  return constant;
}

// ------------------------------------------------------------------------------------ driver

void Parser::ClearMemo() {
  memo_.Clear();
  for (TokenSlot& slot : slots_) {
    slot.expression = nullptr;
    slot.expression_end = -1;
  }
}

ast::Module* Parser::ParseFile(std::optional<SyntaxError>* error) {
  ast::Module* module = FileRule();
  if (module != nullptr && !error_) return module;
  // Errors other than SyntaxError (MemoryError, 3.12's UnicodeDecodeError) end the parse;
  // CPython makes the second pass for SyntaxErrors only.
  if (!(error_ && (error_->type == SyntaxError::Type::kMemoryError ||
                   error_->type == SyntaxError::Type::kUnicodeDecodeError))) {
    int first_pass_last = fill_ - 1;
    // The second pass, with the invalid_* rules (CPython keeps an error raised in the first
    // pass: its error_indicator stays set and the second pass stops at once).
    ClearMemo();
    pos_ = 0;
    call_invalid_rules_ = true;
    memo_enabled_ = true;
    FileRule();
    FinishSyntaxError(first_pass_last);
  }
  *error = std::move(error_);
  return nullptr;
}

Expr* Parser::ParseFString(SyntaxError* error) {
  Expr* result = StarExpressions();
  if (result != nullptr && !error_) return result;
  if (!(error_ && error_->type == SyntaxError::Type::kMemoryError)) {
    int first_pass_last = fill_ - 1;
    ClearMemo();
    pos_ = 0;
    call_invalid_rules_ = true;
    memo_enabled_ = true;
    StarExpressions();
    FinishSyntaxError(first_pass_last);
  }
  *error = std::move(*error_);
  return nullptr;
}

}  // namespace parser_internal

namespace {

// ast.parse converts the C tree into Python objects recursively (ast2obj), one C recursion
// level per node (of every sum and product type), and fails with RecursionError past
// Py_GetRecursionLimit() * 3 = 3000 levels, counted from the caller's own depth times 3. For
// the oracle, `ast.parse(...)` called from a script's top level, the caller's depth is 3: a
// tree may be 2991 nodes deep, the Module included.
constexpr int kAst2ObjMaxDepth = 2991;

// Whether some node of the tree lies deeper than `limit` (the root being at depth 1). An
// explicit stack: trees this deep must not recurse on the C++ stack.
bool DeeperThan(const ast::Node& root, int limit) {
  std::vector<std::pair<const ast::Node*, int>> stack;
  stack.emplace_back(&root, 1);
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    const int child_depth = depth + 1;  // clang 14 cannot capture structured bindings
    if (depth > limit) return true;
    ast::VisitChildren(*node, [&stack, child_depth](const ast::Node& child) {
      stack.emplace_back(&child, child_depth);
    });
  }
  return false;
}

}  // namespace

ParsedModule ParseModule(const Source& source, ParseOptions options) {
  ParsedModule result;
  parser_internal::Parser parser(source, result.arena, options.version);
  result.module = parser.ParseFile(&result.error);
  if (result.module != nullptr && parser.debug_in_format_spec()) {
    result.module = nullptr;
    SyntaxError error;
    error.type = SyntaxError::Type::kValueError;
    error.message = "field 'value' is required for Constant";
    result.error = std::move(error);
    return result;
  }
  // A tree can only be that deep with at least as many tokens; most files skip the walk.
  if (result.module != nullptr && parser.token_count() > kAst2ObjMaxDepth &&
      DeeperThan(*result.module, kAst2ObjMaxDepth)) {
    result.module = nullptr;
    SyntaxError error;
    error.type = SyntaxError::Type::kRecursionError;
    error.message = "maximum recursion depth exceeded during ast construction";
    result.error = std::move(error);
  }
  return result;
}

}  // namespace kensa::python
