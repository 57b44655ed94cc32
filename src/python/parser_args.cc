// Call arguments (`arguments`, `args`, `kwargs`) and function/lambda parameters
// (`params`, `parameters`, `star_etc`, ...) of CPython 3.11's grammar. The lambda variants
// differ only in having no annotations and ':' where functions have ')', so one set of
// functions takes a `lambda` flag.
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

using ast::ExprContext;

// ===================================================================== call arguments

// arguments (memo): args [','] &')' | invalid_arguments
ast::Call* Parser::Arguments() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kArguments, start, &memo)) return static_cast<ast::Call*>(memo);
  ast::Call* result = Args();
  if (result != nullptr) {
    Consume(TokenKind::kComma);
    if (!At(TokenKind::kRPar)) {
      result = nullptr;
      pos_ = start;
    }
  }
  if (result == nullptr && !error_indicator_ && call_invalid_rules_) {
    pos_ = start;
    InvalidArguments();
    pos_ = start;
  }
  MemoStore(MemoRule::kArguments, start, result);
  return result;
}

// One element of args' first alternative:
//     starred_expression | (assignment_expression | expression !':=') !'='
Expr* Parser::PositionalArgument() {
  KENSA_ENTER_RULE();
  int start = pos_;
  // NAME '=' can only be a keyword argument: the expression would be that NAME, and !'='
  // rejects it. The first pass says so without building the Name (32 bytes per keyword
  // argument, in the arena for good); the second pass keeps CPython's path for its errors.
  if (!call_invalid_rules_ && IsKeywordArgumentStart(pos_)) return nullptr;
  if (Expr* starred = StarredExpression()) return starred;
  if (error_indicator_) return nullptr;
  Expr* e = AssignmentExpression();
  if (e == nullptr && !error_indicator_) {
    e = Expression();
    if (e != nullptr && At(TokenKind::kColonEqual)) e = nullptr;
  }
  if (e != nullptr && !At(TokenKind::kEqual)) return e;
  pos_ = start;
  return nullptr;
}

// args:
//     | ','.(starred_expression | (assignment_expression | expression !':=') !'=')+
//       [',' kwargs]
//     | kwargs
ast::Call* Parser::Args() {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    Expr* e = PositionalArgument();
    if (e == nullptr) {
      pos_ = before;
      break;
    }
    Push(e);
  }
  if (error_indicator_) {
    PopTo(mark);
    return nullptr;
  }
  if (ScratchMark() != mark) {
    size_t kw_mark = ScratchMark();
    int before = pos_;
    if (Consume(TokenKind::kComma) && !Kwargs()) pos_ = before;
    if (error_indicator_) {
      PopTo(mark);
      return nullptr;
    }
    return MakeCallArgs(mark, kw_mark, start);
  }
  pos_ = start;
  if (Kwargs()) return MakeCallArgs(mark, mark, start);
  return nullptr;
}

// Builds the dummy Call that args returns: scratch_[positional_mark, kw_mark) are positional
// expressions, the rest kwargs items (starred ones join the positional arguments,
// as _PyPegen_collect_call_seqs does). Positions are the args rule's own (used by errors).
ast::Call* Parser::MakeCallArgs(size_t positional_mark, size_t kw_mark, int start) {
  // The first pass memoizes no arguments and every caller copies the lists out at once, so a
  // reused object saves an arena Call per call site; the second pass needs stable results.
  ast::Call* call;
  if (memo_enabled_) {
    call = NewNodeFrom<ast::Call>(start);
  } else {
    call = &scratch_call_;
    call->begin = tokens_[start].begin;
    call->end = LastTokenEnd();
  }
  size_t end = ScratchMark();
  uint32_t n_args = static_cast<uint32_t>(kw_mark - positional_mark);
  uint32_t n_keywords = 0;
  for (size_t i = kw_mark; i < end; ++i) {
    if (IsKeywordItem(scratch_[i])) {
      ++n_keywords;
    } else {
      ++n_args;
    }
  }
  Expr** args = NewListItems<Expr*>(n_args);
  ast::Keyword** keywords = NewListItems<ast::Keyword*>(n_keywords);
  uint32_t ai = 0, ki = 0;
  for (size_t i = positional_mark; i < kw_mark; ++i) args[ai++] = static_cast<Expr*>(scratch_[i]);
  for (size_t i = kw_mark; i < end; ++i) {
    if (IsKeywordItem(scratch_[i])) {
      keywords[ki++] = KeywordOfItem(scratch_[i]);
    } else {
      args[ai++] = static_cast<Expr*>(scratch_[i]);
    }
  }
  PopTo(positional_mark);
  call->args = ast::NodeList<Expr>(args);
  call->keywords = ast::NodeList<ast::Keyword>(keywords);
  return call;
}

