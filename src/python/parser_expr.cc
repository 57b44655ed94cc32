// Expression rules of CPython 3.11's grammar, from `expressions` down to `power`, plus
// `yield_expr`, the star/named expression rules and `lambdef`. Primaries and atoms are in
// parser_atoms.cc. Each function is one grammar rule; comments quote the rule.
#include "python/literal.h"
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

using ast::BoolOperator;
using ast::CmpOperator;
using ast::ExprContext;
using ast::Operator;
using ast::UnaryOperator;

namespace {

template <class T>
T* MemoAs(void* value) {
  return static_cast<T*>(value);
}

}  // namespace

// expressions: expression (',' expression)+ [','] | expression ',' | expression
Expr* Parser::Expressions() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = Expression();
  if (a == nullptr) return nullptr;
  if (!At(TokenKind::kComma)) return a;
  size_t mark = ScratchMark();
  Push(a);
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kComma)) break;
    Expr* b = Expression();
    if (b == nullptr) {
      pos_ = before;
      break;
    }
    Push(b);
  }
  Consume(TokenKind::kComma);
  auto* tuple = NewNodeFrom<ast::Tuple>(start);
  tuple->elts = TakeList<Expr>(mark);
  tuple->ctx = ExprContext::kLoad;
  return tuple;
}

// expression (memo):
//     | invalid_expression | invalid_legacy_expression
//     | disjunction 'if' disjunction 'else' expression | disjunction | lambdef
Expr* Parser::Expression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  TokenAt(start);  // CPython pulls the token before looking at the memo
  if (start < fill_) {
    const TokenSlot& slot = slots_[start];
    if (slot.expression_end >= 0) {
      pos_ = slot.expression_end;
      return slot.expression;
    }
  }
  Expr* result = ExpressionRaw();
  if (start < fill_) {
    slots_[start].expression = result;
    slots_[start].expression_end = pos_;
  }
  return result;
}

Expr* Parser::ExpressionRaw() {
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidExpression();
    if (error_indicator_) return nullptr;
    pos_ = start;
    InvalidLegacyExpression();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  Expr* a = Disjunction();
  if (a != nullptr) {
    int after = pos_;
    if (Consume(TokenKind::kIf)) {
      Expr* b = Disjunction();
      if (b != nullptr && Consume(TokenKind::kElse)) {
        Expr* c = Expression();
        if (c != nullptr) {
          auto* node = NewNodeFrom<ast::IfExp>(start);
          node->test = b;
          node->body = a;
          node->orelse = c;
          return node;
        }
      }
      if (error_indicator_) return nullptr;
      pos_ = after;
    }
    return a;
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  return Lambdef();
}

// expression_without_invalid: the same without invalid_* rules anywhere below.
//     | disjunction 'if' disjunction 'else' expression | disjunction | lambdef
Expr* Parser::ExpressionWithoutInvalid() {
  bool saved = call_invalid_rules_;
  call_invalid_rules_ = false;
  Expr* result = nullptr;
  {
    RuleGuard rule_guard_(this);
    if (!rule_guard_.failed()) {
      int start = pos_;
      Expr* a = Disjunction();
      if (a != nullptr) {
        result = a;
        int after = pos_;
        if (Consume(TokenKind::kIf)) {
          Expr* b = Disjunction();
          Expr* c = nullptr;
          if (b != nullptr && Consume(TokenKind::kElse)) c = Expression();
          if (c != nullptr) {
            auto* node = NewNodeFrom<ast::IfExp>(start);
            node->test = b;
            node->body = a;
            node->orelse = c;
            result = node;
          } else {
            pos_ = after;
          }
        }
      } else if (!error_indicator_) {
        pos_ = start;
        result = Lambdef();
      }
    }
  }
  call_invalid_rules_ = saved;
  return result;
}

// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
Expr* Parser::YieldExpr() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kYield)) return nullptr;
  if (Consume(TokenKind::kFrom)) {
    Expr* a = Expression();
    if (a != nullptr) {
      auto* node = NewNodeFrom<ast::YieldFrom>(start);
      node->value = a;
      return node;
    }
    if (error_indicator_) return nullptr;
    pos_ = start + 1;
  }
  Expr* a = StarExpressions();
  if (error_indicator_) return nullptr;
  auto* node = NewNodeFrom<ast::Yield>(start);
  node->value = a;
  return node;
}

