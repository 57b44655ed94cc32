// The match statement and its patterns (PEP 634) as CPython 3.11's grammar has them:
// `match_stmt`, `case_block`, `patterns` down to `class_pattern`. "match", "case" and "_" are
// soft keywords: NAME tokens recognized by their text.
#include "python/literal.h"
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

using ast::ExprContext;

namespace {

ast::Pattern* ToPattern(void* p) {
  return static_cast<ast::Pattern*>(p);
}

}  // namespace

// match_stmt:
//     | "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT
//     | invalid_match_stmt
Stmt* Parser::MatchStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (ExpectSoftKeyword("match") >= 0) {
    Expr* subject = SubjectExpr();
    if (subject != nullptr && Consume(TokenKind::kColon) && Consume(TokenKind::kNewline) &&
        Consume(TokenKind::kIndent)) {
      size_t mark = ScratchMark();
      while (ast::MatchCase* c = CaseBlock()) Push(c);
      if (ScratchMark() != mark && Consume(TokenKind::kDedent)) {
        auto* node = NewNodeFrom<ast::Match>(start);
        node->subject = subject;
        node->cases = TakeList<ast::MatchCase>(mark);
        return node;
      }
      PopTo(mark);
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidMatchStmt();
    pos_ = start;
  }
  return nullptr;
}

// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
Expr* Parser::SubjectExpr() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Expr* value = StarNamedExpression()) {
    if (Consume(TokenKind::kComma)) {
      ast::NodeList<Expr> values;
      if (!StarNamedExpressions(&values) && error_indicator_) return nullptr;
      auto* tuple = NewNodeFrom<ast::Tuple>(start);
      tuple->elts = PrependList(value, values);
      tuple->ctx = ExprContext::kLoad;
      return tuple;
    }
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  return NamedExpression();
}

// case_block: invalid_case_block | "case" patterns guard? ':' block
ast::MatchCase* Parser::CaseBlock() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidCaseBlock();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (ExpectSoftKeyword("case") < 0) return nullptr;
  ast::Pattern* pattern = Patterns();
  if (pattern == nullptr) {
    pos_ = start;
    return nullptr;
  }
  Expr* guard = Guard();
  if (error_indicator_) return nullptr;
  ast::NodeList<Stmt> body;
  if (!Consume(TokenKind::kColon) || !Block(&body)) {
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::MatchCase>(start);
  node->pattern = pattern;
  node->guard = guard;
  node->body = body;
  return node;
}

// guard: 'if' named_expression
Expr* Parser::Guard() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kIf)) return nullptr;
  if (Expr* e = NamedExpression()) return e;
  pos_ = start;
  return nullptr;
}

// patterns: open_sequence_pattern | pattern
ast::Pattern* Parser::Patterns() {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  if (OpenSequencePattern()) {
    auto* node = NewNodeFrom<ast::MatchSequence>(start);
    node->patterns = TakeList<ast::Pattern>(mark);
    return node;
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  return PatternRule();
}

// pattern: as_pattern | or_pattern
ast::Pattern* Parser::PatternRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (ast::Pattern* p = AsPattern()) return p;
  if (error_indicator_) return nullptr;
  pos_ = start;
  return OrPattern();
}

// as_pattern: or_pattern 'as' pattern_capture_target | invalid_as_pattern
ast::Pattern* Parser::AsPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (ast::Pattern* pattern = OrPattern()) {
    if (Consume(TokenKind::kAs)) {
      if (Expr* target = PatternCaptureTarget()) {
        auto* node = NewNodeFrom<ast::MatchAs>(start);
        node->pattern = pattern;
        node->name = static_cast<ast::Name*>(target)->id;
        return node;
      }
    }
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidAsPattern();
    pos_ = start;
  }
  return nullptr;
}

// or_pattern: '|'.closed_pattern+
ast::Pattern* Parser::OrPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kVBar)) break;
    ast::Pattern* p = ClosedPattern();
    if (p == nullptr) {
      pos_ = before;
      break;
    }
    Push(p);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    pos_ = start;
    return nullptr;
  }
  if (ScratchMark() - mark == 1) {
    ast::Pattern* only = ToPattern(scratch_[mark]);
    PopTo(mark);
    return only;
  }
  auto* node = NewNodeFrom<ast::MatchOr>(start);
  node->patterns = TakeList<ast::Pattern>(mark);
  return node;
}

