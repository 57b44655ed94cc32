// The invalid_* rules of CPython 3.11's grammar for statements, blocks, parameters and
// patterns (second pass only; see parser_invalid.cc).
#include <string>

#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

namespace {

std::string IndentMessage(const char* what, uint32_t line) {
  return std::string("expected an indented block after ") + what + " on line " +
         std::to_string(line);
}

}  // namespace

// Consumes NEWLINE and checks !INDENT: the shape of every "expected an indented block" rule.
bool Parser::NewlineNoIndent() {
  return Consume(TokenKind::kNewline) && !At(TokenKind::kIndent);
}

// invalid_assignment:
//     | invalid_ann_assign_target ':' expression
//     | star_named_expression ',' star_named_expressions* ':' expression
//     | expression ':' expression
//     | (star_targets '=')* star_expressions '='
//     | (star_targets '=')* yield_expr '='
//     | star_expressions augassign (yield_expr | star_expressions)
bool Parser::InvalidAssignment() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Expr* a = InvalidAnnAssignTarget()) {
    if (Consume(TokenKind::kColon) && Expression() != nullptr) {
      RaiseKnownLocation(
          a, std::string("only single target (not ") + ExprName(a) + ") can be annotated");
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (Expr* a = StarNamedExpression()) {
    if (Consume(TokenKind::kComma)) {
      for (;;) {  // star_named_expressions*
        int before = pos_;
        ast::NodeList<Expr> more;
        if (!StarNamedExpressions(&more)) {
          pos_ = before;
          break;
        }
      }
      if (!error_indicator_ && Consume(TokenKind::kColon) && Expression() != nullptr) {
        RaiseKnownLocation(a, "only single target (not tuple) can be annotated");
        return false;
      }
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (Expr* a = Expression()) {
    if (Consume(TokenKind::kColon) && Expression() != nullptr) {
      RaiseKnownLocation(a, "illegal target for annotation");
      return false;
    }
  }
  if (error_indicator_) return false;
  auto skip_targets = [this]() {  // (star_targets '=')*
    for (;;) {
      int before = pos_;
      if (StarTargets() == nullptr || !Consume(TokenKind::kEqual)) {
        pos_ = before;
        return;
      }
    }
  };
  pos_ = start;
  skip_targets();
  if (Expr* a = StarExpressions()) {
    if (At(TokenKind::kEqual)) {
      // The action returns NULL when there is no invalid target: the rule ends.
      RaiseInvalidTarget(kStarTargets, a);
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  skip_targets();
  if (Expr* a = YieldExpr()) {
    if (At(TokenKind::kEqual)) {
      RaiseKnownLocation(a, "assignment to yield expression not possible");
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (Expr* a = StarExpressions()) {
    ast::Operator op;
    if (AugAssign(&op) && AnnotatedRhs() != nullptr) {
      RaiseKnownLocation(a, std::string("'") + ExprName(a) +
                                "' is an illegal expression for augmented assignment");
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'
Expr* Parser::InvalidAnnAssignTarget() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Expr* e = ListRule()) return e;
  if (error_indicator_) return nullptr;
  if (Expr* e = TupleRule()) return e;
  if (error_indicator_) return nullptr;
  if (Consume(TokenKind::kLPar)) {
    if (Expr* a = InvalidAnnAssignTarget()) {
      if (Consume(TokenKind::kRPar)) return a;
    }
  }
  pos_ = start;
  return nullptr;
}

// invalid_del_stmt: 'del' star_expressions
bool Parser::InvalidDelStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kDel)) {
    if (Expr* a = StarExpressions()) {
      RaiseInvalidTarget(kDelTargets, a);
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_block: NEWLINE !INDENT
bool Parser::InvalidBlock() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (NewlineNoIndent()) {
    RaiseIndentationError("expected an indented block");
    return false;
  }
  pos_ = start;
  return false;
}

// invalid_import_from_targets: import_from_as_names ',' NEWLINE
bool Parser::InvalidImportFromTargets() {
  KENSA_ENTER_RULE();
  int start = pos_;
  ast::NodeList<ast::Alias> names;
  if (ImportFromAsNames(&names) && Consume(TokenKind::kComma) && Consume(TokenKind::kNewline)) {
    RaiseSyntaxError("trailing comma not allowed without surrounding parentheses");
    return false;
  }
  pos_ = start;
  return false;
}

// The items of invalid_with_stmt(_indent): ','.(expression ['as' star_target])+, or with
// `parenthesized`, '(' ','.(expressions ['as' star_target])+ ','? ')'.
bool Parser::SkipWithItemsForError(bool parenthesized) {
  if (parenthesized && !Consume(TokenKind::kLPar)) return false;
  int count = 0;
  for (;;) {
    int before = pos_;
    if (count > 0 && !Consume(TokenKind::kComma)) break;
    Expr* e = parenthesized ? Expressions() : Expression();
    if (e == nullptr) {
      pos_ = before;
      break;
    }
    int after = pos_;
    if (!(Consume(TokenKind::kAs) && StarTarget() != nullptr)) pos_ = after;
    ++count;
  }
  if (count == 0 || error_indicator_) return false;
  if (parenthesized) {
    Consume(TokenKind::kComma);
    return Consume(TokenKind::kRPar);
  }
  return true;
}

// invalid_with_stmt:
//     | [ASYNC] 'with' ','.(expression ['as' star_target])+ NEWLINE
//     | [ASYNC] 'with' '(' ','.(expressions ['as' star_target])+ ','? ')' NEWLINE
bool Parser::InvalidWithStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  for (int parenthesized = 0; parenthesized <= 1; ++parenthesized) {
    pos_ = start;
    Consume(TokenKind::kAsync);
    if (Consume(TokenKind::kWith) && SkipWithItemsForError(parenthesized == 1) &&
        Consume(TokenKind::kNewline)) {
      RaiseSyntaxError("expected ':'");
      return false;
    }
    if (error_indicator_) return false;
  }
  pos_ = start;
  return false;
}

// invalid_with_stmt_indent:
//     | [ASYNC] 'with' ','.(expression ['as' star_target])+ ':' NEWLINE !INDENT
//     | [ASYNC] 'with' '(' ','.(expressions ['as' star_target])+ ','? ')' ':' NEWLINE !INDENT
bool Parser::InvalidWithStmtIndent() {
  KENSA_ENTER_RULE();
  int start = pos_;
  for (int parenthesized = 0; parenthesized <= 1; ++parenthesized) {
    pos_ = start;
    Consume(TokenKind::kAsync);
    int with = pos_;
    if (Consume(TokenKind::kWith) && SkipWithItemsForError(parenthesized == 1) &&
        Consume(TokenKind::kColon) && NewlineNoIndent()) {
      RaiseIndentationError(IndentMessage("'with' statement", LineOf(tokens_[with].begin)));
      return false;
    }
    if (error_indicator_) return false;
  }
  pos_ = start;
  return false;
}

// invalid_try_stmt:
//     | 'try' ':' NEWLINE !INDENT
//     | 'try' ':' block !('except' | 'finally')
//     | 'try' ':' block* except_block+ 'except' '*' expression ['as' NAME] ':'
//     | 'try' ':' block* except_star_block+ 'except' [expression ['as' NAME]] ':'
bool Parser::InvalidTryStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kTry) || !Consume(TokenKind::kColon)) {
    pos_ = start;
    return false;
  }
  int after_colon = pos_;
  if (NewlineNoIndent()) {
    RaiseIndentationError(IndentMessage("'try' statement", LineOf(tokens_[start].begin)));
    return false;
  }
  pos_ = after_colon;
  ast::NodeList<Stmt> body;
  if (Block(&body)) {
    if (!At(TokenKind::kExcept) && !At(TokenKind::kFinally)) {
      RaiseSyntaxError("expected 'except' or 'finally' block");
      return false;
    }
  }
  if (error_indicator_) return false;
  auto optional_as_name = [this]() {
    if (At(TokenKind::kAs) && KindAt(pos_ + 1) == TokenKind::kName) pos_ += 2;
  };
  for (int star = 0; star <= 1; ++star) {
    pos_ = after_colon;
    while (Block(&body)) {
    }
    if (error_indicator_) return false;
    int handlers = 0;
    while (ExceptBlock(star == 1) != nullptr) ++handlers;
    if (error_indicator_) return false;
    if (handlers == 0 || !At(TokenKind::kExcept)) continue;
    int except = pos_++;
    if (star == 0) {
      if (!At(TokenKind::kStar)) continue;
      int star_token = pos_++;
      if (Expression() == nullptr) continue;
      optional_as_name();
      if (Consume(TokenKind::kColon)) {
        RaiseKnownRange(tokens_[except].begin, tokens_[star_token].end,
                        "cannot have both 'except' and 'except*' on the same 'try'");
        return false;
      }
    } else {
      int before = pos_;
      if (Expression() != nullptr) {
        optional_as_name();
      } else {
        pos_ = before;
      }
      if (Consume(TokenKind::kColon)) {
        RaiseKnownLocation(tokens_[except],
                           "cannot have both 'except' and 'except*' on the same 'try'");
        return false;
      }
    }
    if (error_indicator_) return false;
  }
  pos_ = start;
  return false;
}

// invalid_except_stmt:
//     | 'except' '*'? expression ',' expressions ['as' NAME ] ':'
//     | 'except' '*'? expression ['as' NAME ] NEWLINE
//     | 'except' NEWLINE
//     | 'except' '*' (NEWLINE | ':')
bool Parser::InvalidExceptStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kExcept)) return false;
  int after_except = pos_;
  auto optional_as_name = [this]() {
    if (At(TokenKind::kAs) && KindAt(pos_ + 1) == TokenKind::kName) pos_ += 2;
  };
  Consume(TokenKind::kStar);
  if (Expr* a = Expression()) {
    if (Consume(TokenKind::kComma) && Expressions() != nullptr) {
      optional_as_name();
      if (Consume(TokenKind::kColon)) {
        RaiseStartingFrom(a->begin, "multiple exception types must be parenthesized");
        return false;
      }
    }
  }
  if (error_indicator_) return false;
  pos_ = after_except;
  Consume(TokenKind::kStar);
  if (Expression() != nullptr) {
    optional_as_name();
    if (Consume(TokenKind::kNewline)) {
      RaiseSyntaxError("expected ':'");
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = after_except;
  if (Consume(TokenKind::kNewline)) {
    RaiseSyntaxError("expected ':'");
    return false;
  }
  pos_ = after_except;
  if (Consume(TokenKind::kStar) && (At(TokenKind::kNewline) || At(TokenKind::kColon))) {
    ++pos_;
    RaiseSyntaxError("expected one or more exception types");
    return false;
  }
  pos_ = start;
  return false;
}

// invalid_finally_stmt: 'finally' ':' NEWLINE !INDENT
bool Parser::InvalidFinallyStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kFinally) && Consume(TokenKind::kColon) && NewlineNoIndent()) {
    RaiseIndentationError(IndentMessage("'finally' statement", LineOf(tokens_[start].begin)));
    return false;
  }
  pos_ = start;
  return false;
}

