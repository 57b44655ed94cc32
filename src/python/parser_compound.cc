// Compound statements of CPython 3.11's grammar: `compound_stmt`, `block`, decorators,
// function and class definitions, if/while/for/with/try. (match is in parser_pattern.cc.)
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

using ast::ExprContext;

// compound_stmt:
//     | &('def' | '@' | ASYNC) function_def | &'if' if_stmt | &('class' | '@') class_def
//     | &('with' | ASYNC) with_stmt | &('for' | ASYNC) for_stmt | &'try' try_stmt
//     | &'while' while_stmt | match_stmt
Stmt* Parser::CompoundStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  switch (CurKind()) {
    case TokenKind::kDef:
      return FunctionDef();
    case TokenKind::kIf:
      return IfStmt(/*elif=*/false);
    case TokenKind::kClass:
      return ClassDef();
    case TokenKind::kWith:
      return WithStmt();
    case TokenKind::kFor:
      return ForStmt();
    case TokenKind::kTry:
      return TryStmt();
    case TokenKind::kWhile:
      return WhileStmt();
    case TokenKind::kAt: {
      if (Stmt* s = FunctionDef()) return s;
      if (error_indicator_) return nullptr;
      pos_ = start;
      return ClassDef();
    }
    case TokenKind::kAsync: {
      if (Stmt* s = FunctionDef()) return s;
      if (error_indicator_) return nullptr;
      pos_ = start;
      if (Stmt* s = WithStmt()) return s;
      if (error_indicator_) return nullptr;
      pos_ = start;
      return ForStmt();
    }
    case TokenKind::kName:
      return AtSoftKeyword("match") ? MatchStmt() : nullptr;
    default:
      return nullptr;
  }
}

// block (memo): NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block
bool Parser::Block(ast::NodeList<Stmt>* out) {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kBlock, start, &memo)) {
    if (memo == nullptr) return false;
    *out = *static_cast<ast::NodeList<Stmt>*>(memo);
    return true;
  }
  bool ok = BlockRaw(out);
  ast::NodeList<Stmt>* saved = nullptr;
  if (ok) {
    saved = Allocate<ast::NodeList<Stmt>>();
    *saved = *out;
  }
  MemoStore(MemoRule::kBlock, start, saved);
  return ok;
}

bool Parser::BlockRaw(ast::NodeList<Stmt>* out) {
  int start = pos_;
  if (Consume(TokenKind::kNewline) && Consume(TokenKind::kIndent)) {
    if (Statements(out) && Consume(TokenKind::kDedent)) return true;
  }
  if (error_indicator_) return false;
  pos_ = start;
  size_t mark = ScratchMark();
  if (SimpleStmts()) {
    *out = TakeList<Stmt>(mark);
    return true;
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidBlock();
    pos_ = start;
  }
  return false;
}

// decorators: ('@' named_expression NEWLINE)+
bool Parser::Decorators(ast::NodeList<Expr>* out) {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kAt)) break;
    Expr* e = NamedExpression();
    if (e == nullptr || !Consume(TokenKind::kNewline)) {
      pos_ = before;
      break;
    }
    Push(e);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  *out = TakeList<Expr>(mark);
  return true;
}

// class_def: decorators class_def_raw | class_def_raw
Stmt* Parser::ClassDef() {
  KENSA_ENTER_RULE();
  int start = pos_;
  ast::NodeList<Expr> decorators;
  if (Decorators(&decorators)) {
    if (Stmt* s = ClassDefRaw()) {
      static_cast<ast::ClassDef*>(s)->decorator_list = decorators;
      return s;
    }
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  return ClassDefRaw();
}

// class_def_raw:
//     | invalid_class_def_raw
//     | 'class' NAME [type_params] ['(' [arguments] ')'] ':' block   ([type_params]: 3.12)
Stmt* Parser::ClassDefRaw() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidClassDefRaw();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (!Consume(TokenKind::kClass) || !At(TokenKind::kName)) {
    pos_ = start;
    return nullptr;
  }
  int name = pos_++;
  ast::NodeList<ast::TypeParam> type_params;
  if (Is312() && !TypeParams(&type_params) && error_indicator_) return nullptr;
  // The lists are copied out at once: the first pass reuses the object Arguments returns.
  ast::NodeList<Expr> bases;
  ast::NodeList<ast::Keyword> keywords;
  int before = pos_;
  if (Consume(TokenKind::kLPar)) {
    ast::Call* arguments = Arguments();
    if (error_indicator_) return nullptr;
    if (Consume(TokenKind::kRPar)) {
      if (arguments != nullptr) {
        bases = arguments->args;
        keywords = arguments->keywords;
      }
    } else {
      pos_ = before;
    }
  }
  ast::NodeList<Stmt> body;
  if (Consume(TokenKind::kColon) && Block(&body)) {
    auto* node = NewNodeFrom<ast::ClassDef>(start);
    node->name = Identifier(tokens_[name]);
    node->bases = bases;
    node->keywords = keywords;
    node->body = body;
    node->type_params = type_params;
    return node;
  }
  pos_ = start;
  return nullptr;
}

