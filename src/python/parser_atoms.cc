// Primaries and atoms of CPython 3.11's grammar: `primary` (attribute, call, subscript
// chains), `slices`, `atom` with its displays and comprehensions, and `strings`.
#include <span>

#include "python/literal.h"
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

using ast::ExprContext;

// primary (left-recursive, memo):
//     | primary '.' NAME | primary genexp | primary '(' [arguments] ')'
//     | primary '[' slices ']' | atom
Expr* Parser::Primary() {
  KENSA_ENTER_RULE();
  RuleGuard raw_rule_guard(this);  // CPython's primary_raw
  if (raw_rule_guard.failed()) return nullptr;
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kPrimary, start, &memo)) return static_cast<Expr*>(memo);
  Expr* a = Atom();
  while (a != nullptr) {
    int before = pos_;
    TokenKind kind = CurKind();
    if (kind == TokenKind::kDot) {
      if (KindAt(pos_ + 1) != TokenKind::kName) break;
      pos_ += 2;
      auto* node = NewNodeFrom<ast::Attribute>(start);
      node->value = a;
      node->attr = Identifier(tokens_[pos_ - 1]);
      node->ctx = ExprContext::kLoad;
      a = node;
      continue;
    }
    // `primary genexp` comes before the call and subscript alternatives; in the second pass
    // genexp's invalid_comprehension also looks at a '[' or '{'.
    // A keyword argument first cannot start a genexp (see PositionalArgument).
    if ((kind == TokenKind::kLPar && (call_invalid_rules_ || !IsKeywordArgumentStart(pos_ + 1))) ||
        (call_invalid_rules_ && (kind == TokenKind::kLSqb || kind == TokenKind::kLBrace))) {
      if (Expr* genexp = GenexpRule()) {
        auto* node = NewNodeFrom<ast::Call>(start);
        node->func = a;
        node->args = SingletonList<Expr>(genexp);
        a = node;
        continue;
      }
      if (error_indicator_) return nullptr;
      pos_ = before;
    }
    if (kind == TokenKind::kLPar) {
      ++pos_;
      ast::Call* args = Arguments();
      if (error_indicator_) return nullptr;
      if (!Consume(TokenKind::kRPar)) {
        pos_ = before;
        break;
      }
      auto* node = NewNodeFrom<ast::Call>(start);
      node->func = a;
      if (args != nullptr) {
        node->args = args->args;
        node->keywords = args->keywords;
      }
      a = node;
      continue;
    }
    if (kind == TokenKind::kLSqb) {
      ++pos_;
      Expr* slice = Slices();
      if (slice == nullptr || !Consume(TokenKind::kRSqb)) {
        if (error_indicator_) return nullptr;
        pos_ = before;
        break;
      }
      auto* node = NewNodeFrom<ast::Subscript>(start);
      node->value = a;
      node->slice = slice;
      node->ctx = ExprContext::kLoad;
      a = node;
      continue;
    }
    break;
  }
  MemoStore(MemoRule::kPrimary, start, a);
  return a;
}

// slices: slice !',' | ','.(slice | starred_expression)+ [',']
Expr* Parser::Slices() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = SliceRule();
  if (a != nullptr && !At(TokenKind::kComma)) return a;
  if (error_indicator_) return nullptr;
  pos_ = start;
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    Expr* e = SliceRule();
    if (e == nullptr && !error_indicator_) e = StarredExpression();
    if (error_indicator_) {
      PopTo(mark);
      return nullptr;
    }
    if (e == nullptr) {
      pos_ = before;
      break;
    }
    Push(e);
  }
  if (ScratchMark() == mark) {
    pos_ = start;
    return nullptr;
  }
  Consume(TokenKind::kComma);
  auto* tuple = NewNodeFrom<ast::Tuple>(start);
  tuple->elts = TakeList<Expr>(mark);
  tuple->ctx = ExprContext::kLoad;
  return tuple;
}

// slice: [expression] ':' [expression] [':' [expression]] | named_expression
Expr* Parser::SliceRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* lower = Expression();
  if (error_indicator_) return nullptr;
  if (Consume(TokenKind::kColon)) {
    Expr* upper = Expression();
    if (error_indicator_) return nullptr;
    Expr* step = nullptr;
    if (Consume(TokenKind::kColon)) {
      step = Expression();
      if (error_indicator_) return nullptr;
    }
    auto* node = NewNodeFrom<ast::Slice>(start);
    node->lower = lower;
    node->upper = upper;
    node->step = step;
    return node;
  }
  pos_ = start;
  return NamedExpression();
}

