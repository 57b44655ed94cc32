// Assignment, for/with and del targets of CPython 3.11's grammar (`star_targets`,
// `single_target`, `t_primary`, `del_targets`, ...), the context setter
// (_PyPegen_set_expr_context), and the first pass's check that an expression parsed by
// star_expressions is exactly what the target rules would have produced.
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

using ast::ExprContext;

// t_lookahead: '(' | '[' | '.'
bool Parser::TLookahead() {
  TokenKind kind = CurKind();
  return kind == TokenKind::kLPar || kind == TokenKind::kLSqb || kind == TokenKind::kDot;
}

// star_targets: star_target !',' | star_target (',' star_target)* [',']
Expr* Parser::StarTargets() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = StarTarget();
  if (a == nullptr) return nullptr;
  if (!At(TokenKind::kComma)) return a;
  size_t mark = ScratchMark();
  Push(a);
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kComma)) break;
    Expr* b = StarTarget();
    if (b == nullptr) {
      pos_ = before;
      break;
    }
    Push(b);
  }
  Consume(TokenKind::kComma);
  if (error_indicator_) {
    PopTo(mark);
    return nullptr;
  }
  auto* tuple = NewNodeFrom<ast::Tuple>(start);
  tuple->elts = TakeList<Expr>(mark);
  tuple->ctx = ExprContext::kStore;
  return tuple;
}

// star_targets_list_seq: ','.star_target+ [',']
bool Parser::StarTargetsListSeq(ast::NodeList<Expr>* out) {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    Expr* e = StarTarget();
    if (e == nullptr) {
      pos_ = before;
      break;
    }
    Push(e);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  Consume(TokenKind::kComma);
  *out = TakeList<Expr>(mark);
  return true;
}

// star_targets_tuple_seq: star_target (',' star_target)+ [','] | star_target ','
bool Parser::StarTargetsTupleSeq(ast::NodeList<Expr>* out) {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = StarTarget();
  if (a == nullptr || !At(TokenKind::kComma)) {
    pos_ = start;
    return false;
  }
  size_t mark = ScratchMark();
  Push(a);
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kComma)) break;
    Expr* b = StarTarget();
    if (b == nullptr) {
      pos_ = before;
      break;
    }
    Push(b);
  }
  Consume(TokenKind::kComma);
  if (error_indicator_) {
    PopTo(mark);
    return false;
  }
  *out = TakeList<Expr>(mark);
  return true;
}

// star_target (memo): '*' (!'*' star_target) | target_with_star_atom
Expr* Parser::StarTarget() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kStarTarget, start, &memo)) return static_cast<Expr*>(memo);
  Expr* result = nullptr;
  if (Consume(TokenKind::kStar)) {
    if (!At(TokenKind::kStar)) {
      if (Expr* a = StarTarget()) {
        auto* node = NewNodeFrom<ast::Starred>(start);
        node->value = SetExprContext(a, ExprContext::kStore);
        node->ctx = ExprContext::kStore;
        result = node;
      }
    }
    if (result == nullptr) pos_ = start;
  }
  if (result == nullptr && !error_indicator_) result = TargetWithStarAtom();
  MemoStore(MemoRule::kStarTarget, start, result);
  return result;
}

// target_with_star_atom (memo):
//     | t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead | star_atom
Expr* Parser::TargetWithStarAtom() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kTargetWithStarAtom, start, &memo)) return static_cast<Expr*>(memo);
  Expr* result = SingleSubscriptAttributeTarget();
  if (result == nullptr && !error_indicator_) {
    pos_ = start;
    result = StarAtom();
  }
  MemoStore(MemoRule::kTargetWithStarAtom, start, result);
  return result;
}