// function_def: decorators function_def_raw | function_def_raw
Stmt* Parser::FunctionDef() {
  KENSA_ENTER_RULE();
  int start = pos_;
  ast::NodeList<Expr> decorators;
  if (Decorators(&decorators)) {
    if (Stmt* s = FunctionDefRaw()) {
      if (s->node_kind == ast::NodeKind::kFunctionDef) {
        static_cast<ast::FunctionDef*>(s)->decorator_list = decorators;
      } else {
        static_cast<ast::AsyncFunctionDef*>(s)->decorator_list = decorators;
      }
      return s;
    }
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  return FunctionDefRaw();
}

// function_def_raw:
//     | invalid_def_raw
//     | 'def' NAME [type_params] &&'(' [params] ')' ['->' expression] &&':'
//       [func_type_comment] block
//     | ASYNC 'def' ... the same
// ([type_params] since 3.12)
Stmt* Parser::FunctionDefRaw() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidDefRaw();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  bool is_async = Consume(TokenKind::kAsync);
  if (!Consume(TokenKind::kDef) || !At(TokenKind::kName)) {
    pos_ = start;
    return nullptr;
  }
  int name = pos_++;
  ast::NodeList<ast::TypeParam> type_params;
  if (Is312() && !TypeParams(&type_params) && error_indicator_) return nullptr;
  if (!ExpectForced(TokenKind::kLPar, "(")) return nullptr;
  ast::Arguments* params = Params(/*lambda=*/false);
  if (error_indicator_) return nullptr;
  if (!Consume(TokenKind::kRPar)) {
    pos_ = start;
    return nullptr;
  }
  Expr* returns = nullptr;
  int before = pos_;
  if (Consume(TokenKind::kRArrow)) {
    returns = Expression();
    if (returns == nullptr) {
      if (error_indicator_) return nullptr;
      pos_ = before;
    }
  }
  if (!ExpectForced(TokenKind::kColon, ":")) return nullptr;
  ast::NodeList<Stmt> body;
  if (!Block(&body)) {
    pos_ = start;
    return nullptr;
  }
  if (params == nullptr) params = EmptyArguments();
  if (is_async) {
    auto* node = NewNodeFrom<ast::AsyncFunctionDef>(start);
    node->name = Identifier(tokens_[name]);
    node->args = params;
    node->body = body;
    node->returns = returns;
    node->type_params = type_params;
    return node;
  }
  auto* node = NewNodeFrom<ast::FunctionDef>(start);
  node->name = Identifier(tokens_[name]);
  node->args = params;
  node->body = body;
  node->returns = returns;
  node->type_params = type_params;
  return node;
}

// if_stmt:
//     | invalid_if_stmt
//     | 'if' named_expression ':' block elif_stmt
//     | 'if' named_expression ':' block [else_block]
// elif_stmt: the same with 'elif' (and invalid_elif_stmt)
Stmt* Parser::IfStmt(bool elif) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidIfStmt(elif);
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (!Consume(elif ? TokenKind::kElif : TokenKind::kIf)) return nullptr;
  Expr* test = NamedExpression();
  ast::NodeList<Stmt> body;
  if (test == nullptr || !Consume(TokenKind::kColon) || !Block(&body)) {
    pos_ = start;
    return nullptr;
  }
  ast::NodeList<Stmt> orelse;
  int after = pos_;
  if (At(TokenKind::kElif)) {
    if (Stmt* next = IfStmt(/*elif=*/true)) {
      orelse = SingletonList<Stmt>(next);
    } else {
      if (error_indicator_) return nullptr;
      pos_ = after;
    }
  }
  if (orelse.empty()) {
    if (!ElseBlock(&orelse)) {
      if (error_indicator_) return nullptr;
      pos_ = after;
    }
  }
  auto* node = NewNodeFrom<ast::If>(start);
  node->test = test;
  node->body = body;
  node->orelse = orelse;
  return node;
}

// else_block: invalid_else_stmt | 'else' &&':' block
bool Parser::ElseBlock(ast::NodeList<Stmt>* out) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidElseStmt();
    if (error_indicator_) return false;
    pos_ = start;
  }
  if (!Consume(TokenKind::kElse)) return false;
  if (!ExpectForced(TokenKind::kColon, ":")) return false;
  if (Block(out)) return true;
  pos_ = start;
  return false;
}