// invalid_except_stmt_indent:
//     | 'except' expression ['as' NAME ] ':' NEWLINE !INDENT
//     | 'except' ':' NEWLINE !INDENT
// invalid_except_star_stmt_indent:
//     | 'except' '*' expression ['as' NAME ] ':' NEWLINE !INDENT
bool Parser::InvalidExceptStmtIndent(bool star) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kExcept) || (star && !Consume(TokenKind::kStar))) {
    pos_ = start;
    return false;
  }
  int after = pos_;
  const char* what = star ? "'except*' statement" : "'except' statement";
  if (Expression() != nullptr) {
    if (At(TokenKind::kAs) && KindAt(pos_ + 1) == TokenKind::kName) pos_ += 2;
    if (Consume(TokenKind::kColon) && NewlineNoIndent()) {
      RaiseIndentationError(IndentMessage(what, LineOf(tokens_[start].begin)));
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = after;
  if (!star && Consume(TokenKind::kColon) && NewlineNoIndent()) {
    RaiseIndentationError(IndentMessage(what, LineOf(tokens_[start].begin)));
    return false;
  }
  pos_ = start;
  return false;
}

// invalid_match_stmt:
//     | "match" subject_expr NEWLINE
//     | "match" subject_expr ':' NEWLINE !INDENT
bool Parser::InvalidMatchStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (ExpectSoftKeyword("match") >= 0 && SubjectExpr() != nullptr) {
    int after = pos_;
    if (Consume(TokenKind::kNewline)) {
      RaiseSyntaxError("expected ':'");
      return false;
    }
    pos_ = after;
    if (Consume(TokenKind::kColon) && NewlineNoIndent()) {
      RaiseIndentationError(IndentMessage("'match' statement", LineOf(tokens_[start].begin)));
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_case_block:
//     | "case" patterns guard? NEWLINE
//     | "case" patterns guard? ':' NEWLINE !INDENT
bool Parser::InvalidCaseBlock() {
  KENSA_ENTER_RULE();
  int start = pos_;
  for (int alternative = 0; alternative < 2; ++alternative) {
    pos_ = start;
    if (ExpectSoftKeyword("case") < 0 || Patterns() == nullptr) break;
    int before = pos_;
    if (Guard() == nullptr) {
      if (error_indicator_) return false;
      pos_ = before;
    }
    if (alternative == 0 && Consume(TokenKind::kNewline)) {
      RaiseSyntaxError("expected ':'");
      return false;
    }
    if (alternative == 1 && Consume(TokenKind::kColon) && NewlineNoIndent()) {
      RaiseIndentationError(IndentMessage("'case' statement", LineOf(tokens_[start].begin)));
      return false;
    }
    if (error_indicator_) return false;
  }
  pos_ = start;
  return false;
}

// invalid_as_pattern: or_pattern 'as' "_" | or_pattern 'as' !NAME expression
bool Parser::InvalidAsPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (OrPattern() != nullptr && Consume(TokenKind::kAs)) {
    if (AtSoftKeyword("_")) {
      RaiseKnownLocation(Cur(), "cannot use '_' as a target");
      return false;
    }
    if (!At(TokenKind::kName)) {
      if (Expr* a = Expression()) {
        RaiseKnownLocation(a, "invalid pattern target");
        return false;
      }
    }
  }
  pos_ = start;
  return false;
}

// invalid_class_pattern: name_or_attr '(' invalid_class_argument_pattern
// invalid_class_argument_pattern: [positional_patterns ','] keyword_patterns ','
//                                 positional_patterns
bool Parser::InvalidClassPattern() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (NameOrAttr() != nullptr && Consume(TokenKind::kLPar)) {
    size_t mark = ScratchMark();
    int inner = pos_;
    if (!(PositionalPatterns() && Consume(TokenKind::kComma))) pos_ = inner;
    PopTo(mark);
    if (!error_indicator_ && KeywordPatterns() && Consume(TokenKind::kComma)) {
      size_t positional = ScratchMark();
      if (PositionalPatterns()) {
        auto* first = static_cast<ast::Pattern*>(scratch_[positional]);
        auto* last = static_cast<ast::Pattern*>(scratch_.back());
        PopTo(mark);
        RaiseKnownRange(first->begin, last->end, "positional patterns follow keyword patterns");
        return false;
      }
    }
    PopTo(mark);
  }
  pos_ = start;
  return false;
}

// invalid_if_stmt:
//     | 'if' named_expression NEWLINE
//     | 'if' named_expression ':' NEWLINE !INDENT
// (CPython's action reports the line of the condition: `a='if' a=named_expression`.)
// invalid_elif_stmt: the same with 'elif' (reporting the line of 'elif').
bool Parser::InvalidIfStmt(bool elif) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(elif ? TokenKind::kElif : TokenKind::kIf)) return false;
  Expr* condition = NamedExpression();
  if (condition != nullptr) {
    int after = pos_;
    if (Consume(TokenKind::kNewline)) {
      RaiseSyntaxError("expected ':'");
      return false;
    }
    pos_ = after;
    if (Consume(TokenKind::kColon) && NewlineNoIndent()) {
      uint32_t line = elif ? LineOf(tokens_[start].begin) : LineOf(condition->begin);
      RaiseIndentationError(IndentMessage(elif ? "'elif' statement" : "'if' statement", line));
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_else_stmt: 'else' ':' NEWLINE !INDENT
bool Parser::InvalidElseStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kElse) && Consume(TokenKind::kColon) && NewlineNoIndent()) {
    RaiseIndentationError(IndentMessage("'else' statement", LineOf(tokens_[start].begin)));
    return false;
  }
  pos_ = start;
  return false;
}