// star_atom:
//     | NAME | '(' target_with_star_atom ')' | '(' [star_targets_tuple_seq] ')'
//     | '[' [star_targets_list_seq] ']'
Expr* Parser::StarAtom() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (At(TokenKind::kName)) {
    ++pos_;
    return NewName(tokens_[start], ExprContext::kStore);
  }
  if (Consume(TokenKind::kLPar)) {
    if (Expr* a = TargetWithStarAtom()) {
      if (Consume(TokenKind::kRPar)) return SetExprContext(a, ExprContext::kStore);
    }
    if (error_indicator_) return nullptr;
    pos_ = start + 1;
    ast::NodeList<Expr> elts;
    if (!StarTargetsTupleSeq(&elts) && error_indicator_) return nullptr;
    if (Consume(TokenKind::kRPar)) {
      auto* tuple = NewNodeFrom<ast::Tuple>(start);
      tuple->elts = elts;
      tuple->ctx = ExprContext::kStore;
      return tuple;
    }
    pos_ = start;
    return nullptr;
  }
  if (Consume(TokenKind::kLSqb)) {
    ast::NodeList<Expr> elts;
    if (!StarTargetsListSeq(&elts) && error_indicator_) return nullptr;
    if (Consume(TokenKind::kRSqb)) {
      auto* list = NewNodeFrom<ast::List>(start);
      list->elts = elts;
      list->ctx = ExprContext::kStore;
      return list;
    }
    pos_ = start;
  }
  return nullptr;
}

// single_target: single_subscript_attribute_target | NAME | '(' single_target ')'
Expr* Parser::SingleTarget() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Expr* a = SingleSubscriptAttributeTarget()) return a;
  if (error_indicator_) return nullptr;
  pos_ = start;
  if (At(TokenKind::kName)) {
    ++pos_;
    return NewName(tokens_[start], ExprContext::kStore);
  }
  if (Consume(TokenKind::kLPar)) {
    if (Expr* a = SingleTarget()) {
      if (Consume(TokenKind::kRPar)) return a;
    }
    pos_ = start;
  }
  return nullptr;
}

// single_subscript_attribute_target:
//     | t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead
// (also the first two alternatives of target_with_star_atom and, with Del, of del_target)
Expr* Parser::SingleSubscriptAttributeTarget() {
  return SubscriptAttributeTarget(ExprContext::kStore);
}

Expr* Parser::SubscriptAttributeTarget(ExprContext ctx) {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = TPrimary();
  if (a == nullptr) return nullptr;
  int after = pos_;
  if (At(TokenKind::kDot) && KindAt(pos_ + 1) == TokenKind::kName) {
    pos_ += 2;
    if (!TLookahead()) {
      auto* node = NewNodeFrom<ast::Attribute>(start);
      node->value = a;
      node->attr = Identifier(tokens_[pos_ - 1]);
      node->ctx = ctx;
      return node;
    }
    pos_ = after;
  }
  if (Consume(TokenKind::kLSqb)) {
    Expr* slice = Slices();
    if (slice != nullptr && Consume(TokenKind::kRSqb) && !TLookahead()) {
      auto* node = NewNodeFrom<ast::Subscript>(start);
      node->value = a;
      node->slice = slice;
      node->ctx = ctx;
      return node;
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  return nullptr;
}

// t_primary (left-recursive, memo):
//     | t_primary '.' NAME &t_lookahead | t_primary '[' slices ']' &t_lookahead
//     | t_primary genexp &t_lookahead | t_primary '(' [arguments] ')' &t_lookahead
//     | atom &t_lookahead
Expr* Parser::TPrimary() {
  KENSA_ENTER_RULE();
  RuleGuard raw_rule_guard(this);  // CPython's t_primary_raw
  if (raw_rule_guard.failed()) return nullptr;
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kTPrimary, start, &memo)) return static_cast<Expr*>(memo);
  Expr* a = Atom();
  if (a != nullptr && !TLookahead()) a = nullptr;
  while (a != nullptr) {
    int before = pos_;
    TokenKind kind = CurKind();
    Expr* next = nullptr;
    if (kind == TokenKind::kDot) {
      if (KindAt(pos_ + 1) == TokenKind::kName) {
        pos_ += 2;
        if (TLookahead()) {
          auto* node = NewNodeFrom<ast::Attribute>(start);
          node->value = a;
          node->attr = Identifier(tokens_[pos_ - 1]);
          node->ctx = ExprContext::kLoad;
          next = node;
        }
      }
    } else if (kind == TokenKind::kLSqb) {
      ++pos_;
      Expr* slice = Slices();
      if (slice != nullptr && Consume(TokenKind::kRSqb) && TLookahead()) {
        auto* node = NewNodeFrom<ast::Subscript>(start);
        node->value = a;
        node->slice = slice;
        node->ctx = ExprContext::kLoad;
        next = node;
      } else if (call_invalid_rules_ && !error_indicator_) {
        // Then `t_primary genexp`, whose invalid_comprehension starts with '[' too.
        pos_ = before;
        GenexpRule();
      }
    } else if (kind == TokenKind::kLPar) {
      if (Expr* genexp = GenexpRule()) {
        if (TLookahead()) {
          auto* node = NewNodeFrom<ast::Call>(start);
          node->func = a;
          node->args = SingletonList<Expr>(genexp);
          next = node;
        }
      }
      if (next == nullptr && !error_indicator_) {
        pos_ = before + 1;
        ast::Call* args = Arguments();
        if (!error_indicator_ && Consume(TokenKind::kRPar) && TLookahead()) {
          auto* node = NewNodeFrom<ast::Call>(start);
          node->func = a;
          if (args != nullptr) {
            node->args = args->args;
            node->keywords = args->keywords;
          }
          next = node;
        }
      }
    }
    if (error_indicator_) return nullptr;
    if (next == nullptr) {
      pos_ = before;
      break;
    }
    a = next;
  }
  if (a == nullptr) pos_ = start;
  MemoStore(MemoRule::kTPrimary, start, a);
  return a;
}

