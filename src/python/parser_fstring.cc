// Python 3.12's f-strings (PEP 701, PythonVersion::k3_12): the grammar builds them from the
// tokenizer's FSTRING_START / FSTRING_MIDDLE / FSTRING_END tokens, with the replacement
// fields' expressions as ordinary tokens in between. The actions are CPython 3.12.1's
// (Parser/action_helpers.c): _PyPegen_joined_str, _PyPegen_formatted_value,
// _PyPegen_setup_full_format_spec, _PyPegen_concatenate_strings, ... with their positions
// and their quirks (an empty Constant at the end of a format spec holding a field).
//
//     strings (memo): (fstring|string)+
//     fstring: FSTRING_START fstring_middle* FSTRING_END
//     fstring_middle: fstring_replacement_field | FSTRING_MIDDLE
//     fstring_replacement_field:
//         | '{' (yield_expr | star_expressions) '='? [fstring_conversion]
//           [fstring_full_format_spec] '}'
//         | invalid_replacement_field
//     fstring_conversion: "!" NAME
//     fstring_full_format_spec: ':' fstring_format_spec*
//     fstring_format_spec: FSTRING_MIDDLE | fstring_replacement_field
#include <string>

#include "python/literal.h"
#include "python/literal_escape.h"
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

namespace {

bool IsEmptyStr(const Expr* e) {
  if (e->node_kind != ast::NodeKind::kConstant) return false;
  const auto* c = static_cast<const ast::Constant*>(e);
  return c->value.kind == ast::ConstantValue::Kind::kStr && c->value.text().empty();
}

}  // namespace

// strings (memo): (fstring|string)+
Expr* Parser::Strings312() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kStrings, start, &memo)) return static_cast<Expr*>(memo);
  size_t mark = ScratchMark();
  for (;;) {
    Expr* item = nullptr;
    if (At(TokenKind::kString)) {
      item = StringConstant312(pos_++);
    } else if (At(TokenKind::kFStringStart)) {
      item = FString312();
    }
    if (item == nullptr) break;
    Push(item);
  }
  Expr* result = nullptr;
  if (ScratchMark() != mark && !error_indicator_) result = ConcatenateStrings312(mark, start);
  PopTo(mark);
  if (result == nullptr) pos_ = start;
  MemoStore(MemoRule::kStrings, start, result);
  return result;
}

// string: STRING (_PyPegen_constant_from_string: one literal, decoded).
Expr* Parser::StringConstant312(int index) {
  std::span<const Token> tokens(tokens_.data() + index, 1);
  FStringExprParser no_fields = [](uint32_t, uint32_t, SyntaxError*) -> Expr* { return nullptr; };
  SyntaxError error;
  Expr* result = ParseStringLiterals(source_, tokens, arena_, no_fields, version_, &error);
  if (result == nullptr) RaiseAtLastToken(error.type, std::move(error.message));
  return result;
}

// fstring: FSTRING_START fstring_middle* FSTRING_END
Expr* Parser::FString312() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kFStringStart)) return nullptr;
  size_t mark = ScratchMark();
  // The fields of an f-string nested in a format spec (f"{x:{f'{y=}'}}") are at the top level
  // of their own f-string: their debug text is kept.
  int enclosing_format_spec_depth = format_spec_depth_;
  format_spec_depth_ = 0;
  for (;;) {
    Expr* item = nullptr;
    if (At(TokenKind::kLBrace)) {
      item = ReplacementField312();
    } else if (At(TokenKind::kFStringMiddle)) {
      item = MiddleConstant312(pos_++, /*decode=*/false, /*raw=*/false);
    }
    if (item == nullptr) break;
    Push(item);
  }
  format_spec_depth_ = enclosing_format_spec_depth;
  Expr* result = nullptr;
  if (!error_indicator_ && Consume(TokenKind::kFStringEnd)) result = JoinedStr312(start, mark);
  PopTo(mark);
  if (result == nullptr) pos_ = start;
  return result;
}