// star_expressions:
//     | star_expression (',' star_expression)+ [','] | star_expression ',' | star_expression
Expr* Parser::StarExpressions() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = StarExpression();
  if (a == nullptr) return nullptr;
  if (!At(TokenKind::kComma)) return a;
  size_t mark = ScratchMark();
  Push(a);
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kComma)) break;
    Expr* b = StarExpression();
    if (b == nullptr) {
      pos_ = before;
      break;
    }
    Push(b);
  }
  Consume(TokenKind::kComma);
  auto* tuple = NewNodeFrom<ast::Tuple>(start);
  tuple->elts = TakeList<Expr>(mark);
  tuple->ctx = ExprContext::kLoad;
  return tuple;
}

// star_expression (memo): '*' bitwise_or | expression
Expr* Parser::StarExpression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kStarExpression, start, &memo)) return MemoAs<Expr>(memo);
  Expr* result = nullptr;
  if (Consume(TokenKind::kStar)) {
    Expr* a = BitwiseOr();
    if (a != nullptr) {
      auto* node = NewNodeFrom<ast::Starred>(start);
      node->value = a;
      node->ctx = ExprContext::kLoad;
      result = node;
    } else {
      pos_ = start;
    }
  }
  if (result == nullptr && !error_indicator_) result = Expression();
  MemoStore(MemoRule::kStarExpression, start, result);
  return result;
}

// star_named_expressions: ','.star_named_expression+ [',']
bool Parser::StarNamedExpressions(ast::NodeList<Expr>* out) {
  size_t mark = ScratchMark();
  if (!PushStarNamedExpressions()) return false;
  *out = TakeList<Expr>(mark);
  return true;
}

bool Parser::PushStarNamedExpressions() {
  KENSA_ENTER_RULE();
  Expr* a = StarNamedExpression();
  if (a == nullptr) return false;
  Push(a);
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kComma)) break;
    Expr* b = StarNamedExpression();
    if (b == nullptr) {
      pos_ = before;
      break;
    }
    Push(b);
  }
  Consume(TokenKind::kComma);
  return true;
}

// star_named_expression: '*' bitwise_or | named_expression
Expr* Parser::StarNamedExpression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kStar)) {
    Expr* a = BitwiseOr();
    if (a != nullptr) {
      auto* node = NewNodeFrom<ast::Starred>(start);
      node->value = a;
      node->ctx = ExprContext::kLoad;
      return node;
    }
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  return NamedExpression();
}

// assignment_expression: NAME ':=' ~ expression
Expr* Parser::AssignmentExpression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (CurKind() != TokenKind::kName || KindAt(pos_ + 1) != TokenKind::kColonEqual) {
    return nullptr;
  }
  pos_ += 2;
  Expr* b = Expression();
  if (b == nullptr) {
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::NamedExpr>(start);
  node->target = NewName(tokens_[start], ExprContext::kStore);
  node->value = b;
  return node;
}

// named_expression: assignment_expression | invalid_named_expression | expression !':='
Expr* Parser::NamedExpression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Expr* a = AssignmentExpression()) return a;
  if (error_indicator_) return nullptr;
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidNamedExpression();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  Expr* e = Expression();
  if (e != nullptr && !At(TokenKind::kColonEqual)) return e;
  pos_ = start;
  return nullptr;
}