// del_targets: ','.del_target+ [',']
bool Parser::DelTargets(ast::NodeList<Expr>* out) {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    Expr* e = DelTarget();
    if (e == nullptr) {
      pos_ = before;
      break;
    }
    Push(e);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  Consume(TokenKind::kComma);
  *out = TakeList<Expr>(mark);
  return true;
}

// del_target (memo):
//     | t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead | del_t_atom
Expr* Parser::DelTarget() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kDelTarget, start, &memo)) return static_cast<Expr*>(memo);
  Expr* result = SubscriptAttributeTarget(ExprContext::kDel);
  if (result == nullptr && !error_indicator_) {
    pos_ = start;
    result = DelTAtom();
  }
  MemoStore(MemoRule::kDelTarget, start, result);
  return result;
}

// del_t_atom:
//     | NAME | '(' del_target ')' | '(' [del_targets] ')' | '[' [del_targets] ']'
Expr* Parser::DelTAtom() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (At(TokenKind::kName)) {
    ++pos_;
    return NewName(tokens_[start], ExprContext::kDel);
  }
  if (Consume(TokenKind::kLPar)) {
    if (Expr* a = DelTarget()) {
      if (Consume(TokenKind::kRPar)) return SetExprContext(a, ExprContext::kDel);
    }
    if (error_indicator_) return nullptr;
    pos_ = start + 1;
    ast::NodeList<Expr> elts;
    if (!DelTargets(&elts) && error_indicator_) return nullptr;
    if (Consume(TokenKind::kRPar)) {
      auto* tuple = NewNodeFrom<ast::Tuple>(start);
      tuple->elts = elts;
      tuple->ctx = ExprContext::kDel;
      return tuple;
    }
    pos_ = start;
    return nullptr;
  }
  if (Consume(TokenKind::kLSqb)) {
    ast::NodeList<Expr> elts;
    if (!DelTargets(&elts) && error_indicator_) return nullptr;
    if (Consume(TokenKind::kRSqb)) {
      auto* list = NewNodeFrom<ast::List>(start);
      list->elts = elts;
      list->ctx = ExprContext::kDel;
      return list;
    }
    pos_ = start;
  }
  return nullptr;
}