// An FSTRING_MIDDLE token as a Constant. CPython's token for text before an escaped brace
// ("a{{" holds "a{") ends after both braces; the tokenizer's ends after the first. Without
// `decode`, the value is the raw text (_PyPegen_constant_from_token), decoded later by
// JoinedStr312; with it, decoded at once (_PyPegen_decoded_constant_from_token, format specs).
Expr* Parser::MiddleConstant312(int index, bool decode, bool raw) {
  const Token& t = tokens_[index];
  std::string_view text = TokenText(t);
  uint32_t end = t.end;
  if (!decode && !text.empty() && (text.back() == '{' || text.back() == '}') &&
      end < text_.size() && text_[end] == text.back()) {
    ++end;  // not in a format spec, where braces are never escaped
  }
  auto* node = NewNode<ast::Constant>(t.begin, end);
  node->value = ast::ConstantValue::WithText(ast::ConstantValue::Kind::kStr, text);
  if (decode && !DecodeMiddle312(node, raw, /*format_spec=*/true)) return nullptr;
  return node;
}

// _PyPegen_decode_string on a literal part: escapes unless raw (or backslash-free).
bool Parser::DecodeMiddle312(ast::Constant* node, bool raw, bool format_spec) {
  std::string_view text = node->value.text();
  if (raw || text.find('\\') == std::string_view::npos) return true;
  std::string out;
  std::string message;
  if (!DecodeStrEscapes(text, &out, &message)) {
    if (format_spec) {
      // _PyPegen_decoded_constant_from_token does not turn the codec's exception into a
      // SyntaxError: ast.parse raises the UnicodeDecodeError itself, without a position.
      constexpr std::string_view kPrefix = "(unicode error) ";
      if (message.starts_with(kPrefix)) message.erase(0, kPrefix.size());
      RawErrorLocation nowhere;
      nowhere.end_col = 0;
      RaiseAt(SyntaxError::Type::kUnicodeDecodeError, nowhere, std::move(message));
    } else {
      RaiseSyntaxError(std::move(message));
    }
    return false;
  }
  node->value.set_text(arena_.CopyString(out));
  return true;
}

// _PyPegen_joined_str: the items of one f-string, literal parts decoded, empty ones dropped,
// a debug field's (text, value) pair flattened. Spans FSTRING_START to FSTRING_END.
Expr* Parser::JoinedStr312(int start, size_t mark) {
  std::string_view prefix = TokenText(tokens_[start]);
  bool raw = prefix.find_first_of("rR") != std::string_view::npos;
  size_t items_end = ScratchMark();
  for (size_t i = mark; i < items_end; ++i) {
    Expr* item = static_cast<Expr*>(scratch_[i]);
    if (item->node_kind == ast::NodeKind::kJoinedStr) {  // a debug field: (text, value)
      auto* pair = static_cast<ast::JoinedStr*>(item);
      Push(pair->values[0]);
      Push(pair->values[1]);
      continue;
    }
    if (item->node_kind == ast::NodeKind::kConstant) {
      // A node of this parse of the f-string (FString312 is not memoized): decoded in place.
      auto* part = static_cast<ast::Constant*>(item);
      if (!DecodeMiddle312(part, raw, /*format_spec=*/false)) return nullptr;
      if (part->value.text().empty()) continue;
    }
    Push(item);
  }
  ast::NodeList<Expr> values = TakeList<Expr>(items_end);
  auto* node = NewNode<ast::JoinedStr>(tokens_[start].begin, tokens_[pos_ - 1].end);
  node->values = values;
  return node;
}

// fstring_replacement_field (see the top of the file).
Expr* Parser::ReplacementField312() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kLBrace)) {
    if (Expr* value = AnnotatedRhs()) {
      int debug = Expect(TokenKind::kEqual);
      // fstring_conversion: "!" NAME (_PyPegen_check_fstring_conversion)
      int bang = -1;
      ast::Name* conversion = nullptr;
      if (At(TokenKind::kExclamation) && KindAt(pos_ + 1) == TokenKind::kName) {
        bang = pos_;
        conversion = NewName(tokens_[pos_ + 1]);
        pos_ += 2;
        if (tokens_[bang].end != conversion->begin) {
          return RaiseKnownRange(tokens_[bang].begin, conversion->end,
                                 "f-string: conversion type must come right after the "
                                 "exclamanation mark");
        }
      }
      // fstring_full_format_spec: ':' fstring_format_spec*
      int colon = Expect(TokenKind::kColon);
      ast::JoinedStr* format = nullptr;
      if (colon >= 0) {
        format = FormatSpec312(colon);
        if (format == nullptr) return nullptr;
      }
      if (!error_indicator_ && At(TokenKind::kRBrace)) {
        int rbrace = pos_++;
        return FormattedValue312(start, value, debug, bang, conversion, colon, format, rbrace);
      }
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidReplacementField312();
    pos_ = start;
  }
  return nullptr;
}