// while_stmt: invalid_while_stmt | 'while' named_expression ':' block [else_block]
Stmt* Parser::WhileStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidWhileStmt();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (!Consume(TokenKind::kWhile)) return nullptr;
  Expr* test = NamedExpression();
  ast::NodeList<Stmt> body;
  if (test == nullptr || !Consume(TokenKind::kColon) || !Block(&body)) {
    pos_ = start;
    return nullptr;
  }
  ast::NodeList<Stmt> orelse;
  int after = pos_;
  if (!ElseBlock(&orelse)) {
    if (error_indicator_) return nullptr;
    pos_ = after;
  }
  auto* node = NewNodeFrom<ast::While>(start);
  node->test = test;
  node->body = body;
  node->orelse = orelse;
  return node;
}

// for_stmt:
//     | invalid_for_stmt
//     | 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
//     | ASYNC 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
//     | invalid_for_target
Stmt* Parser::ForStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidForStmt();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  bool is_async = Consume(TokenKind::kAsync);
  if (Consume(TokenKind::kFor)) {
    Expr* target = StarTargets();
    if (target != nullptr && Consume(TokenKind::kIn)) {
      // The cut: from here on, failing fails the whole rule.
      Expr* iter = StarExpressions();
      ast::NodeList<Stmt> body;
      if (iter == nullptr || !Consume(TokenKind::kColon) || !Block(&body)) {
        pos_ = start;
        return nullptr;
      }
      ast::NodeList<Stmt> orelse;
      int after = pos_;
      if (!ElseBlock(&orelse)) {
        if (error_indicator_) return nullptr;
        pos_ = after;
      }
      if (is_async) {
        auto* node = NewNodeFrom<ast::AsyncFor>(start);
        node->target = target;
        node->iter = iter;
        node->body = body;
        node->orelse = orelse;
        return node;
      }
      auto* node = NewNodeFrom<ast::For>(start);
      node->target = target;
      node->iter = iter;
      node->body = body;
      node->orelse = orelse;
      return node;
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

// with_stmt:
//     | invalid_with_stmt_indent
//     | 'with' '(' ','.with_item+ ','? ')' ':' block
//     | 'with' ','.with_item+ ':' [TYPE_COMMENT] block
//     | ASYNC 'with' '(' ','.with_item+ ','? ')' ':' block
//     | ASYNC 'with' ','.with_item+ ':' [TYPE_COMMENT] block
//     | invalid_with_stmt
Stmt* Parser::WithStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidWithStmtIndent();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  bool is_async = Consume(TokenKind::kAsync);
  if (Consume(TokenKind::kWith)) {
    int after_with = pos_;
    for (int parenthesized = 1; parenthesized >= 0; --parenthesized) {
      pos_ = after_with;
      if (parenthesized && !Consume(TokenKind::kLPar)) continue;
      size_t mark = ScratchMark();
      for (;;) {
        int before = pos_;
        if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
        ast::WithItem* item = WithItem();
        if (item == nullptr) {
          pos_ = before;
          break;
        }
        Push(item);
      }
      if (error_indicator_) {
        PopTo(mark);
        return nullptr;
      }
      bool items_ok = ScratchMark() != mark;
      if (items_ok && parenthesized) {
        Consume(TokenKind::kComma);
        items_ok = Consume(TokenKind::kRPar);
      }
      ast::NodeList<Stmt> body;
      if (items_ok && Consume(TokenKind::kColon) && Block(&body)) {
        ast::NodeList<ast::WithItem> items = TakeList<ast::WithItem>(mark);
        if (is_async) {
          auto* node = NewNodeFrom<ast::AsyncWith>(start);
          node->items = items;
          node->body = body;
          return node;
        }
        auto* node = NewNodeFrom<ast::With>(start);
        node->items = items;
        node->body = body;
        return node;
      }
      PopTo(mark);
      if (error_indicator_) return nullptr;
    }
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidWithStmt();
    pos_ = start;
  }
  return nullptr;
}

// with_item:
//     | expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression
ast::WithItem* Parser::WithItem() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* e = Expression();
  if (e == nullptr) return nullptr;
  int after = pos_;
  if (Consume(TokenKind::kAs)) {
    if (Expr* target = StarTarget()) {
      TokenKind next = CurKind();
      if (next == TokenKind::kComma || next == TokenKind::kRPar || next == TokenKind::kColon) {
        auto* item = NewNodeFrom<ast::WithItem>(start);
        item->context_expr = e;
        item->optional_vars = target;
        return item;
      }
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidWithItem();
    if (error_indicator_) return nullptr;
    pos_ = start;
    e = Expression();
    if (e == nullptr) return nullptr;
    after = pos_;
  }
  pos_ = after;
  auto* item = NewNodeFrom<ast::WithItem>(start);
  item->context_expr = e;
  return item;
}

// try_stmt:
//     | invalid_try_stmt
//     | 'try' &&':' block finally_block
//     | 'try' &&':' block except_block+ [else_block] [finally_block]
//     | 'try' &&':' block except_star_block+ [else_block] [finally_block]
Stmt* Parser::TryStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidTryStmt();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (!Consume(TokenKind::kTry)) return nullptr;
  if (!ExpectForced(TokenKind::kColon, ":")) return nullptr;
  ast::NodeList<Stmt> body;
  if (!Block(&body)) {
    pos_ = start;
    return nullptr;
  }
  int after_body = pos_;
  ast::NodeList<Stmt> finalbody;
  if (FinallyBlock(&finalbody)) {
    auto* node = NewNodeFrom<ast::Try>(start);
    node->body = body;
    node->finalbody = finalbody;
    return node;
  }
  if (error_indicator_) return nullptr;
  for (int star = 0; star <= 1; ++star) {
    pos_ = after_body;
    size_t mark = ScratchMark();
    while (ast::ExceptHandler* handler = ExceptBlock(star == 1)) Push(handler);
    if (error_indicator_) {
      PopTo(mark);
      return nullptr;
    }
    if (ScratchMark() == mark) continue;
    ast::NodeList<Stmt> orelse;
    int before = pos_;
    if (!ElseBlock(&orelse)) {
      if (error_indicator_) return nullptr;
      pos_ = before;
    }
    before = pos_;
    ast::NodeList<Stmt> final_body;
    if (!FinallyBlock(&final_body)) {
      if (error_indicator_) return nullptr;
      pos_ = before;
    }
    ast::NodeList<ast::ExceptHandlerBase> handlers = TakeList<ast::ExceptHandlerBase>(mark);
    if (star == 1) {
      auto* node = NewNodeFrom<ast::TryStar>(start);
      node->body = body;
      node->handlers = handlers;
      node->orelse = orelse;
      node->finalbody = final_body;
      return node;
    }
    auto* node = NewNodeFrom<ast::Try>(start);
    node->body = body;
    node->handlers = handlers;
    node->orelse = orelse;
    node->finalbody = final_body;
    return node;
  }
  pos_ = start;
  return nullptr;
}