// _PyPegen_set_expr_context: a copy of `e` (same positions) with context `ctx`, recursively
// through tuples, lists and starred expressions. Other expressions are returned as they are.
Expr* Parser::SetExprContext(Expr* e, ExprContext ctx) {
  switch (e->node_kind) {
    case ast::NodeKind::kName: {
      auto* old = static_cast<ast::Name*>(e);
      auto* node = NewNode<ast::Name>(old->begin, old->end);
      node->id = old->id;
      node->ctx = ctx;
      return node;
    }
    case ast::NodeKind::kTuple:
    case ast::NodeKind::kList: {
      const ast::NodeList<Expr>& elts = e->node_kind == ast::NodeKind::kTuple
                                            ? static_cast<ast::Tuple*>(e)->elts
                                            : static_cast<ast::List*>(e)->elts;
      Expr** items = NewListItems<Expr*>(elts.size());
      for (uint32_t i = 0; i < elts.size(); ++i) items[i] = SetExprContext(elts[i], ctx);
      if (e->node_kind == ast::NodeKind::kTuple) {
        auto* node = NewNode<ast::Tuple>(e->begin, e->end);
        node->elts = ast::NodeList<Expr>(items);
        node->ctx = ctx;
        return node;
      }
      auto* node = NewNode<ast::List>(e->begin, e->end);
      node->elts = ast::NodeList<Expr>(items);
      node->ctx = ctx;
      return node;
    }
    case ast::NodeKind::kSubscript: {
      auto* old = static_cast<ast::Subscript*>(e);
      auto* node = NewNode<ast::Subscript>(old->begin, old->end);
      node->value = old->value;
      node->slice = old->slice;
      node->ctx = ctx;
      return node;
    }
    case ast::NodeKind::kAttribute: {
      auto* old = static_cast<ast::Attribute*>(e);
      auto* node = NewNode<ast::Attribute>(old->begin, old->end);
      node->value = old->value;
      node->attr = old->attr;
      node->ctx = ctx;
      return node;
    }
    case ast::NodeKind::kStarred: {
      auto* old = static_cast<ast::Starred*>(e);
      auto* node = NewNode<ast::Starred>(old->begin, old->end);
      node->value = SetExprContext(old->value, ctx);
      node->ctx = ctx;
      return node;
    }
    default:
      return e;
  }
}

Expr* Parser::SetExprContextInPlace(Expr* e, ExprContext ctx) {
  switch (e->node_kind) {
    case ast::NodeKind::kName:
      static_cast<ast::Name*>(e)->ctx = ctx;
      break;
    case ast::NodeKind::kAttribute:
      static_cast<ast::Attribute*>(e)->ctx = ctx;
      break;
    case ast::NodeKind::kSubscript:
      static_cast<ast::Subscript*>(e)->ctx = ctx;
      break;
    case ast::NodeKind::kStarred: {
      auto* starred = static_cast<ast::Starred*>(e);
      starred->ctx = ctx;
      SetExprContextInPlace(starred->value, ctx);
      break;
    }
    case ast::NodeKind::kTuple: {
      auto* tuple = static_cast<ast::Tuple*>(e);
      tuple->ctx = ctx;
      for (Expr* elt : tuple->elts) SetExprContextInPlace(elt, ctx);
      break;
    }
    case ast::NodeKind::kList: {
      auto* list = static_cast<ast::List*>(e);
      list->ctx = ctx;
      for (Expr* elt : list->elts) SetExprContextInPlace(elt, ctx);
      break;
    }
    default:
      break;
  }
  return e;
}

// Whether star_targets, run on the tokens star_expressions turned into `e`, would have
// produced `e` (with Store contexts) and stopped at the same token. Names, attributes and
// subscripts parse the same way as targets (t_primary is the primary chain); starred targets
// may not directly contain another starred one; tuples and lists need every element valid.
bool Parser::IsStarTargetsExpr(const Expr* e) {
  switch (e->node_kind) {
    case ast::NodeKind::kName:
    case ast::NodeKind::kAttribute:
    case ast::NodeKind::kSubscript:
      return true;
    case ast::NodeKind::kStarred: {
      const Expr* value = static_cast<const ast::Starred*>(e)->value;
      return value->node_kind != ast::NodeKind::kStarred && IsStarTargetsExpr(value);
    }
    case ast::NodeKind::kTuple:
      for (const Expr* elt : static_cast<const ast::Tuple*>(e)->elts) {
        if (!IsStarTargetsExpr(elt)) return false;
      }
      return true;
    case ast::NodeKind::kList:
      for (const Expr* elt : static_cast<const ast::List*>(e)->elts) {
        if (!IsStarTargetsExpr(elt)) return false;
      }
      return true;
    default:
      return false;
  }
}

// Whether single_target (or, with `annotation`, the annotated assignment's
// ('(' single_target ')' | single_subscript_attribute_target)) would have parsed `e` from the
// tokens starting at `start`.
bool Parser::IsSingleTargetExpr(const Expr* e, int start, bool annotation) {
  switch (e->node_kind) {
    case ast::NodeKind::kAttribute:
    case ast::NodeKind::kSubscript:
      return true;
    case ast::NodeKind::kName:
      return !annotation || tokens_[start].kind == TokenKind::kLPar;
    default:
      return false;
  }
}

}  // namespace kensa::python::parser_internal