// disjunction (memo): conjunction ('or' conjunction)+ | conjunction
Expr* Parser::Disjunction() {
  if (!memo_enabled_) return FastDisjunction();
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kDisjunction, start, &memo)) return MemoAs<Expr>(memo);
  Expr* result = Conjunction();
  if (result != nullptr && At(TokenKind::kOr)) {
    size_t mark = ScratchMark();
    Push(result);
    for (;;) {
      int before = pos_;
      if (!Consume(TokenKind::kOr)) break;
      Expr* c = Conjunction();
      if (c == nullptr) {
        pos_ = before;
        break;
      }
      Push(c);
    }
    if (ScratchMark() - mark > 1) {
      auto* node = NewNodeFrom<ast::BoolOp>(start);
      node->op = BoolOperator::kOr;
      node->values = TakeList<Expr>(mark);
      result = node;
    } else {
      PopTo(mark);
    }
  }
  MemoStore(MemoRule::kDisjunction, start, result);
  return result;
}

// conjunction (memo): inversion ('and' inversion)+ | inversion
Expr* Parser::Conjunction() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kConjunction, start, &memo)) return MemoAs<Expr>(memo);
  Expr* result = Inversion();
  if (result != nullptr && At(TokenKind::kAnd)) {
    size_t mark = ScratchMark();
    Push(result);
    for (;;) {
      int before = pos_;
      if (!Consume(TokenKind::kAnd)) break;
      Expr* c = Inversion();
      if (c == nullptr) {
        pos_ = before;
        break;
      }
      Push(c);
    }
    if (ScratchMark() - mark > 1) {
      auto* node = NewNodeFrom<ast::BoolOp>(start);
      node->op = BoolOperator::kAnd;
      node->values = TakeList<Expr>(mark);
      result = node;
    } else {
      PopTo(mark);
    }
  }
  MemoStore(MemoRule::kConjunction, start, result);
  return result;
}

// inversion (memo): 'not' inversion | comparison
Expr* Parser::Inversion() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kInversion, start, &memo)) return MemoAs<Expr>(memo);
  Expr* result = nullptr;
  if (Consume(TokenKind::kNot)) {
    Expr* a = Inversion();
    if (a != nullptr) {
      auto* node = NewNodeFrom<ast::UnaryOp>(start);
      node->op = UnaryOperator::kNot;
      node->operand = a;
      result = node;
    } else {
      pos_ = start;
    }
  }
  if (result == nullptr && !error_indicator_) result = Comparison();
  MemoStore(MemoRule::kInversion, start, result);
  return result;
}

// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
Expr* Parser::Comparison() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = memo_enabled_ ? BitwiseOr() : FastBinary(0);
  if (a == nullptr) return nullptr;
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    CmpOperator op;
    switch (CurKind()) {
      case TokenKind::kEqEqual:
        op = CmpOperator::kEq;
        break;
      case TokenKind::kNotEqual:
        // "<>" is NOTEQUAL too, but only valid with `from __future__ import barry_as_FLUFL`.
        if (TokenText(Cur()) != "!=") goto done;
        op = CmpOperator::kNotEq;
        break;
      case TokenKind::kLessEqual:
        op = CmpOperator::kLtE;
        break;
      case TokenKind::kLess:
        op = CmpOperator::kLt;
        break;
      case TokenKind::kGreaterEqual:
        op = CmpOperator::kGtE;
        break;
      case TokenKind::kGreater:
        op = CmpOperator::kGt;
        break;
      case TokenKind::kNot:
        if (KindAt(pos_ + 1) != TokenKind::kIn) goto done;
        ++pos_;
        op = CmpOperator::kNotIn;
        break;
      case TokenKind::kIn:
        op = CmpOperator::kIn;
        break;
      case TokenKind::kIs:
        if (KindAt(pos_ + 1) == TokenKind::kNot) {
          // is_bitwise_or is tried when 'is' 'not' bitwise_or fails.
          int save = pos_;
          pos_ += 2;
          if (Expr* b = BitwiseOr()) {
            Push(reinterpret_cast<void*>(static_cast<uintptr_t>(CmpOperator::kIsNot)));
            Push(b);
            continue;
          }
          if (error_indicator_) {
            PopTo(mark);
            return nullptr;
          }
          pos_ = save;
        }
        op = CmpOperator::kIs;
        break;
      default:
        goto done;
    }
    ++pos_;
    if (Expr* b = BitwiseOr()) {
      Push(reinterpret_cast<void*>(static_cast<uintptr_t>(op)));
      Push(b);
      continue;
    }
    pos_ = before;
    break;
  }