// except_block:
//     | invalid_except_stmt_indent
//     | 'except' expression ['as' NAME] ':' block
//     | 'except' ':' block
//     | invalid_except_stmt
// except_star_block:
//     | invalid_except_star_stmt_indent
//     | 'except' '*' expression ['as' NAME] ':' block
//     | invalid_except_stmt
ast::ExceptHandler* Parser::ExceptBlock(bool star) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidExceptStmtIndent(star);
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (Consume(TokenKind::kExcept) && (!star || Consume(TokenKind::kStar))) {
    int after = pos_;
    if (Expr* type = Expression()) {
      ast::Identifier name;
      if (At(TokenKind::kAs) && KindAt(pos_ + 1) == TokenKind::kName) {
        name = Identifier(tokens_[pos_ + 1]);
        pos_ += 2;
      }
      ast::NodeList<Stmt> body;
      if (Consume(TokenKind::kColon) && Block(&body)) {
        auto* handler = NewNodeFrom<ast::ExceptHandler>(start);
        handler->type = type;
        handler->name = name;
        handler->body = body;
        return handler;
      }
    }
    if (error_indicator_) return nullptr;
    pos_ = after;
    ast::NodeList<Stmt> body;
    if (!star && Consume(TokenKind::kColon) && Block(&body)) {
      auto* handler = NewNodeFrom<ast::ExceptHandler>(start);
      handler->body = body;
      return handler;
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidExceptStmt();
    pos_ = start;
  }
  return nullptr;
}

// finally_block: invalid_finally_stmt | 'finally' &&':' block
bool Parser::FinallyBlock(ast::NodeList<Stmt>* out) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidFinallyStmt();
    if (error_indicator_) return false;
    pos_ = start;
  }
  if (!Consume(TokenKind::kFinally)) return false;
  if (!ExpectForced(TokenKind::kColon, ":")) return false;
  if (Block(out)) return true;
  pos_ = start;
  return false;
}

}  // namespace kensa::python::parser_internal
