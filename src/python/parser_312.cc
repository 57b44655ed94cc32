// Python 3.12's additions to the grammar (PythonVersion::k3_12): type parameter lists on
// functions and classes and the `type` statement (PEP 695).
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

// type_alias: "type" NAME [type_params] '=' expression
Stmt* Parser::TypeAlias() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (ExpectSoftKeyword("type") < 0 || !At(TokenKind::kName)) {
    pos_ = start;
    return nullptr;
  }
  int name = pos_++;
  ast::NodeList<ast::TypeParam> type_params;
  if (!TypeParams(&type_params) && error_indicator_) return nullptr;
  if (Consume(TokenKind::kEqual)) {
    if (Expr* value = Expression()) {
      auto* node = NewNodeFrom<ast::TypeAlias>(start);
      node->name = NewName(tokens_[name], ast::ExprContext::kStore);
      node->type_params = type_params;
      node->value = value;
      return node;
    }
  }
  pos_ = start;
  return nullptr;
}

// type_params: '[' type_param_seq ']'
// type_param_seq: ','.type_param+ [',']
bool Parser::TypeParams(ast::NodeList<ast::TypeParam>* out) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kLSqb)) return false;
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    ast::TypeParam* param = TypeParamRule();
    if (param == nullptr) {
      pos_ = before;
      break;
    }
    Push(param);
  }
  if (ScratchMark() != mark && !error_indicator_) {
    Consume(TokenKind::kComma);
    if (Consume(TokenKind::kRSqb)) {
      *out = TakeList<ast::TypeParam>(mark);
      return true;
    }
  }
  PopTo(mark);
  pos_ = start;
  return false;
}

// type_param (memo):
//     | NAME [type_param_bound]
//     | '*' NAME ':' expression      (an error: no bound for a TypeVarTuple)
//     | '*' NAME
//     | '**' NAME ':' expression     (an error: no bound for a ParamSpec)
//     | '**' NAME
// type_param_bound: ':' expression
ast::TypeParam* Parser::TypeParamRule() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kTypeParam, start, &memo)) return static_cast<ast::TypeParam*>(memo);
  ast::TypeParam* result = nullptr;
  if (At(TokenKind::kName)) {
    ++pos_;
    Expr* bound = nullptr;
    int after = pos_;
    if (Consume(TokenKind::kColon)) {
      bound = Expression();
      if (bound == nullptr) pos_ = after;
    }
    if (!error_indicator_) {
      auto* node = NewNodeFrom<ast::TypeVar>(start);
      node->name = Identifier(tokens_[start]);
      node->bound = bound;
      result = node;
    }
  } else if (At(TokenKind::kStar) || At(TokenKind::kDoubleStar)) {
    bool tuple = At(TokenKind::kStar);
    ++pos_;
    if (At(TokenKind::kName)) {
      int name = pos_++;
      if (At(TokenKind::kColon)) {
        int colon = pos_++;
        if (Expr* e = Expression()) {
          bool constraints = e->node_kind == ast::NodeKind::kTuple;
          std::string message =
              constraints ? "cannot use constraints with " : "cannot use bound with ";
          message += tuple ? "TypeVarTuple" : "ParamSpec";
          RaiseStartingFrom(tokens_[colon].begin, std::move(message));
        }
        pos_ = name + 1;
      }
      if (!error_indicator_) {
        if (tuple) {
          auto* node = NewNodeFrom<ast::TypeVarTuple>(start);
          node->name = Identifier(tokens_[name]);
          result = node;
        } else {
          auto* node = NewNodeFrom<ast::ParamSpec>(start);
          node->name = Identifier(tokens_[name]);
          result = node;
        }
      }
    }
  }
  if (result == nullptr) pos_ = start;
  MemoStore(MemoRule::kTypeParam, start, result);
  return result;
}

}  // namespace kensa::python::parser_internal
