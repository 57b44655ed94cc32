// The first pass's shortcut through CPython's operator chain: bitwise_or, bitwise_xor,
// bitwise_and, shift_expr, sum and term (left-recursive, one rule per precedence level) and
// factor, power, await_primary, parsed by precedence climbing in a few calls instead of one
// call per level and operand.
//
// Why this is the same parse: without invalid rules and memo side effects (the first pass),
// the left-recursive rules grow their left operand one `op operand` at a time, trying only
// their own operators; a failing right operand leaves the operator unconsumed. Precedence
// climbing builds the same left-nested BinOps with the same start tokens, and an operator whose
// right operand fails is given up at every level above too (it would fail the same way), so
// both consume and inspect the same tokens. The second pass runs the rules one by one.
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

namespace {

// The precedence level of a binary operator token, as the rule that owns it: 0 bitwise_or,
// 1 bitwise_xor, 2 bitwise_and, 3 shift_expr, 4 sum, 5 term; -1 for other tokens.
int BinaryLevel(TokenKind kind, ast::Operator* op) {
  switch (kind) {
    case TokenKind::kVBar:
      *op = ast::Operator::kBitOr;
      return 0;
    case TokenKind::kCircumflex:
      *op = ast::Operator::kBitXor;
      return 1;
    case TokenKind::kAmper:
      *op = ast::Operator::kBitAnd;
      return 2;
    case TokenKind::kLeftShift:
      *op = ast::Operator::kLShift;
      return 3;
    case TokenKind::kRightShift:
      *op = ast::Operator::kRShift;
      return 3;
    case TokenKind::kPlus:
      *op = ast::Operator::kAdd;
      return 4;
    case TokenKind::kMinus:
      *op = ast::Operator::kSub;
      return 4;
    case TokenKind::kStar:
      *op = ast::Operator::kMult;
      return 5;
    case TokenKind::kSlash:
      *op = ast::Operator::kDiv;
      return 5;
    case TokenKind::kDoubleSlash:
      *op = ast::Operator::kFloorDiv;
      return 5;
    case TokenKind::kPercent:
      *op = ast::Operator::kMod;
      return 5;
    case TokenKind::kAt:
      *op = ast::Operator::kMatMult;
      return 5;
    default:
      return -1;
  }
}

constexpr int kTermLevel = 5;

}  // namespace

// The unary operator of a factor prefix token, as an ast::UnaryOperator value; -1 for others.
int UnaryOperatorOf(TokenKind kind) {
  switch (kind) {
    case TokenKind::kPlus:
      return static_cast<int>(ast::UnaryOperator::kUAdd);
    case TokenKind::kMinus:
      return static_cast<int>(ast::UnaryOperator::kUSub);
    case TokenKind::kTilde:
      return static_cast<int>(ast::UnaryOperator::kInvert);
    default:
      return -1;
  }
}

namespace {}  // namespace

// The rules from the one of `min_level` (0: bitwise_or ... 5: term) down to factor.
Expr* Parser::FastBinary(int min_level) {
  // CPython spends two levels (rule and raw rule) per left-recursive rule on the way down.
  LevelGuard levels(this, 2 * (kTermLevel + 1 - min_level));
  if (levels.failed()) return nullptr;
  int start = pos_;
  Expr* left = FastFactor();
  if (left == nullptr) return nullptr;
  for (;;) {
    ast::Operator op = ast::Operator::kAdd;
    int level = BinaryLevel(CurKind(), &op);
    if (level < min_level || pos_ == failed_operator_) break;
    int before = pos_++;
    Expr* right = FastBinary(level + 1);
    if (right == nullptr) {
      pos_ = before;
      failed_operator_ = before;  // no enclosing level can do better with it
      break;
    }
    auto* node = NewNodeFrom<ast::BinOp>(start);
    node->left = left;
    node->op = op;
    node->right = right;
    left = node;
  }
  return left;
}

