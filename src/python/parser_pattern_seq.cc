// The compound patterns of the match statement: sequence, star, mapping and class patterns
// (CPython 3.11's `sequence_pattern` ... `keyword_pattern`).
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

using ast::ExprContext;

// sequence_pattern: '[' maybe_sequence_pattern? ']' | '(' open_sequence_pattern? ')'
ast::Pattern* Parser::SequencePattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  bool bracket = At(TokenKind::kLSqb);
  if (!bracket && !At(TokenKind::kLPar)) return nullptr;
  ++pos_;
  bool ok = bracket ? MaybeSequencePattern() : OpenSequencePattern();
  if (!ok) {
    if (error_indicator_) return nullptr;
    PopTo(mark);
    pos_ = start + 1;
  }
  if (!Consume(bracket ? TokenKind::kRSqb : TokenKind::kRPar)) {
    PopTo(mark);
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::MatchSequence>(start);
  node->patterns = TakeList<ast::Pattern>(mark);
  return node;
}

// open_sequence_pattern: maybe_star_pattern ',' maybe_sequence_pattern?  (pushes patterns)
bool Parser::OpenSequencePattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  ast::Pattern* first = MaybeStarPattern();
  if (first == nullptr || !Consume(TokenKind::kComma)) {
    pos_ = start;
    return false;
  }
  Push(first);
  int before = pos_;
  if (!MaybeSequencePattern()) {
    if (error_indicator_) {
      PopTo(mark);
      return false;
    }
    pos_ = before;
  }
  return true;
}

// maybe_sequence_pattern: ','.maybe_star_pattern+ ','?  (pushes patterns)
bool Parser::MaybeSequencePattern() {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    ast::Pattern* p = MaybeStarPattern();
    if (p == nullptr) {
      pos_ = before;
      break;
    }
    Push(p);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  Consume(TokenKind::kComma);
  return true;
}

// maybe_star_pattern: star_pattern | pattern
ast::Pattern* Parser::MaybeStarPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (ast::Pattern* p = StarPattern()) return p;
  if (error_indicator_) return nullptr;
  pos_ = start;
  return PatternRule();
}

// star_pattern (memo): '*' pattern_capture_target | '*' wildcard_pattern
ast::Pattern* Parser::StarPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kStarPattern, start, &memo)) {
    return static_cast<ast::Pattern*>(memo);
  }
  ast::Pattern* result = nullptr;
  if (Consume(TokenKind::kStar)) {
    if (Expr* target = PatternCaptureTarget()) {
      auto* node = NewNodeFrom<ast::MatchStar>(start);
      node->name = static_cast<ast::Name*>(target)->id;
      result = node;
    } else if (!error_indicator_ && WildcardPattern() != nullptr) {
      result = NewNodeFrom<ast::MatchStar>(start);
    } else {
      pos_ = start;
    }
  }
  MemoStore(MemoRule::kStarPattern, start, result);
  return result;
}

// mapping_pattern:
//     | '{' '}'
//     | '{' double_star_pattern ','? '}'
//     | '{' items_pattern ',' double_star_pattern ','? '}'
//     | '{' items_pattern ','? '}'
//     | invalid_mapping_pattern   (3.12+, not in 3.11)
ast::Pattern* Parser::MappingPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLBrace)) return nullptr;
  auto finish = [&](size_t mark, Expr* rest) -> ast::Pattern* {
    auto* node = NewNodeFrom<ast::MatchMapping>(start);
    uint32_t n = static_cast<uint32_t>(ScratchMark() - mark);
    Expr** keys = NewListItems<Expr*>(n);
    ast::Pattern** patterns = NewListItems<ast::Pattern*>(n);
    for (uint32_t i = 0; i < n; ++i) {
      auto* pair = static_cast<KeyPatternPair*>(scratch_[mark + i]);
      keys[i] = pair->key;
      patterns[i] = pair->pattern;
    }
    PopTo(mark);
    node->keys = ast::NodeList<Expr>(keys);
    node->patterns = ast::NodeList<ast::Pattern>(patterns);
    if (rest != nullptr) node->rest = static_cast<ast::Name*>(rest)->id;
    return node;
  };
  size_t mark = ScratchMark();
  if (Consume(TokenKind::kRBrace)) return finish(mark, nullptr);
  int inner = pos_;
  if (Expr* rest = DoubleStarPattern()) {
    Consume(TokenKind::kComma);
    if (Consume(TokenKind::kRBrace)) return finish(mark, rest);
  }
  if (error_indicator_) return nullptr;
  pos_ = inner;
  if (ItemsPattern()) {
    int after_items = pos_;
    if (Consume(TokenKind::kComma)) {
      if (Expr* rest = DoubleStarPattern()) {
        Consume(TokenKind::kComma);
        if (Consume(TokenKind::kRBrace)) return finish(mark, rest);
      }
      if (error_indicator_) {
        PopTo(mark);
        return nullptr;
      }
    }
    pos_ = after_items;
    Consume(TokenKind::kComma);
    if (Consume(TokenKind::kRBrace)) return finish(mark, nullptr);
  }
  PopTo(mark);
  pos_ = start;
  return nullptr;
}