// invalid_while_stmt:
//     | 'while' named_expression NEWLINE
//     | 'while' named_expression ':' NEWLINE !INDENT
bool Parser::InvalidWhileStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kWhile) && NamedExpression() != nullptr) {
    int after = pos_;
    if (Consume(TokenKind::kNewline)) {
      RaiseSyntaxError("expected ':'");
      return false;
    }
    pos_ = after;
    if (Consume(TokenKind::kColon) && NewlineNoIndent()) {
      RaiseIndentationError(IndentMessage("'while' statement", LineOf(tokens_[start].begin)));
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_for_stmt:
//     | [ASYNC] 'for' star_targets 'in' star_expressions NEWLINE
//     | [ASYNC] 'for' star_targets 'in' star_expressions ':' NEWLINE !INDENT
bool Parser::InvalidForStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Consume(TokenKind::kAsync);
  int for_token = pos_;
  if (Consume(TokenKind::kFor) && StarTargets() != nullptr && Consume(TokenKind::kIn) &&
      StarExpressions() != nullptr) {
    int after = pos_;
    if (Consume(TokenKind::kNewline)) {
      RaiseSyntaxError("expected ':'");
      return false;
    }
    pos_ = after;
    if (Consume(TokenKind::kColon) && NewlineNoIndent()) {
      RaiseIndentationError(IndentMessage("'for' statement", LineOf(tokens_[for_token].begin)));
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_def_raw:
//     | [ASYNC] 'def' NAME '(' [params] ')' ['->' expression] ':' NEWLINE !INDENT
bool Parser::InvalidDefRaw() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Consume(TokenKind::kAsync);
  int def = pos_;
  if (Consume(TokenKind::kDef) && Consume(TokenKind::kName) && Consume(TokenKind::kLPar)) {
    Params(/*lambda=*/false);
    if (!error_indicator_ && Consume(TokenKind::kRPar)) {
      int before = pos_;
      if (!(Consume(TokenKind::kRArrow) && Expression() != nullptr)) pos_ = before;
      if (!error_indicator_ && Consume(TokenKind::kColon) && NewlineNoIndent()) {
        RaiseIndentationError(IndentMessage("function definition", LineOf(tokens_[def].begin)));
        return false;
      }
    }
  }
  pos_ = start;
  return false;
}

// invalid_class_def_raw:
//     | 'class' NAME ['(' [arguments] ')'] NEWLINE
//     | 'class' NAME ['(' [arguments] ')'] ':' NEWLINE !INDENT
bool Parser::InvalidClassDefRaw() {
  KENSA_ENTER_RULE();
  int start = pos_;
  for (int alternative = 0; alternative < 2; ++alternative) {
    pos_ = start;
    if (!Consume(TokenKind::kClass) || !Consume(TokenKind::kName)) break;
    int before = pos_;
    if (Consume(TokenKind::kLPar)) {
      Arguments();
      if (error_indicator_) return false;
      if (!Consume(TokenKind::kRPar)) pos_ = before;
    }
    if (alternative == 0 && Consume(TokenKind::kNewline)) {
      RaiseSyntaxError("expected ':'");
      return false;
    }
    if (alternative == 1 && Consume(TokenKind::kColon) && NewlineNoIndent()) {
      RaiseIndentationError(IndentMessage("class definition", LineOf(tokens_[start].begin)));
      return false;
    }
  }
  pos_ = start;
  return false;
}

}  // namespace kensa::python::parser_internal