// kwargs:
//     | ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+
//     | ','.kwarg_or_starred+
//     | ','.kwarg_or_double_starred+
// Pushes kwargs items (see KeywordItem).
bool Parser::Kwargs() {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  auto gather = [this](bool double_starred) {
    size_t list_mark = ScratchMark();
    for (;;) {
      int before = pos_;
      if (ScratchMark() != list_mark && !Consume(TokenKind::kComma)) break;
      void* item = KwargOrStarred(double_starred);
      if (item == nullptr) {
        pos_ = before;
        break;
      }
      Push(item);
    }
    return ScratchMark() != list_mark;
  };
  if (gather(false)) {
    int before = pos_;
    if (Consume(TokenKind::kComma) && !gather(true)) pos_ = before;
    if (error_indicator_) {
      PopTo(mark);
      return false;
    }
    return true;
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (gather(true)) return true;
  pos_ = start;
  return false;
}

// kwarg_or_starred: invalid_kwarg | NAME '=' expression | starred_expression
// kwarg_or_double_starred: invalid_kwarg | NAME '=' expression | '**' expression
void* Parser::KwargOrStarred(bool double_starred) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidKwarg();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (CurKind() == TokenKind::kName && KindAt(pos_ + 1) == TokenKind::kEqual) {
    pos_ += 2;
    if (Expr* value = Expression()) {
      auto* keyword = NewNodeFrom<ast::Keyword>(start);
      keyword->arg = Identifier(tokens_[start]);
      keyword->value = value;
      return KeywordItem(keyword);
    }
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (!double_starred) {
    if (Expr* starred = StarredExpression()) {
      return starred;
    }
    return nullptr;
  }
  if (Consume(TokenKind::kDoubleStar)) {
    if (Expr* value = Expression()) {
      auto* keyword = NewNodeFrom<ast::Keyword>(start);
      keyword->value = value;
      return KeywordItem(keyword);
    }
    pos_ = start;
  }
  return nullptr;
}

// ===================================================================== parameters

ast::Arguments* Parser::EmptyArguments() {
  uint32_t at = pos_ > 0 ? tokens_[pos_ - 1].end : 0;
  return NewNode<ast::Arguments>(at, at);
}

// params: invalid_parameters | parameters
// lambda_params: invalid_lambda_parameters | lambda_parameters
ast::Arguments* Parser::Params(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidParameters(lambda);
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  return Parameters(lambda);
}

// param: NAME annotation?              lambda_param: NAME
// param_star_annotation: NAME star_annotation
ast::Arg* Parser::Param(bool lambda, bool star_annotation) {
  KENSA_ENTER_RULE();
  int start = pos_;
  MemoRule rule = lambda            ? MemoRule::kLambdaParam
                  : star_annotation ? MemoRule::kParamStarAnnotation
                                    : MemoRule::kParam;
  void* memo;
  if (MemoLookup(rule, start, &memo)) return static_cast<ast::Arg*>(memo);
  ast::Arg* result = ParamRaw(lambda, star_annotation);
  MemoStore(rule, start, result);
  return result;
}

ast::Arg* Parser::ParamRaw(bool lambda, bool star_annotation) {
  int start = pos_;
  if (!Consume(TokenKind::kName)) return nullptr;
  Expr* annotation = nullptr;
  if (!lambda) {
    int before = pos_;
    if (Consume(TokenKind::kColon)) {
      annotation = star_annotation ? StarExpression() : Expression();
      if (annotation == nullptr) {
        if (error_indicator_) return nullptr;
        pos_ = before;
      }
    }
    if (star_annotation && annotation == nullptr) {
      pos_ = start;
      return nullptr;
    }
  }
  auto* arg = NewNodeFrom<ast::Arg>(start);
  arg->arg = Identifier(tokens_[start]);
  arg->annotation = annotation;
  return arg;
}

namespace {

// The lookahead that ends a parameter list: ')' for functions, ':' for lambdas.
TokenKind ParamsEnd(bool lambda) {
  return lambda ? TokenKind::kColon : TokenKind::kRPar;
}

}  // namespace

// param_no_default: param ',' | param &')'          (lambda: &':')
// param_no_default_star_annotation: param_star_annotation ',' | param_star_annotation &')'
ast::Arg* Parser::ParamNoDefault(bool lambda, bool star_annotation) {
  KENSA_ENTER_RULE();
  int start = pos_;
  ast::Arg* arg = Param(lambda, star_annotation);
  if (arg == nullptr) return nullptr;
  if (Consume(TokenKind::kComma) || At(ParamsEnd(lambda))) return arg;
  pos_ = start;
  return nullptr;
}

// param_with_default: param default ',' | param default &')'
NameDefaultPair* Parser::ParamWithDefault(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  ast::Arg* arg = Param(lambda, false);
  if (arg == nullptr) return nullptr;
  Expr* value = Default();
  if (value != nullptr && (Consume(TokenKind::kComma) || At(ParamsEnd(lambda)))) {
    auto* pair = Allocate<NameDefaultPair>();
    *pair = NameDefaultPair{arg, value};
    return pair;
  }
  pos_ = start;
  return nullptr;
}

// param_maybe_default: param default? ',' | param default? &')'
NameDefaultPair* Parser::ParamMaybeDefault(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  ast::Arg* arg = Param(lambda, false);
  if (arg == nullptr) return nullptr;
  Expr* value = Default();
  if (error_indicator_) return nullptr;
  if (Consume(TokenKind::kComma) || At(ParamsEnd(lambda))) {
    auto* pair = Allocate<NameDefaultPair>();
    *pair = NameDefaultPair{arg, value};
    return pair;
  }
  pos_ = start;
  return nullptr;
}

// default: '=' expression | invalid_default
Expr* Parser::Default() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kEqual)) {
    if (Expr* value = Expression()) return value;
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (call_invalid_rules_) {
    InvalidDefault();
    pos_ = start;
  }
  return nullptr;
}