// fstring_full_format_spec: ':' fstring_format_spec* (_PyPegen_setup_full_format_spec: a
// spec that is one empty literal is an empty JoinedStr).
ast::JoinedStr* Parser::FormatSpec312(int colon) {
  size_t mark = ScratchMark();
  ++format_spec_depth_;
  for (;;) {
    Expr* item = nullptr;
    if (At(TokenKind::kFStringMiddle)) {
      item = MiddleConstant312(pos_++, /*decode=*/true, /*raw=*/false);
    } else if (At(TokenKind::kLBrace)) {
      item = ReplacementField312();
    }
    if (item == nullptr) break;
    Push(item);
  }
  --format_spec_depth_;
  if (error_indicator_) {
    PopTo(mark);
    return nullptr;
  }
  if (ScratchMark() - mark == 1 && IsEmptyStr(static_cast<Expr*>(scratch_[mark]))) PopTo(mark);
  auto* spec = NewNodeFrom<ast::JoinedStr>(colon);
  spec->values = TakeList<Expr>(mark);
  return spec;
}

// _PyPegen_formatted_value: a FormattedValue spanning the braces; with a debug '=', a pair
// (Constant of the source text after '{' up to the '!', ':' or '}', FormattedValue) in a
// JoinedStr that JoinedStr312 flattens.
Expr* Parser::FormattedValue312(int lbrace, Expr* value, int debug, int bang, ast::Name* conversion,
                                int colon, ast::JoinedStr* format, int rbrace) {
  int conversion_char = -1;
  if (conversion != nullptr) {
    std::string_view id = conversion->id;
    if (id != "s" && id != "r" && id != "a") {
      return RaiseKnownLocation(conversion, "f-string: invalid conversion character '" +
                                                std::string(id) + "': expected 's', 'r', or 'a'");
    }
    conversion_char = id[0];
  } else if (debug >= 0 && format == nullptr) {
    conversion_char = 'r';
  }
  auto* node = NewNode<ast::FormattedValue>(tokens_[lbrace].begin, tokens_[rbrace].end);
  node->value = value;
  node->conversion = conversion_char;
  node->format_spec = format;
  if (debug < 0) return node;
  // The tokenizer keeps the debug text only for fields at the top level of their f-string:
  // a debug field inside a format spec gets a Constant without a value, which ast.parse
  // refuses once the tree is built.
  if (format_spec_depth_ > 0) debug_in_format_spec_ = true;
  int terminator = bang >= 0 ? bang : colon >= 0 ? colon : rbrace;
  uint32_t text_begin = tokens_[lbrace].end;
  uint32_t text_end = tokens_[terminator].begin;
  auto* text = NewNode<ast::Constant>(text_begin, text_end);
  text->value = ast::ConstantValue::WithText(ast::ConstantValue::Kind::kStr,
                                             DebugText312(lbrace + 1, terminator));
  auto* pair = NewNode<ast::JoinedStr>(node->begin, text_end);
  Expr** items = NewListItems<Expr*>(2);
  items[0] = text;
  items[1] = node;
  pair->values = ast::NodeList<Expr>(items);
  return pair;
}