// items_pattern: ','.key_value_pattern+   (pushes KeyPatternPair*)
bool Parser::ItemsPattern() {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    KeyPatternPair* pair = KeyValuePattern();
    if (pair == nullptr) {
      pos_ = before;
      break;
    }
    Push(pair);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  return true;
}

// key_value_pattern: (literal_expr | attr) ':' pattern
KeyPatternPair* Parser::KeyValuePattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* key = LiteralExpr();
  if (key == nullptr && !error_indicator_) {
    pos_ = start;
    key = Attr();
  }
  if (key != nullptr && Consume(TokenKind::kColon)) {
    if (ast::Pattern* pattern = PatternRule()) {
      auto* pair = Allocate<KeyPatternPair>();
      *pair = KeyPatternPair{key, pattern};
      return pair;
    }
  }
  pos_ = start;
  return nullptr;
}

// double_star_pattern: '**' pattern_capture_target
Expr* Parser::DoubleStarPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kDoubleStar)) {
    if (Expr* target = PatternCaptureTarget()) return target;
  }
  pos_ = start;
  return nullptr;
}

// class_pattern:
//     | name_or_attr '(' ')'
//     | name_or_attr '(' positional_patterns ','? ')'
//     | name_or_attr '(' keyword_patterns ','? ')'
//     | name_or_attr '(' positional_patterns ',' keyword_patterns ','? ')'
//     | invalid_class_pattern
ast::Pattern* Parser::ClassPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* cls = NameOrAttr();
  if (cls != nullptr && Consume(TokenKind::kLPar)) {
    int inner = pos_;
    size_t mark = ScratchMark();
    auto finish = [&](size_t positional_end) -> ast::Pattern* {
      auto* node = NewNodeFrom<ast::MatchClass>(start);
      node->cls = cls;
      uint32_t n_kw = static_cast<uint32_t>(ScratchMark() - positional_end);
      auto* names = NewListItems<ast::Identifier>(n_kw);
      ast::Pattern** kw_patterns = NewListItems<ast::Pattern*>(n_kw);
      for (uint32_t i = 0; i < n_kw; ++i) {
        auto* pair = static_cast<KeyPatternPair*>(scratch_[positional_end + i]);
        names[i] = static_cast<ast::Name*>(pair->key)->id;
        kw_patterns[i] = pair->pattern;
      }
      scratch_.resize(positional_end);
      node->patterns = TakeList<ast::Pattern>(mark);
      node->kwd_attrs = ast::IdentifierList(names);
      node->kwd_patterns = ast::NodeList<ast::Pattern>(kw_patterns);
      return node;
    };
    if (Consume(TokenKind::kRPar)) return finish(mark);
    if (PositionalPatterns()) {
      size_t positional_end = ScratchMark();
      int after = pos_;
      Consume(TokenKind::kComma);
      if (Consume(TokenKind::kRPar)) return finish(positional_end);
      pos_ = after;
      if (Consume(TokenKind::kComma) && KeywordPatterns()) {
        Consume(TokenKind::kComma);
        if (Consume(TokenKind::kRPar)) return finish(positional_end);
      }
      if (error_indicator_) {
        PopTo(mark);
        return nullptr;
      }
      PopTo(mark);
    }
    if (error_indicator_) return nullptr;
    pos_ = inner;
    if (KeywordPatterns()) {
      Consume(TokenKind::kComma);
      if (Consume(TokenKind::kRPar)) return finish(mark);
      PopTo(mark);
    }
    if (error_indicator_) return nullptr;
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidClassPattern();
    pos_ = start;
  }
  return nullptr;
}

// positional_patterns: ','.pattern+   (pushes patterns)
bool Parser::PositionalPatterns() {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    ast::Pattern* p = PatternRule();
    if (p == nullptr) {
      pos_ = before;
      break;
    }
    Push(p);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  return true;
}

// keyword_patterns: ','.keyword_pattern+   (pushes KeyPatternPair*)
bool Parser::KeywordPatterns() {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    KeyPatternPair* pair = KeywordPattern();
    if (pair == nullptr) {
      pos_ = before;
      break;
    }
    Push(pair);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  return true;
}

// keyword_pattern: NAME '=' pattern
KeyPatternPair* Parser::KeywordPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (At(TokenKind::kName) && KindAt(pos_ + 1) == TokenKind::kEqual) {
    pos_ += 2;
    if (ast::Pattern* pattern = PatternRule()) {
      auto* pair = Allocate<KeyPatternPair>();
      *pair = KeyPatternPair{NewName(tokens_[start]), pattern};
      return pair;
    }
  }
  pos_ = start;
  return nullptr;
}

}  // namespace kensa::python::parser_internal