// slash_no_default: param_no_default+ '/' ',' | param_no_default+ '/' &')'
// Pushes the Arg* items.
bool Parser::SlashNoDefault(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  while (ast::Arg* arg = ParamNoDefault(lambda)) Push(arg);
  if (ScratchMark() != mark && Consume(TokenKind::kSlash) &&
      (Consume(TokenKind::kComma) || At(ParamsEnd(lambda)))) {
    return true;
  }
  PopTo(mark);
  pos_ = start;
  return false;
}

// slash_with_default:
//     | param_no_default* param_with_default+ '/' ',' | ... '/' &')'
// Pushes the Arg* items, then the NameDefaultPair* items; *split is where the pairs start.
bool Parser::SlashWithDefault(bool lambda, size_t* split) {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  while (ast::Arg* arg = ParamNoDefault(lambda)) Push(arg);
  *split = ScratchMark();
  while (NameDefaultPair* pair = ParamWithDefault(lambda)) Push(pair);
  if (ScratchMark() != *split && Consume(TokenKind::kSlash) &&
      (Consume(TokenKind::kComma) || At(ParamsEnd(lambda)))) {
    return true;
  }
  PopTo(mark);
  pos_ = start;
  return false;
}

// star_etc:
//     | invalid_star_etc
//     | '*' param_no_default param_maybe_default* [kwds]
//     | '*' param_no_default_star_annotation param_maybe_default* [kwds]   (not for lambdas)
//     | '*' ',' param_maybe_default+ [kwds]
//     | kwds
// Pushes the keyword-only NameDefaultPair* items.
bool Parser::StarEtc(bool lambda, ast::Arg** vararg, ast::Arg** kwarg) {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  *vararg = nullptr;
  *kwarg = nullptr;
  if (call_invalid_rules_) {
    InvalidStarEtc(lambda);
    if (error_indicator_) return false;
    pos_ = start;
  }
  if (At(TokenKind::kStar)) {
    for (int alternative = 0; alternative < 2; ++alternative) {
      if (alternative == 1 && lambda) break;
      pos_ = start + 1;
      ast::Arg* star = ParamNoDefault(lambda, /*star_annotation=*/alternative == 1);
      if (star == nullptr) {
        if (error_indicator_) return false;
        continue;
      }
      while (NameDefaultPair* pair = ParamMaybeDefault(lambda)) Push(pair);
      if (error_indicator_) return false;
      *vararg = star;
      *kwarg = Kwds(lambda);
      if (error_indicator_) return false;
      return true;
    }
    pos_ = start + 1;
    if (Consume(TokenKind::kComma)) {
      while (NameDefaultPair* pair = ParamMaybeDefault(lambda)) Push(pair);
      if (ScratchMark() != mark) {
        *kwarg = Kwds(lambda);
        if (error_indicator_) return false;
        return true;
      }
    }
    if (error_indicator_) return false;
    PopTo(mark);
    pos_ = start;
  }
  if (ast::Arg* arg = Kwds(lambda)) {
    *kwarg = arg;
    return true;
  }
  pos_ = start;
  return false;
}