// atom:
//     | NAME | 'True' | 'False' | 'None' | &STRING strings | NUMBER
//     | &'(' (tuple | group | genexp) | &'[' (list | listcomp)
//     | &'{' (dict | set | dictcomp | setcomp) | '...'
Expr* Parser::Atom() {
  KENSA_ENTER_RULE();
  int start = pos_;
  switch (CurKind()) {
    case TokenKind::kName:
      ++pos_;
      return NewName(tokens_[start]);
    case TokenKind::kTrue:
      ++pos_;
      return NewConstant(ast::ConstantValue::Kind::kTrue, tokens_[start]);
    case TokenKind::kFalse:
      ++pos_;
      return NewConstant(ast::ConstantValue::Kind::kFalse, tokens_[start]);
    case TokenKind::kNone:
      ++pos_;
      return NewConstant(ast::ConstantValue::Kind::kNone, tokens_[start]);
    case TokenKind::kEllipsis:
      ++pos_;
      return NewConstant(ast::ConstantValue::Kind::kEllipsis, tokens_[start]);
    case TokenKind::kString:
    case TokenKind::kFStringStart:  // 3.12
      return Strings();
    case TokenKind::kNumber: {
      ++pos_;
      const Token& t = tokens_[start];
      auto* node = NewNode<ast::Constant>(t.begin, t.end);
      SyntaxError error;
      node->value = ParseNumberLiteral(TokenText(t), arena_, &error);
      if (!error.message.empty()) {
        // An int too long for str->int conversion: CPython reports the token's lines and no
        // column (RAISE_ERROR_KNOWN_LOCATION with col_offset -1).
        RawErrorLocation location;
        location.line = LineOf(t.begin);
        location.end_line = LineOf(t.end);
        location.col = location.end_col = 0;
        return RaiseAt(SyntaxError::Type::kSyntaxError, location, std::move(error.message));
      }
      return node;
    }
    case TokenKind::kLPar: {
      RuleGuard group_guard(this);  // CPython's (tuple | group | genexp) helper rule
      if (Expr* e = TupleRule()) return e;
      if (error_indicator_) return nullptr;
      if (Expr* e = GroupRule()) return e;
      if (error_indicator_) return nullptr;
      return GenexpRule();
    }
    case TokenKind::kLSqb: {
      RuleGuard group_guard(this);
      if (Expr* e = ListRule()) return e;
      if (error_indicator_) return nullptr;
      return ListCompRule();
    }
    case TokenKind::kLBrace: {
      RuleGuard group_guard(this);
      if (Expr* e = DictRule()) return e;
      if (error_indicator_) return nullptr;
      if (Expr* e = SetRule()) return e;
      if (error_indicator_) return nullptr;
      if (Expr* e = DictCompRule()) return e;
      if (error_indicator_) return nullptr;
      return SetCompRule();
    }
    default:
      return nullptr;
  }
}

// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
Expr* Parser::TupleRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLPar)) return nullptr;
  int inner = pos_;
  ast::NodeList<Expr> elts;
  if (Expr* y = StarNamedExpression()) {
    if (Consume(TokenKind::kComma)) {
      // One array for all the elements (not z's, then y prepended to a copy of it).
      size_t mark = ScratchMark();
      Push(y);
      if (!PushStarNamedExpressions() && error_indicator_) {
        PopTo(mark);
        return nullptr;
      }
      elts = TakeList<Expr>(mark);
    } else {
      pos_ = inner;
    }
  } else if (error_indicator_) {
    return nullptr;
  }
  if (!Consume(TokenKind::kRPar)) {
    pos_ = start;
    return nullptr;
  }
  auto* tuple = NewNodeFrom<ast::Tuple>(start);
  tuple->elts = elts;
  tuple->ctx = ExprContext::kLoad;
  return tuple;
}

// group: '(' (yield_expr | named_expression) ')' | invalid_group
Expr* Parser::GroupRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kLPar)) {
    Expr* a = YieldExpr();
    if (a == nullptr && !error_indicator_) a = NamedExpression();
    if (error_indicator_) return nullptr;
    if (a != nullptr && Consume(TokenKind::kRPar)) return a;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidGroup();
    pos_ = start;
  }
  return nullptr;
}

// genexp:
//     | '(' (assignment_expression | expression !':=') for_if_clauses ')'
//     | invalid_comprehension
Expr* Parser::GenexpRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kLPar)) {
    Expr* elt = AssignmentExpression();
    if (elt == nullptr && !error_indicator_) {
      int inner = pos_;
      elt = Expression();
      if (elt != nullptr && At(TokenKind::kColonEqual)) {
        elt = nullptr;
        pos_ = inner;
      }
    }
    if (error_indicator_) return nullptr;
    ast::NodeList<ast::Comprehension> generators;
    if (elt != nullptr && ForIfClauses(&generators) && Consume(TokenKind::kRPar)) {
      auto* node = NewNodeFrom<ast::GeneratorExp>(start);
      node->elt = elt;
      node->generators = generators;
      return node;
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidComprehension();
    pos_ = start;
  }
  return nullptr;
}