// closed_pattern (memo):
//     | literal_pattern | capture_pattern | wildcard_pattern | value_pattern | group_pattern
//     | sequence_pattern | mapping_pattern | class_pattern
ast::Pattern* Parser::ClosedPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kClosedPattern, start, &memo)) return ToPattern(memo);
  ast::Pattern* result = nullptr;
  using Alternative = ast::Pattern* (Parser::*)();
  static constexpr Alternative kAlternatives[] = {
      &Parser::LiteralPattern, &Parser::CapturePattern, &Parser::WildcardPattern,
      &Parser::ValuePattern,   &Parser::GroupPattern,   &Parser::SequencePattern,
      &Parser::MappingPattern, &Parser::ClassPattern,
  };
  for (Alternative alternative : kAlternatives) {
    result = (this->*alternative)();
    if (result != nullptr || error_indicator_) break;
    pos_ = start;
  }
  MemoStore(MemoRule::kClosedPattern, start, result);
  return result;
}

// literal_pattern:
//     | signed_number !('+' | '-') | complex_number | strings | 'None' | 'True' | 'False'
ast::Pattern* Parser::LiteralPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  ast::ConstantValue::Kind singleton;
  switch (CurKind()) {
    case TokenKind::kNone:
      singleton = ast::ConstantValue::Kind::kNone;
      break;
    case TokenKind::kTrue:
      singleton = ast::ConstantValue::Kind::kTrue;
      break;
    case TokenKind::kFalse:
      singleton = ast::ConstantValue::Kind::kFalse;
      break;
    default: {
      Expr* value = LiteralValue();
      if (value == nullptr) return nullptr;
      auto* node = NewNodeFrom<ast::MatchValue>(start);
      node->value = value;
      return node;
    }
  }
  ++pos_;
  auto* node = NewNodeFrom<ast::MatchSingleton>(start);
  node->value.kind = singleton;
  return node;
}

// literal_expr:
//     | signed_number !('+' | '-') | complex_number | strings | 'None' | 'True' | 'False'
Expr* Parser::LiteralExpr() {
  KENSA_ENTER_RULE();
  int start = pos_;
  switch (CurKind()) {
    case TokenKind::kNone:
      ++pos_;
      return NewConstant(ast::ConstantValue::Kind::kNone, tokens_[start]);
    case TokenKind::kTrue:
      ++pos_;
      return NewConstant(ast::ConstantValue::Kind::kTrue, tokens_[start]);
    case TokenKind::kFalse:
      ++pos_;
      return NewConstant(ast::ConstantValue::Kind::kFalse, tokens_[start]);
    default:
      return LiteralValue();
  }
}

// The shared first three alternatives of literal_pattern and literal_expr:
//     signed_number !('+' | '-') | complex_number | strings
Expr* Parser::LiteralValue() {
  int start = pos_;
  if (Expr* number = SignedNumber()) {
    if (!At(TokenKind::kPlus) && !At(TokenKind::kMinus)) return number;
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  if (Expr* complex = ComplexNumber()) return complex;
  if (error_indicator_) return nullptr;
  pos_ = start;
  if (At(TokenKind::kString) || At(TokenKind::kFStringStart)) return Strings();
  return nullptr;
}

// complex_number: signed_real_number ('+' | '-') imaginary_number
Expr* Parser::ComplexNumber() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* real = SignedRealNumber();
  if (real == nullptr) return nullptr;
  ast::Operator op;
  if (Consume(TokenKind::kPlus)) {
    op = ast::Operator::kAdd;
  } else if (Consume(TokenKind::kMinus)) {
    op = ast::Operator::kSub;
  } else {
    pos_ = start;
    return nullptr;
  }
  Expr* imag = ImaginaryNumber();
  if (imag == nullptr) {
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::BinOp>(start);
  node->left = real;
  node->op = op;
  node->right = imag;
  return node;
}

// signed_number: NUMBER | '-' NUMBER
Expr* Parser::SignedNumber() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (At(TokenKind::kNumber)) return Atom();
  if (Consume(TokenKind::kMinus) && At(TokenKind::kNumber)) {
    Expr* number = Atom();
    auto* node = NewNodeFrom<ast::UnaryOp>(start);
    node->op = ast::UnaryOperator::kUSub;
    node->operand = number;
    return node;
  }
  pos_ = start;
  return nullptr;
}