// The source text of a debug field's expression, tokens [first, terminator): verbatim, but
// without comments (3.12.1's tokenizer leaves them out of its expression buffer).
std::string_view Parser::DebugText312(int first, int terminator) {
  uint32_t begin = tokens_[first - 1].end;
  uint32_t end = tokens_[terminator].begin;
  std::string_view text = text_.substr(begin, end - begin);
  if (text.find('#') == std::string_view::npos) return text;
  std::string out;
  uint32_t at = begin;
  for (int i = first; i <= terminator; ++i) {
    // The gap before token i holds only blanks, line continuations and comments.
    uint32_t gap_end = tokens_[i].begin;
    while (at < gap_end) {
      if (text_[at] == '#') {
        while (at < gap_end && text_[at] != '\n' && text_[at] != '\r') ++at;
        continue;
      }
      out += text_[at++];
    }
    if (i < terminator) {
      out += TokenText(tokens_[i]);
      at = tokens_[i].end;
    }
  }
  return arena_.CopyString(out);
}

// _PyPegen_concatenate_strings (3.12): bytes concatenate into one Constant; otherwise the
// f-strings' items are flattened and runs of adjacent literals fold into one Constant
// (spanning the run, with the first one's kind), empty literals dropped when an f-string
// takes part. Spans all the tokens.
Expr* Parser::ConcatenateStrings312(size_t mark, int start) {
  bool fstring_found = false;
  bool str_found = false;
  bool bytes_found = false;
  size_t count = ScratchMark() - mark;
  for (size_t i = mark; i < scratch_.size(); ++i) {
    auto* e = static_cast<Expr*>(scratch_[i]);
    if (e->node_kind == ast::NodeKind::kConstant) {
      if (static_cast<ast::Constant*>(e)->value.kind == ast::ConstantValue::Kind::kBytes) {
        bytes_found = true;
      } else {
        str_found = true;
      }
    } else {
      fstring_found = true;
    }
  }
  if ((str_found || fstring_found) && bytes_found) {
    return RaiseSyntaxError("cannot mix bytes and nonbytes literals");
  }
  uint32_t begin = tokens_[start].begin;
  uint32_t end = LastTokenEnd();
  if (bytes_found) {
    std::string value;
    for (size_t i = mark; i < scratch_.size(); ++i) {
      value += static_cast<ast::Constant*>(scratch_[i])->value.text();
    }
    auto* node = NewNode<ast::Constant>(begin, end);
    node->value = ast::ConstantValue::WithText(
        ast::ConstantValue::Kind::kBytes,
        count == 1 ? static_cast<ast::Constant*>(scratch_[mark])->value.text()
                   : arena_.CopyString(value));
    return node;
  }
  if (!fstring_found && count == 1) return static_cast<Expr*>(scratch_[mark]);
  // Flatten.
  size_t flat = ScratchMark();
  for (size_t i = mark; i < flat; ++i) {
    auto* e = static_cast<Expr*>(scratch_[i]);
    if (e->node_kind == ast::NodeKind::kJoinedStr) {
      for (Expr* value : static_cast<ast::JoinedStr*>(e)->values) Push(value);
    } else {
      Push(e);
    }
  }
  // Fold.
  size_t folded = ScratchMark();
  for (size_t i = flat; i < folded; ++i) {
    auto* e = static_cast<Expr*>(scratch_[i]);
    if (e->node_kind == ast::NodeKind::kConstant) {
      size_t j = i + 1;
      while (j < folded && static_cast<Expr*>(scratch_[j])->node_kind == ast::NodeKind::kConstant) {
        ++j;
      }
      if (j > i + 1) {
        std::string value;
        for (size_t k = i; k < j; ++k)
          value += static_cast<ast::Constant*>(scratch_[k])->value.text();
        auto* first = static_cast<ast::Constant*>(e);
        auto* node = NewNode<ast::Constant>(first->begin, static_cast<Expr*>(scratch_[j - 1])->end);
        node->value =
            ast::ConstantValue::WithText(ast::ConstantValue::Kind::kStr, arena_.CopyString(value));
        node->kind_u = first->kind_u;
        e = node;
        i = j - 1;
      }
      if (fstring_found && IsEmptyStr(e)) continue;
    }
    Push(e);
  }
  if (!fstring_found) {
    Expr* only = static_cast<Expr*>(scratch_[folded]);
    PopTo(flat);
    return only;
  }
  ast::NodeList<Expr> values = TakeList<Expr>(folded);
  PopTo(flat);
  auto* node = NewNode<ast::JoinedStr>(begin, end);
  node->values = values;
  return node;
}