// list: '[' [star_named_expressions] ']'
Expr* Parser::ListRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLSqb)) return nullptr;
  ast::NodeList<Expr> elts;
  if (!StarNamedExpressions(&elts) && error_indicator_) return nullptr;
  if (!Consume(TokenKind::kRSqb)) {
    pos_ = start;
    return nullptr;
  }
  auto* list = NewNodeFrom<ast::List>(start);
  list->elts = elts;
  list->ctx = ExprContext::kLoad;
  return list;
}

// listcomp: '[' named_expression for_if_clauses ']' | invalid_comprehension
Expr* Parser::ListCompRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kLSqb)) {
    Expr* elt = NamedExpression();
    ast::NodeList<ast::Comprehension> generators;
    if (elt != nullptr && ForIfClauses(&generators) && Consume(TokenKind::kRSqb)) {
      auto* node = NewNodeFrom<ast::ListComp>(start);
      node->elt = elt;
      node->generators = generators;
      return node;
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidComprehension();
    pos_ = start;
  }
  return nullptr;
}

// set: '{' star_named_expressions '}'
Expr* Parser::SetRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLBrace)) return nullptr;
  ast::NodeList<Expr> elts;
  if (!StarNamedExpressions(&elts) || !Consume(TokenKind::kRBrace)) {
    pos_ = start;
    return nullptr;
  }
  auto* set = NewNodeFrom<ast::Set>(start);
  set->elts = elts;
  return set;
}

// dict: '{' [double_starred_kvpairs] '}' | '{' invalid_double_starred_kvpairs '}'
Expr* Parser::DictRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLBrace)) return nullptr;
  size_t mark = ScratchMark();
  if (!DoubleStarredKvpairs() && error_indicator_) return nullptr;
  if (Consume(TokenKind::kRBrace)) {
    auto* dict = NewNodeFrom<ast::Dict>(start);
    uint32_t n = static_cast<uint32_t>(ScratchMark() - mark);
    Expr** keys = NewListItems<Expr*>(n);
    Expr** values = NewListItems<Expr*>(n);
    for (uint32_t i = 0; i < n; ++i) {
      auto* pair = static_cast<KeyValuePair*>(scratch_[mark + i]);
      keys[i] = pair->key;
      values[i] = pair->value;
    }
    PopTo(mark);
    dict->keys = ast::NodeList<Expr>(keys);
    dict->values = ast::NodeList<Expr>(values);
    return dict;
  }
  PopTo(mark);
  // pegen guards an invalid_ rule with call_invalid_rules only when it is alone in its
  // alternative: this one runs in the first pass too.
  pos_ = start + 1;
  InvalidDoubleStarredKvpairs();
  pos_ = start;
  return nullptr;
}

// dictcomp: '{' kvpair for_if_clauses '}' | invalid_dict_comprehension
Expr* Parser::DictCompRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kLBrace)) {
    KeyValuePair* pair = Kvpair();
    ast::NodeList<ast::Comprehension> generators;
    if (pair != nullptr && ForIfClauses(&generators) && Consume(TokenKind::kRBrace)) {
      auto* node = NewNodeFrom<ast::DictComp>(start);
      node->key = pair->key;
      node->value = pair->value;
      node->generators = generators;
      return node;
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidDictComprehension();
    pos_ = start;
  }
  return nullptr;
}

// setcomp: '{' named_expression for_if_clauses '}' | invalid_comprehension
Expr* Parser::SetCompRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kLBrace)) {
    Expr* elt = NamedExpression();
    ast::NodeList<ast::Comprehension> generators;
    if (elt != nullptr && ForIfClauses(&generators) && Consume(TokenKind::kRBrace)) {
      auto* node = NewNodeFrom<ast::SetComp>(start);
      node->elt = elt;
      node->generators = generators;
      return node;
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidComprehension();
    pos_ = start;
  }
  return nullptr;
}

// double_starred_kvpairs: ','.double_starred_kvpair+ [',']   (pushes KeyValuePair*)
bool Parser::DoubleStarredKvpairs() {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    KeyValuePair* pair = DoubleStarredKvpair();
    if (pair == nullptr) {
      pos_ = before;
      break;
    }
    Push(pair);
  }
  if (ScratchMark() == mark) return false;
  Consume(TokenKind::kComma);
  return true;
}