// signed_real_number: real_number | '-' real_number
Expr* Parser::SignedRealNumber() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (At(TokenKind::kNumber)) return RealNumber();
  if (Consume(TokenKind::kMinus)) {
    if (Expr* real = RealNumber()) {
      auto* node = NewNodeFrom<ast::UnaryOp>(start);
      node->op = ast::UnaryOperator::kUSub;
      node->operand = real;
      return node;
    }
  }
  pos_ = start;
  return nullptr;
}

// real_number: NUMBER   (_PyPegen_ensure_real: an error if it is imaginary)
Expr* Parser::RealNumber() {
  KENSA_ENTER_RULE();
  if (!At(TokenKind::kNumber)) return nullptr;
  auto* number = static_cast<ast::Constant*>(Atom());
  if (number->value.kind == ast::ConstantValue::Kind::kComplex) {
    return RaiseKnownLocation(number, "real number required in complex literal");
  }
  return number;
}

// imaginary_number: NUMBER   (_PyPegen_ensure_imaginary: an error if it is not imaginary)
Expr* Parser::ImaginaryNumber() {
  KENSA_ENTER_RULE();
  if (!At(TokenKind::kNumber)) return nullptr;
  auto* number = static_cast<ast::Constant*>(Atom());
  if (number->value.kind != ast::ConstantValue::Kind::kComplex) {
    return RaiseKnownLocation(number, "imaginary number required in complex literal");
  }
  return number;
}

// capture_pattern: pattern_capture_target
ast::Pattern* Parser::CapturePattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* target = PatternCaptureTarget();
  if (target == nullptr) return nullptr;
  auto* node = NewNodeFrom<ast::MatchAs>(start);
  node->name = static_cast<ast::Name*>(target)->id;
  return node;
}

// pattern_capture_target: !"_" NAME !('.' | '(' | '=')
Expr* Parser::PatternCaptureTarget() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (AtSoftKeyword("_") || !At(TokenKind::kName)) return nullptr;
  ++pos_;
  TokenKind next = CurKind();
  if (next == TokenKind::kDot || next == TokenKind::kLPar || next == TokenKind::kEqual) {
    pos_ = start;
    return nullptr;
  }
  return NewName(tokens_[start], ExprContext::kStore);
}

// wildcard_pattern: "_"
ast::Pattern* Parser::WildcardPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (ExpectSoftKeyword("_") < 0) return nullptr;
  return NewNodeFrom<ast::MatchAs>(start);
}

// value_pattern: attr !('.' | '(' | '=')
ast::Pattern* Parser::ValuePattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* attr = Attr();
  if (attr == nullptr) return nullptr;
  TokenKind next = CurKind();
  if (next == TokenKind::kDot || next == TokenKind::kLPar || next == TokenKind::kEqual) {
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::MatchValue>(start);
  node->value = attr;
  return node;
}

// attr: name_or_attr '.' NAME   (left-recursive with name_or_attr: dotted names)
Expr* Parser::Attr() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* e = NameOrAttr();
  if (e == nullptr || e->node_kind != ast::NodeKind::kAttribute) {
    pos_ = start;
    return nullptr;
  }
  return e;
}

// name_or_attr: attr | NAME
Expr* Parser::NameOrAttr() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kNameOrAttr, start, &memo)) return static_cast<Expr*>(memo);
  Expr* e = nullptr;
  if (At(TokenKind::kName)) {
    ++pos_;
    e = NewName(tokens_[start]);
    while (At(TokenKind::kDot) && KindAt(pos_ + 1) == TokenKind::kName) {
      pos_ += 2;
      auto* node = NewNodeFrom<ast::Attribute>(start);
      node->value = e;
      node->attr = Identifier(tokens_[pos_ - 1]);
      node->ctx = ExprContext::kLoad;
      e = node;
    }
  }
  MemoStore(MemoRule::kNameOrAttr, start, e);
  return e;
}

// group_pattern: '(' pattern ')'
ast::Pattern* Parser::GroupPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLPar)) return nullptr;
  ast::Pattern* pattern = PatternRule();
  if (pattern != nullptr && Consume(TokenKind::kRPar)) return pattern;
  pos_ = start;
  return nullptr;
}

}  // namespace kensa::python::parser_internal