// invalid_replacement_field (second pass):
//     | '{' a='=' | '{' a='!' | '{' a=':' | '{' a='}'  (valid expression required before a)
//     | '{' !(yield_expr | star_expressions)
//     | '{' (yield_expr | star_expressions) !('=' | '!' | ':' | '}')
//     | '{' (yield_expr | star_expressions) '=' !('!' | ':' | '}')
//     | '{' (yield_expr | star_expressions) '='? invalid_conversion_character
//     | '{' (yield_expr | star_expressions) '='? ['!' NAME] !(':' | '}')
//     | '{' (yield_expr | star_expressions) '='? ['!' NAME] ':' fstring_format_spec* !'}'
//     | '{' (yield_expr | star_expressions) '='? ['!' NAME] !'}'
// invalid_conversion_character: '!' &(':' | '}') | '!' !NAME
bool Parser::InvalidReplacementField312() {
  KENSA_ENTER_RULE();
  if (!Consume(TokenKind::kLBrace)) return false;
  switch (CurKind()) {
    case TokenKind::kEqual:
      RaiseKnownLocation(Cur(), "f-string: valid expression required before '='");
      return false;
    case TokenKind::kExclamation:
      RaiseKnownLocation(Cur(), "f-string: valid expression required before '!'");
      return false;
    case TokenKind::kColon:
      RaiseKnownLocation(Cur(), "f-string: valid expression required before ':'");
      return false;
    case TokenKind::kRBrace:
      RaiseKnownLocation(Cur(), "f-string: valid expression required before '}'");
      return false;
    default:
      break;
  }
  int after_brace = pos_;
  if (AnnotatedRhs() == nullptr) {
    if (error_indicator_) return false;
    pos_ = after_brace;
    RaiseKnownLocation(Cur(), "f-string: expecting a valid expression after '{'");
    return false;
  }
  auto is = [this](std::initializer_list<TokenKind> kinds) {
    for (TokenKind kind : kinds) {
      if (At(kind)) return true;
    }
    return false;
  };
  using K = TokenKind;
  if (!is({K::kEqual, K::kExclamation, K::kColon, K::kRBrace})) {
    if (!error_indicator_) {
      RaiseKnownLocation(Cur(), "f-string: expecting '=', or '!', or ':', or '}'");
    }
    return false;
  }
  int after_value = pos_;
  if (Consume(K::kEqual) && !is({K::kExclamation, K::kColon, K::kRBrace})) {
    if (!error_indicator_) RaiseKnownLocation(Cur(), "f-string: expecting '!', or ':', or '}'");
    return false;
  }
  pos_ = after_value;
  Consume(K::kEqual);
  int after_equal = pos_;
  // invalid_conversion_character
  if (Consume(K::kExclamation)) {
    if (is({K::kColon, K::kRBrace})) {
      RaiseKnownLocation(Cur(), "f-string: missing conversion character");
      return false;
    }
    if (!At(K::kName)) {
      RaiseKnownLocation(Cur(), "f-string: invalid conversion character");
      return false;
    }
  }
  pos_ = after_equal;
  if (At(K::kExclamation) && KindAt(pos_ + 1) == K::kName) pos_ += 2;
  int after_conversion = pos_;
  if (!is({K::kColon, K::kRBrace})) {
    if (!error_indicator_) RaiseKnownLocation(Cur(), "f-string: expecting ':' or '}'");
    return false;
  }
  if (Consume(K::kColon)) {
    for (;;) {
      if (Consume(K::kFStringMiddle)) continue;
      if (At(K::kLBrace) && ReplacementField312() != nullptr) continue;
      break;
    }
    if (error_indicator_) return false;
    if (!At(K::kRBrace)) {
      RaiseKnownLocation(Cur(), "f-string: expecting '}', or format specs");
      return false;
    }
  }
  pos_ = after_conversion;
  if (!At(K::kRBrace) && !error_indicator_) {
    RaiseKnownLocation(Cur(), "f-string: expecting '}'");
  }
  return false;
}

}  // namespace kensa::python::parser_internal