done:
  size_t pairs = (ScratchMark() - mark) / 2;
  if (pairs == 0) return a;
  auto* node = NewNodeFrom<ast::Compare>(start);
  node->left = a;
  auto* ops = NewListItems<CmpOperator>(static_cast<uint32_t>(pairs));
  Expr** comparators = NewListItems<Expr*>(static_cast<uint32_t>(pairs));
  for (size_t i = 0; i < pairs; ++i) {
    ops[i] = static_cast<CmpOperator>(reinterpret_cast<uintptr_t>(scratch_[mark + 2 * i]));
    comparators[i] = static_cast<Expr*>(scratch_[mark + 2 * i + 1]);
  }
  PopTo(mark);
  node->ops = ast::CmpOperatorList(ops);
  node->comparators = ast::NodeList<Expr>(comparators);
  return node;
}

namespace {

bool BinaryOperatorOf(TokenKind kind, int level, Operator* op) {
  switch (level) {
    case 0:  // bitwise_or
      if (kind == TokenKind::kVBar) return *op = Operator::kBitOr, true;
      return false;
    case 1:  // bitwise_xor
      if (kind == TokenKind::kCircumflex) return *op = Operator::kBitXor, true;
      return false;
    case 2:  // bitwise_and
      if (kind == TokenKind::kAmper) return *op = Operator::kBitAnd, true;
      return false;
    case 3:  // shift_expr
      if (kind == TokenKind::kLeftShift) return *op = Operator::kLShift, true;
      if (kind == TokenKind::kRightShift) return *op = Operator::kRShift, true;
      return false;
    case 4:  // sum
      if (kind == TokenKind::kPlus) return *op = Operator::kAdd, true;
      if (kind == TokenKind::kMinus) return *op = Operator::kSub, true;
      return false;
    default:  // term
      switch (kind) {
        case TokenKind::kStar:
          return *op = Operator::kMult, true;
        case TokenKind::kSlash:
          return *op = Operator::kDiv, true;
        case TokenKind::kDoubleSlash:
          return *op = Operator::kFloorDiv, true;
        case TokenKind::kPercent:
          return *op = Operator::kMod, true;
        case TokenKind::kAt:
          return *op = Operator::kMatMult, true;
        default:
          return false;
      }
  }
}

}  // namespace

// The left-recursive binary operator rules, e.g. sum: sum '+' term | sum '-' term | term.
// CPython grows the left-recursive seed one operator at a time, which is this loop.
#define KENSA_BINARY_RULE(Name, Operand, Level, Memo)              \
  Expr* Parser::Name() {                                           \
    if (!memo_enabled_) return FastBinary(Level);                  \
    KENSA_ENTER_RULE();                                            \
    RuleGuard raw_rule_guard_(this); /* its raw rule */            \
    if (raw_rule_guard_.failed()) return nullptr;                  \
    int start = pos_;                                              \
    void* memo;                                                    \
    if (MemoLookup(Memo, start, &memo)) return MemoAs<Expr>(memo); \
    Expr* left = Operand();                                        \
    while (left != nullptr) {                                      \
      Operator op;                                                 \
      if (!BinaryOperatorOf(CurKind(), Level, &op)) break;         \
      int before = pos_++;                                         \
      Expr* right = Operand();                                     \
      if (right == nullptr) {                                      \
        pos_ = before;                                             \
        break;                                                     \
      }                                                            \
      auto* node = NewNodeFrom<ast::BinOp>(start);                 \
      node->left = left;                                           \
      node->op = op;                                               \
      node->right = right;                                         \
      left = node;                                                 \
    }                                                              \
    MemoStore(Memo, start, left);                                  \
    return left;                                                   \
  }