// double_starred_kvpair: '**' bitwise_or | kvpair
KeyValuePair* Parser::DoubleStarredKvpair() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kDoubleStar)) {
    // '**' bitwise_or is parsed by dict and again by the invalid_double_starred_kvpairs that
    // follows it (in the first pass too): CPython's memo of bitwise_or keeps nested "{**{**"
    // linear, this memo does it here.
    void* memo;
    KeyValuePair* pair = nullptr;
    if (MemoLookup(MemoRule::kDoubleStarredKvpair, start, &memo)) {
      pair = static_cast<KeyValuePair*>(memo);
    } else {
      if (Expr* value = BitwiseOr()) {
        pair = Allocate<KeyValuePair>();
        pair->key = nullptr;
        pair->value = value;
      }
      if (error_indicator_) return nullptr;
      MemoStore(MemoRule::kDoubleStarredKvpair, start, pair);
    }
    if (pair != nullptr) return pair;
    pos_ = start;
  }
  return Kvpair();
}

// kvpair: expression ':' expression
KeyValuePair* Parser::Kvpair() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* key = Expression();
  if (key != nullptr && Consume(TokenKind::kColon)) {
    if (Expr* value = Expression()) {
      auto* pair = Allocate<KeyValuePair>();
      pair->key = key;
      pair->value = value;
      return pair;
    }
  }
  pos_ = start;
  return nullptr;
}

// for_if_clauses: for_if_clause+
bool Parser::ForIfClauses(ast::NodeList<ast::Comprehension>* out) {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  while (ast::Comprehension* clause = ForIfClause()) Push(clause);
  if (ScratchMark() == mark) return false;
  *out = TakeList<ast::Comprehension>(mark);
  return true;
}

// for_if_clause:
//     | ASYNC 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
//     | 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
//     | invalid_for_target
ast::Comprehension* Parser::ForIfClause() {
  KENSA_ENTER_RULE();
  int start = pos_;
  bool is_async = Consume(TokenKind::kAsync);
  if (Consume(TokenKind::kFor)) {
    Expr* target = StarTargets();
    if (target != nullptr && Consume(TokenKind::kIn)) {
      Expr* iter = Disjunction();
      if (iter == nullptr) {  // the cut: no other alternative
        pos_ = start;
        return nullptr;
      }
      size_t mark = ScratchMark();
      for (;;) {
        int before = pos_;
        if (!Consume(TokenKind::kIf)) break;
        Expr* cond = Disjunction();
        if (cond == nullptr) {
          pos_ = before;
          break;
        }
        Push(cond);
      }
      auto* clause = NewNodeFrom<ast::Comprehension>(start);
      clause->target = target;
      clause->iter = iter;
      clause->ifs = TakeList<Expr>(mark);
      clause->is_async = is_async ? 1 : 0;
      return clause;
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidForTarget();
    pos_ = start;
  }
  return nullptr;
}

// starred_expression: '*' expression
Expr* Parser::StarredExpression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kStar)) return nullptr;
  Expr* value = Expression();
  if (value == nullptr) {
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::Starred>(start);
  node->value = value;
  node->ctx = ExprContext::kLoad;
  return node;
}

// strings (memo): STRING+
Expr* Parser::Strings() {
  if (Is312()) return Strings312();
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kStrings, start, &memo)) return static_cast<Expr*>(memo);
  if (CurKind() != TokenKind::kString) return nullptr;
  while (At(TokenKind::kString)) ++pos_;
  Expr* result = ConcatenateStrings(start, pos_ - 1);
  if (result == nullptr) pos_ = start;
  MemoStore(MemoRule::kStrings, start, result);
  return result;
}

Expr* Parser::ConcatenateStrings(int first, int last) {
  std::span<const Token> tokens(tokens_.data() + first, static_cast<size_t>(last - first + 1));
  FStringExprParser parse_expr = [this, tokens](uint32_t begin, uint32_t end,
                                                SyntaxError* error) -> Expr* {
    uint32_t string_begin = tokens.front().begin;
    for (const Token& t : tokens) {
      if (t.begin <= begin && begin < t.end) string_begin = t.begin;
    }
    Parser sub(source_, arena_, version_, begin, end, string_begin);
    return sub.ParseFString(error);
  };
  SyntaxError error;
  Expr* result = ParseStringLiterals(source_, tokens, arena_, parse_expr, version_, &error);
  if (result == nullptr) {
    if (error.line == 0) {
      // CPython raises string errors with RAISE_SYNTAX_ERROR: at the last token pulled (the
      // one after the strings).
      RaiseAtLastToken(error.type, std::move(error.message));
    } else {
      if (!error_) error_ = std::move(error);
      error_indicator_ = true;
    }
  }
  return result;
}

}  // namespace kensa::python::parser_internal