// kwds: invalid_kwds | '**' param_no_default
ast::Arg* Parser::Kwds(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (call_invalid_rules_) {
    InvalidKwds(lambda);
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  if (Consume(TokenKind::kDoubleStar)) {
    if (ast::Arg* arg = ParamNoDefault(lambda)) return arg;
  }
  pos_ = start;
  return nullptr;
}

// parameters:
//     | slash_no_default param_no_default* param_with_default* [star_etc]
//     | slash_with_default param_with_default* [star_etc]
//     | param_no_default+ param_with_default* [star_etc]
//     | param_with_default+ [star_etc]
//     | star_etc
ast::Arguments* Parser::Parameters(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t base = ScratchMark();
  // The scratch stack ends up holding, in order: positional-only names [base, posonly_split)
  // and positional-only pairs with defaults [posonly_split, posonly_end); plain names
  // [posonly_end, defaults_begin); pairs with defaults [defaults_begin, star_begin); and the
  // keyword-only pairs [star_begin, end) pushed by star_etc.
  size_t posonly_split = base, posonly_end = base, defaults_begin = base, star_begin = base;
  ast::Arg* vararg = nullptr;
  ast::Arg* kwarg = nullptr;
  bool matched = false;
  auto push_plain = [&] {
    while (ast::Arg* arg = ParamNoDefault(lambda)) Push(arg);
  };
  auto push_pairs = [&] {
    while (NameDefaultPair* pair = ParamWithDefault(lambda)) Push(pair);
  };
  auto star_etc = [&] {
    star_begin = ScratchMark();
    if (!error_indicator_) StarEtc(lambda, &vararg, &kwarg);
  };

  // slash_no_default param_no_default* param_with_default* [star_etc]
  if (SlashNoDefault(lambda)) {
    posonly_split = posonly_end = ScratchMark();
    push_plain();
    defaults_begin = ScratchMark();
    push_pairs();
    star_etc();
    matched = true;
  }
  // slash_with_default param_with_default* [star_etc]
  if (!matched && !error_indicator_) {
    pos_ = start;
    if (SlashWithDefault(lambda, &posonly_split)) {
      posonly_end = defaults_begin = ScratchMark();
      push_pairs();
      star_etc();
      matched = true;
    }
  }
  // param_no_default+ param_with_default* [star_etc]
  if (!matched && !error_indicator_) {
    pos_ = start;
    posonly_split = posonly_end = base;
    push_plain();
    if (ScratchMark() != base) {
      defaults_begin = ScratchMark();
      push_pairs();
      star_etc();
      matched = true;
    }
  }
  // param_with_default+ [star_etc]
  if (!matched && !error_indicator_) {
    pos_ = start;
    PopTo(base);
    defaults_begin = base;
    push_pairs();
    if (ScratchMark() != base) {
      star_etc();
      matched = true;
    }
  }
  // star_etc
  if (!matched && !error_indicator_) {
    pos_ = start;
    PopTo(base);
    defaults_begin = star_begin = base;
    matched = StarEtc(lambda, &vararg, &kwarg);
  }
  if (!matched || error_indicator_) {
    PopTo(base);
    pos_ = start;
    return nullptr;
  }

  // _PyPegen_make_arguments.
  size_t end = ScratchMark();
  auto* arguments = NewNodeFrom<ast::Arguments>(start);
  uint32_t n_posonly = static_cast<uint32_t>(posonly_end - base);
  uint32_t n_args = static_cast<uint32_t>(star_begin - posonly_end);
  uint32_t n_defaults =
      static_cast<uint32_t>((posonly_end - posonly_split) + (star_begin - defaults_begin));
  uint32_t n_kwonly = static_cast<uint32_t>(end - star_begin);
  ast::Arg** posonly = NewListItems<ast::Arg*>(n_posonly);
  ast::Arg** args = NewListItems<ast::Arg*>(n_args);
  Expr** defaults = NewListItems<Expr*>(n_defaults);
  ast::Arg** kwonly = NewListItems<ast::Arg*>(n_kwonly);
  Expr** kw_defaults = NewListItems<Expr*>(n_kwonly);
  uint32_t di = 0;
  for (size_t i = base; i < posonly_end; ++i) {
    if (i < posonly_split) {
      posonly[i - base] = static_cast<ast::Arg*>(scratch_[i]);
    } else {
      auto* pair = static_cast<NameDefaultPair*>(scratch_[i]);
      posonly[i - base] = pair->arg;
      defaults[di++] = pair->value;
    }
  }
  for (size_t i = posonly_end; i < star_begin; ++i) {
    if (i < defaults_begin) {
      args[i - posonly_end] = static_cast<ast::Arg*>(scratch_[i]);
    } else {
      auto* pair = static_cast<NameDefaultPair*>(scratch_[i]);
      args[i - posonly_end] = pair->arg;
      defaults[di++] = pair->value;
    }
  }
  for (size_t i = star_begin; i < end; ++i) {
    auto* pair = static_cast<NameDefaultPair*>(scratch_[i]);
    kwonly[i - star_begin] = pair->arg;
    kw_defaults[i - star_begin] = pair->value;
  }
  PopTo(base);
  arguments->posonlyargs = ast::NodeList<ast::Arg>(posonly);
  arguments->args = ast::NodeList<ast::Arg>(args);
  arguments->defaults = ast::NodeList<Expr>(defaults);
  arguments->vararg = vararg;
  arguments->kwonlyargs = ast::NodeList<ast::Arg>(kwonly);
  arguments->kw_defaults = ast::NodeList<Expr>(kw_defaults);
  arguments->kwarg = kwarg;
  return arguments;
}

}  // namespace kensa::python::parser_internal
