// The invalid_* rules of CPython 3.11's grammar for expressions, arguments and parameters.
// They only run in the second pass; each either raises its specialised SyntaxError or fails.
// Like CPython's generated code, an alternative whose items all match but whose action
// returns NULL without raising ends the rule (later alternatives are not tried).
#include <string>

#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

namespace {

// _PyPegen_get_last_comprehension_item.
Expr* LastComprehensionItem(const ast::Comprehension* comprehension) {
  if (comprehension->ifs.empty()) return comprehension->iter;
  return comprehension->ifs[comprehension->ifs.size() - 1];
}

}  // namespace

// invalid_arguments:
//     | args ',' '*'
//     | expression for_if_clauses ',' [args | expression for_if_clauses]
//     | NAME '=' expression for_if_clauses
//     | args for_if_clauses
//     | args ',' expression for_if_clauses
//     | args ',' args
bool Parser::InvalidArguments() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (ast::Call* a = Args()) {
    if (Consume(TokenKind::kComma) && At(TokenKind::kStar)) {
      RaiseKnownLocation(a, "iterable argument unpacking follows keyword argument unpacking");
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (Expr* a = Expression()) {
    ast::NodeList<ast::Comprehension> b;
    if (ForIfClauses(&b) && Consume(TokenKind::kComma)) {
      // [args | expression for_if_clauses]
      int before = pos_;
      if (Args() == nullptr) {
        if (error_indicator_) return false;
        pos_ = before;
        ast::NodeList<ast::Comprehension> more;
        if (Expression() == nullptr || !ForIfClauses(&more)) pos_ = before;
      }
      if (error_indicator_) return false;
      RaiseKnownRange(a->begin, LastComprehensionItem(b[b.size() - 1])->end,
                      "Generator expression must be parenthesized");
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (At(TokenKind::kName) && KindAt(pos_ + 1) == TokenKind::kEqual) {
    int name = pos_;
    pos_ += 2;
    ast::NodeList<ast::Comprehension> b;
    if (Expression() != nullptr && ForIfClauses(&b)) {
      RaiseKnownRange(tokens_[name].begin, tokens_[name + 1].end,
                      "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      return false;
    }
    if (error_indicator_) return false;
  }
  pos_ = start;
  if (ast::Call* a = Args()) {
    ast::NodeList<ast::Comprehension> b;
    if (ForIfClauses(&b)) {
      // _PyPegen_nonparen_genexp_in_call: only with more than one positional argument; with
      // one, the action returns NULL and the rule ends here.
      if (a->args.size() <= 1) return false;
      RaiseKnownRange(a->args[a->args.size() - 1]->begin,
                      LastComprehensionItem(b[b.size() - 1])->end,
                      "Generator expression must be parenthesized");
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (Args() != nullptr && Consume(TokenKind::kComma)) {
    if (Expr* a = Expression()) {
      ast::NodeList<ast::Comprehension> b;
      if (ForIfClauses(&b)) {
        RaiseKnownRange(a->begin, LastComprehensionItem(b[b.size() - 1])->end,
                        "Generator expression must be parenthesized");
        return false;
      }
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (ast::Call* a = Args()) {
    if (Consume(TokenKind::kComma) && Args() != nullptr) {
      // _PyPegen_arguments_parsing_error
      bool unpacking = false;
      for (const ast::Keyword* keyword : a->keywords) {
        if (keyword->arg.data() == nullptr) unpacking = true;
      }
      RaiseSyntaxError(unpacking ? "positional argument follows keyword argument unpacking"
                                 : "positional argument follows keyword argument");
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_kwarg:
//     | ('True'|'False'|'None') '='
//     | NAME '=' expression for_if_clauses
//     | !(NAME '=') expression '='
bool Parser::InvalidKwarg() {
  KENSA_ENTER_RULE();
  int start = pos_;
  TokenKind kind = CurKind();
  if ((kind == TokenKind::kTrue || kind == TokenKind::kFalse || kind == TokenKind::kNone) &&
      KindAt(pos_ + 1) == TokenKind::kEqual) {
    RaiseKnownRange(tokens_[start].begin, tokens_[start + 1].end,
                    "cannot assign to " + std::string(TokenText(tokens_[start])));
    return false;
  }
  bool name_equal = kind == TokenKind::kName && KindAt(pos_ + 1) == TokenKind::kEqual;
  if (name_equal) {
    pos_ += 2;
    ast::NodeList<ast::Comprehension> b;
    if (Expression() != nullptr && ForIfClauses(&b)) {
      RaiseKnownRange(tokens_[start].begin, tokens_[start + 1].end,
                      "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      return false;
    }
    if (error_indicator_) return false;
    pos_ = start;
    return false;
  }
  if (Expr* a = Expression()) {
    if (At(TokenKind::kEqual)) {
      RaiseKnownRange(a->begin, Cur().end,
                      "expression cannot contain assignment, perhaps you meant \"==\"?");
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_legacy_expression: NAME !'(' star_expressions
bool Parser::InvalidLegacyExpression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!At(TokenKind::kName) || KindAt(pos_ + 1) == TokenKind::kLPar) return false;
  ++pos_;
  Expr* b = StarExpressions();
  if (b == nullptr) {
    pos_ = start;
    return false;
  }
  std::string_view name = TokenText(tokens_[start]);
  if (name == "print" || name == "exec") {
    std::string id(Identifier(tokens_[start]));
    RaiseKnownRange(tokens_[start].begin, b->end,
                    "Missing parentheses in call to '" + id + "'. Did you mean " + id + "(...)?");
  }
  return false;
}

// invalid_expression:
//     | !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
//     | disjunction 'if' disjunction !('else'|':')
//     | 'lambda' [lambda_params] ':' &FSTRING_MIDDLE  (3.12)
bool Parser::InvalidExpression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  bool name_string = At(TokenKind::kName) && KindAt(pos_ + 1) == TokenKind::kString;
  // CPython's SOFT_KEYWORD compares only the token's length of each soft keyword
  // (strncmp), so "c", "ma", ... count as soft keywords too.
  bool soft_keyword = false;
  if (At(TokenKind::kName)) {
    std::string_view text = TokenText(Cur());
    for (std::string_view keyword : {"_", "case", "match"}) {
      if (keyword.substr(0, text.size()) == text) soft_keyword = true;
    }
  }
  if (!name_string && !soft_keyword) {
    if (Expr* a = Disjunction()) {
      if (Expr* b = ExpressionWithoutInvalid()) {
        // The action: NULL (ending the rule) for print/exec or outside brackets.
        if (IsLegacyName(a) || LevelAt(pos_ - 1) == 0) return false;
        RaiseKnownRange(a->begin, b->end, "invalid syntax. Perhaps you forgot a comma?");
        return false;
      }
    }
    if (error_indicator_) return false;
  }
  pos_ = start;
  if (Expr* a = Disjunction()) {
    if (Consume(TokenKind::kIf)) {
      if (Expr* b = Disjunction()) {
        if (!At(TokenKind::kElse) && !At(TokenKind::kColon)) {
          RaiseKnownRange(a->begin, b->end, "expected 'else' after 'if' expression");
          return false;
        }
      }
    }
  }
  pos_ = start;
  // 3.12: | 'lambda' [lambda_params] ':' &FSTRING_MIDDLE
  if (Is312() && !error_indicator_ && At(TokenKind::kLambda)) {
    int lambda = pos_++;
    Params(/*lambda=*/true);
    int colon = error_indicator_ ? -1 : Expect(TokenKind::kColon);
    if (colon >= 0 && At(TokenKind::kFStringMiddle)) {
      RaiseKnownRange(tokens_[lambda].begin, tokens_[colon].end,
                      "f-string: lambda expressions are not allowed without parentheses");
      return false;
    }
    pos_ = start;
  }
  return false;
}

// invalid_named_expression (memo):
//     | expression ':=' expression
//     | NAME '=' bitwise_or !('='|':=')
//     | !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=')
bool Parser::InvalidNamedExpression() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kInvalidNamedExpression, start, &memo)) return false;
  InvalidNamedExpressionRaw();
  pos_ = start;
  MemoStore(MemoRule::kInvalidNamedExpression, start, nullptr);
  return false;
}

bool Parser::InvalidNamedExpressionRaw() {
  int start = pos_;
  if (Expr* a = Expression()) {
    if (Consume(TokenKind::kColonEqual) && Expression() != nullptr) {
      RaiseKnownLocation(a, std::string("cannot use assignment expressions with ") + ExprName(a));
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (At(TokenKind::kName) && KindAt(pos_ + 1) == TokenKind::kEqual) {
    pos_ += 2;
    if (Expr* b = BitwiseOr()) {
      if (!At(TokenKind::kEqual) && !At(TokenKind::kColonEqual)) {
        RaiseKnownRange(tokens_[start].begin, b->end,
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        return false;
      }
    }
    if (error_indicator_) return false;
  }
  pos_ = start;
  // !(list|tuple|genexp|'True'|'None'|'False')
  TokenKind kind = CurKind();
  if (kind == TokenKind::kTrue || kind == TokenKind::kNone || kind == TokenKind::kFalse) {
    return false;
  }
  bool excluded = false;
  if (kind == TokenKind::kLSqb) {
    excluded = ListRule() != nullptr;
  } else if (kind == TokenKind::kLPar) {
    excluded = TupleRule() != nullptr;
    if (!excluded && !error_indicator_) {
      pos_ = start;
      excluded = GenexpRule() != nullptr;
    }
  }
  if (error_indicator_ || excluded) return false;
  pos_ = start;
  if (Expr* a = BitwiseOr()) {
    if (Consume(TokenKind::kEqual) && BitwiseOr() != nullptr && !At(TokenKind::kEqual) &&
        !At(TokenKind::kColonEqual)) {
      RaiseKnownLocation(a, std::string("cannot assign to ") + ExprName(a) +
                                " here. Maybe you meant '==' instead of '='?");
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_comprehension:
//     | ('[' | '(' | '{') starred_expression for_if_clauses
//     | ('[' | '{') star_named_expression ',' star_named_expressions for_if_clauses
//     | ('[' | '{') star_named_expression ',' for_if_clauses
bool Parser::InvalidComprehension() {
  KENSA_ENTER_RULE();
  int start = pos_;
  TokenKind open = CurKind();
  if (open != TokenKind::kLSqb && open != TokenKind::kLPar && open != TokenKind::kLBrace) {
    return false;
  }
  ++pos_;
  if (Expr* a = StarredExpression()) {
    ast::NodeList<ast::Comprehension> b;
    if (ForIfClauses(&b)) {
      RaiseKnownLocation(a, "iterable unpacking cannot be used in comprehension");
      return false;
    }
  }
  if (error_indicator_ || open == TokenKind::kLPar) {
    pos_ = start;
    return false;
  }
  pos_ = start + 1;
  if (Expr* a = StarNamedExpression()) {
    int comma = pos_;
    if (Consume(TokenKind::kComma)) {
      ast::NodeList<Expr> b;
      ast::NodeList<ast::Comprehension> clauses;
      if (StarNamedExpressions(&b) && ForIfClauses(&clauses)) {
        RaiseKnownRange(a->begin, b[b.size() - 1]->end,
                        "did you forget parentheses around the comprehension target?");
        return false;
      }
    }
    if (error_indicator_) return false;
    pos_ = start + 1;
    a = StarNamedExpression();
    if (a != nullptr && Consume(TokenKind::kComma)) {
      ast::NodeList<ast::Comprehension> clauses;
      if (ForIfClauses(&clauses)) {
        RaiseKnownRange(a->begin, tokens_[comma].end,
                        "did you forget parentheses around the comprehension target?");
        return false;
      }
    }
  }
  pos_ = start;
  return false;
}

// invalid_dict_comprehension: '{' '**' bitwise_or for_if_clauses '}'
bool Parser::InvalidDictComprehension() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kLBrace) && At(TokenKind::kDoubleStar)) {
    int star = pos_++;
    ast::NodeList<ast::Comprehension> clauses;
    if (BitwiseOr() != nullptr && ForIfClauses(&clauses) && Consume(TokenKind::kRBrace)) {
      RaiseKnownLocation(tokens_[star], "dict unpacking cannot be used in dict comprehension");
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_group: '(' starred_expression ')' | '(' '**' expression ')'
bool Parser::InvalidGroup() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLPar)) return false;
  if (Expr* a = StarredExpression()) {
    if (Consume(TokenKind::kRPar)) {
      RaiseKnownLocation(a, "cannot use starred expression here");
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = start + 1;
  if (At(TokenKind::kDoubleStar)) {
    int star = pos_++;
    if (Expression() != nullptr && Consume(TokenKind::kRPar)) {
      RaiseKnownLocation(tokens_[star], "cannot use double starred expression here");
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_double_starred_kvpairs:
//     | ','.double_starred_kvpair+ ',' invalid_kvpair
//     | expression ':' '*' bitwise_or
//     | expression ':' &('}'|',')
bool Parser::InvalidDoubleStarredKvpairs() {
  KENSA_ENTER_RULE();
  int start = pos_;
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
  bool gathered = ScratchMark() != mark;
  PopTo(mark);
  if (error_indicator_) return false;
  if (gathered && Consume(TokenKind::kComma)) {
    InvalidKvpair();
    if (error_indicator_) return false;
  }
  pos_ = start;
  if (Expression() != nullptr && At(TokenKind::kColon)) {
    int colon = pos_++;
    if (At(TokenKind::kStar)) {
      int star = pos_++;
      if (BitwiseOr() != nullptr) {
        RaiseStartingFrom(tokens_[star].begin,
                          "cannot use a starred expression in a dictionary value");
        return false;
      }
    }
    if (error_indicator_) return false;
    pos_ = colon + 1;
    if (At(TokenKind::kRBrace) || At(TokenKind::kComma)) {
      RaiseKnownLocation(tokens_[colon], "expression expected after dictionary key and ':'");
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_kvpair:
//     | expression !(':')
//     | expression ':' '*' bitwise_or
//     | expression ':' &('}'|',')
bool Parser::InvalidKvpair() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* a = Expression();
  if (a == nullptr) return false;
  if (!At(TokenKind::kColon)) {
    RawErrorLocation location;
    location.line = LineOf(a->begin);
    location.col = ByteColumn(a->end);  // a->end_col_offset - 1, plus CPython's 1
    location.end_line = LineOf(a->end);
    location.end_col = 0;
    RaiseAt(SyntaxError::Type::kSyntaxError, location, "':' expected after dictionary key");
    return false;
  }
  int colon = pos_++;
  if (At(TokenKind::kStar)) {
    int star = pos_++;
    if (BitwiseOr() != nullptr) {
      RaiseStartingFrom(tokens_[star].begin,
                        "cannot use a starred expression in a dictionary value");
      return false;
    }
  }
  if (error_indicator_) return false;
  pos_ = colon + 1;
  if (At(TokenKind::kRBrace) || At(TokenKind::kComma)) {
    RaiseKnownLocation(tokens_[colon], "expression expected after dictionary key and ':'");
    return false;
  }
  pos_ = start;
  return false;
}

// invalid_for_target: ASYNC? 'for' star_expressions
bool Parser::InvalidForTarget() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Consume(TokenKind::kAsync);
  if (Consume(TokenKind::kFor)) {
    if (Expr* a = StarExpressions()) {
      RaiseInvalidTarget(kForTargets, a);
      return false;
    }
  }
  pos_ = start;
  return false;
}

// invalid_with_item: expression 'as' expression &(',' | ')' | ':')
bool Parser::InvalidWithItem() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Expression() != nullptr && Consume(TokenKind::kAs)) {
    if (Expr* a = Expression()) {
      TokenKind next = CurKind();
      if (next == TokenKind::kComma || next == TokenKind::kRPar || next == TokenKind::kColon) {
        RaiseInvalidTarget(kStarTargets, a);
        return false;
      }
    }
  }
  pos_ = start;
  return false;
}

}  // namespace kensa::python::parser_internal