KENSA_BINARY_RULE(BitwiseOr, BitwiseXor, 0, MemoRule::kBitwiseOr)
KENSA_BINARY_RULE(BitwiseXor, BitwiseAnd, 1, MemoRule::kBitwiseXor)
KENSA_BINARY_RULE(BitwiseAnd, ShiftExpr, 2, MemoRule::kBitwiseAnd)
KENSA_BINARY_RULE(ShiftExpr, Sum, 3, MemoRule::kShiftExpr)
KENSA_BINARY_RULE(Sum, Term, 4, MemoRule::kSum)
KENSA_BINARY_RULE(Term, Factor, 5, MemoRule::kTerm)

#undef KENSA_BINARY_RULE

// factor (memo): '+' factor | '-' factor | '~' factor | power
Expr* Parser::Factor() {
  if (!memo_enabled_) return FastFactor();
  // The second pass, with CPython's memo at every prefix operator: walk down the operators
  // (a loop, not a recursion: a long run costs no C++ stack), then build outwards.
  int start = pos_;
  int prefix = 0;
  Expr* inner = nullptr;
  bool memo_hit = false;
  for (;;) {
    void* memo;
    if (MemoLookup(MemoRule::kFactor, pos_, &memo)) {
      inner = MemoAs<Expr>(memo);
      memo_hit = true;
      break;
    }
    if (UnaryOperatorOf(CurKind()) < 0) break;
    ++prefix;
    ++pos_;
  }
  LevelGuard levels(this, prefix + (memo_hit ? 0 : 1));
  if (levels.failed()) return nullptr;
  if (!memo_hit) {
    int power_start = pos_;
    inner = Power();
    MemoStore(MemoRule::kFactor, power_start, inner);
  }
  // Outwards: '-' factor succeeds iff the inner factor did; otherwise `power` fails on the
  // operator itself.
  for (int i = start + prefix - 1; i >= start; --i) {
    if (inner == nullptr) {
      if (error_indicator_) return nullptr;
      pos_ = i;
      MemoStore(MemoRule::kFactor, i, nullptr);
      continue;
    }
    auto* node = NewNode<ast::UnaryOp>(tokens_[i].begin, LastTokenEnd());
    node->op = static_cast<UnaryOperator>(UnaryOperatorOf(tokens_[i].kind));
    node->operand = inner;
    inner = node;
    MemoStore(MemoRule::kFactor, i, inner);
  }
  if (inner == nullptr) pos_ = start;
  return inner;
}

// power: await_primary '**' factor | await_primary
Expr* Parser::Power() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = AwaitPrimary();
  if (a == nullptr) return nullptr;
  int after = pos_;
  if (Consume(TokenKind::kDoubleStar)) {
    Expr* b = Factor();
    if (b != nullptr) {
      auto* node = NewNodeFrom<ast::BinOp>(start);
      node->left = a;
      node->op = Operator::kPow;
      node->right = b;
      return node;
    }
    pos_ = after;
  }
  return a;
}

// await_primary (memo): AWAIT primary | primary
Expr* Parser::AwaitPrimary() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kAwaitPrimary, start, &memo)) return MemoAs<Expr>(memo);
  Expr* result = nullptr;
  if (Consume(TokenKind::kAwait)) {
    Expr* a = Primary();
    if (a != nullptr) {
      auto* node = NewNodeFrom<ast::Await>(start);
      node->value = a;
      result = node;
    } else {
      pos_ = start;
    }
  }
  if (result == nullptr && !error_indicator_) result = Primary();
  MemoStore(MemoRule::kAwaitPrimary, start, result);
  return result;
}

// lambdef: 'lambda' [lambda_params] ':' expression
Expr* Parser::Lambdef() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLambda)) return nullptr;
  ast::Arguments* params = Params(/*lambda=*/true);
  if (error_indicator_) return nullptr;
  if (Consume(TokenKind::kColon)) {
    Expr* body = Expression();
    if (body != nullptr) {
      auto* node = NewNodeFrom<ast::Lambda>(start);
      node->args = params != nullptr ? params : EmptyArguments();
      node->body = body;
      return node;
    }
  }
  pos_ = start;
  return nullptr;
}

}  // namespace kensa::python::parser_internal