// factor: '+' factor | '-' factor | '~' factor | power
// power: await_primary '**' factor | await_primary
// await_primary: AWAIT primary | primary
// The prefix operators are read in a loop (one level each, as CPython's recursion counts them)
// so that a long run of them costs no C++ stack.
Expr* Parser::FastFactor() {
  int start = pos_;
  int prefix = 0;
  while (UnaryOperatorOf(CurKind()) >= 0) {
    ++prefix;
    ++pos_;
  }
  LevelGuard levels(this, prefix + 2);  // the factors, then the last factor's power
  if (levels.failed()) return nullptr;
  int power_start = pos_;
  Expr* a;
  {
    LevelGuard await_level(this, 1);  // await_primary, done before power's '**' factor
    if (await_level.failed()) return nullptr;
    if (Consume(TokenKind::kAwait)) {
      a = Primary();
      if (a != nullptr) {
        auto* node = NewNodeFrom<ast::Await>(power_start);
        node->value = a;
        a = node;
      } else {
        pos_ = power_start;
        if (error_indicator_) return nullptr;
        a = Primary();  // fails on 'await', as in CPython
      }
    } else {
      a = Primary();
    }
  }
  if (a == nullptr) {
    // Every '-' factor alternative fails, and `power` fails on an operator token.
    pos_ = start;
    return nullptr;
  }
  int after = pos_;
  if (Consume(TokenKind::kDoubleStar)) {
    if (Expr* b = FastFactor()) {
      auto* node = NewNodeFrom<ast::BinOp>(power_start);
      node->left = a;
      node->op = ast::Operator::kPow;
      node->right = b;
      a = node;
    } else {
      pos_ = after;
    }
  }
  return WrapPrefixOperators(start, prefix, a);
}

// Builds the UnaryOps of the `count` prefix operators from token `first` around `operand`,
// innermost last: each spans from its operator to the end of the operand.
Expr* Parser::WrapPrefixOperators(int first, int count, Expr* operand) {
  uint32_t end = LastTokenEnd();
  for (int i = first + count - 1; i >= first; --i) {
    auto* node = NewNode<ast::UnaryOp>(tokens_[i].begin, end);
    node->op = static_cast<ast::UnaryOperator>(UnaryOperatorOf(tokens_[i].kind));
    node->operand = operand;
    operand = node;
  }
  return operand;
}

}  // namespace kensa::python::parser_internal

namespace kensa::python::parser_internal {

// disjunction, conjunction and inversion for the first pass, in one function: the usual
// single-operand case makes no calls between expression and comparison.
//     disjunction: conjunction ('or' conjunction)+ | conjunction
//     conjunction: inversion ('and' inversion)+ | inversion
//     inversion: 'not' inversion | comparison
Expr* Parser::FastDisjunction() {
  LevelGuard levels(this, 3);  // disjunction, conjunction, inversion
  if (levels.failed()) return nullptr;
  int start = pos_;
  Expr* first = FastConjunction();
  if (first == nullptr || !At(TokenKind::kOr)) return first;
  size_t mark = ScratchMark();
  Push(first);
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kOr)) break;
    Expr* next = FastConjunction();
    if (next == nullptr) {
      pos_ = before;
      break;
    }
    Push(next);
  }
  if (ScratchMark() - mark == 1) {
    PopTo(mark);
    return first;
  }
  auto* node = NewNodeFrom<ast::BoolOp>(start);
  node->op = ast::BoolOperator::kOr;
  node->values = TakeList<Expr>(mark);
  return node;
}

inline Expr* Parser::FastConjunction() {
  int start = pos_;
  Expr* first = FastInversion();
  if (first == nullptr || !At(TokenKind::kAnd)) return first;
  size_t mark = ScratchMark();
  Push(first);
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kAnd)) break;
    Expr* next = FastInversion();
    if (next == nullptr) {
      pos_ = before;
      break;
    }
    Push(next);
  }
  if (ScratchMark() - mark == 1) {
    PopTo(mark);
    return first;
  }
  auto* node = NewNodeFrom<ast::BoolOp>(start);
  node->op = ast::BoolOperator::kAnd;
  node->values = TakeList<Expr>(mark);
  return node;
}

inline Expr* Parser::FastInversion() {
  if (!At(TokenKind::kNot)) return Comparison();
  // 'not' 'not' ... comparison: one UnaryOp per 'not', each from its 'not' to the end; if the
  // comparison fails, every 'not' alternative fails and so does the comparison alternative.
  int start = pos_;
  int nots = 0;
  while (At(TokenKind::kNot)) {
    ++nots;
    ++pos_;
  }
  LevelGuard levels(this, nots);  // one inversion per 'not'
  if (levels.failed()) return nullptr;
  Expr* operand = Comparison();
  if (operand == nullptr) {
    pos_ = start;
    return nullptr;
  }
  uint32_t end = LastTokenEnd();
  for (int i = nots - 1; i >= 0; --i) {
    auto* node = NewNode<ast::UnaryOp>(tokens_[start + i].begin, end);
    node->op = ast::UnaryOperator::kNot;
    node->operand = operand;
    operand = node;
  }
  return operand;
}

}  // namespace kensa::python::parser_internal
