// The invalid_* rules of CPython 3.11's grammar for function and lambda parameters
// (second pass only; see parser_invalid.cc). The lambda variants take `lambda`.
#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

// invalid_parameters:
//     | param_no_default* invalid_parameters_helper param_no_default
//     | param_no_default* '(' param_no_default+ ','? ')'
//     | "/" ','
//     | (slash_no_default | slash_with_default) param_maybe_default* '/'
//     | (slash_no_default | slash_with_default)? param_maybe_default* '*'
//       (',' | param_no_default) param_maybe_default* '/'
//     | param_maybe_default+ '/' '*'
// invalid_lambda_parameters: the same with lambda_ rules, and '(' ','.lambda_param+ ','? ')'
bool Parser::InvalidParameters(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  auto skip_no_default = [&] {
    while (ParamNoDefault(lambda) != nullptr) {
    }
  };
  auto skip_maybe_default = [&] {
    int n = 0;
    while (ParamMaybeDefault(lambda) != nullptr) ++n;
    return n;
  };
  auto slash = [&] {  // (slash_no_default | slash_with_default)
    int before = pos_;
    bool ok = SlashNoDefault(lambda);
    if (!ok && !error_indicator_) {
      pos_ = before;
      size_t split;
      ok = SlashWithDefault(lambda, &split);
    }
    PopTo(mark);
    return ok;
  };

  skip_no_default();
  if (!error_indicator_ && InvalidParametersHelper(lambda)) {
    PopTo(mark);
    if (ast::Arg* a = ParamNoDefault(lambda)) {
      RaiseKnownLocation(a, "non-default argument follows default argument");
      return false;
    }
  }
  PopTo(mark);
  if (error_indicator_) return false;

  pos_ = start;
  skip_no_default();
  if (!error_indicator_ && At(TokenKind::kLPar)) {
    int open = pos_++;
    bool ok = false;
    if (lambda) {
      int count = 0;
      for (;;) {
        int before = pos_;
        if (count > 0 && !Consume(TokenKind::kComma)) break;
        if (Param(lambda, false) == nullptr) {
          pos_ = before;
          break;
        }
        ++count;
      }
      ok = count > 0;
    } else {
      int count = 0;
      while (ParamNoDefault(lambda) != nullptr) ++count;
      ok = count > 0;
    }
    if (ok && !error_indicator_) {
      Consume(TokenKind::kComma);
      if (At(TokenKind::kRPar)) {
        RaiseKnownRange(tokens_[open].begin, Cur().end,
                        lambda ? "Lambda expression parameters cannot be parenthesized"
                               : "Function parameters cannot be parenthesized");
        return false;
      }
    }
  }
  if (error_indicator_) return false;

  // "/" ','  (a double-quoted operator is an ordinary token in pegen)
  pos_ = start;
  if (At(TokenKind::kSlash) && KindAt(pos_ + 1) == TokenKind::kComma) {
    RaiseKnownLocation(Cur(), "at least one argument must precede /");
    return false;
  }

  pos_ = start;
  if (slash()) {
    skip_maybe_default();
    if (!error_indicator_ && At(TokenKind::kSlash)) {
      RaiseKnownLocation(Cur(), "/ may appear only once");
      return false;
    }
  }
  if (error_indicator_) return false;

  pos_ = start;
  {
    int before = pos_;
    if (!slash()) pos_ = before;
    if (!error_indicator_) skip_maybe_default();
    if (!error_indicator_ && Consume(TokenKind::kStar)) {
      bool ok = Consume(TokenKind::kComma);
      if (!ok && !error_indicator_) ok = ParamNoDefault(lambda) != nullptr;
      if (ok && !error_indicator_) {
        skip_maybe_default();
        if (!error_indicator_ && At(TokenKind::kSlash)) {
          RaiseKnownLocation(Cur(), "/ must be ahead of *");
          return false;
        }
      }
    }
  }
  if (error_indicator_) return false;

  pos_ = start;
  if (skip_maybe_default() > 0 && !error_indicator_ && Consume(TokenKind::kSlash) &&
      At(TokenKind::kStar)) {
    RaiseKnownLocation(Cur(), "expected comma between / and *");
    return false;
  }
  PopTo(mark);
  pos_ = start;
  return false;
}

// invalid_parameters_helper: slash_with_default | param_with_default+
bool Parser::InvalidParametersHelper(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  size_t mark = ScratchMark();
  size_t split;
  if (SlashWithDefault(lambda, &split)) {
    PopTo(mark);
    return true;
  }
  PopTo(mark);
  if (error_indicator_) return false;
  pos_ = start;
  int count = 0;
  while (ParamWithDefault(lambda) != nullptr) ++count;
  if (count > 0 && !error_indicator_) return true;
  pos_ = start;
  return false;
}

// invalid_default: '=' &(')'|',')
bool Parser::InvalidDefault() {
  KENSA_ENTER_RULE();
  if (At(TokenKind::kEqual)) {
    TokenKind next = KindAt(pos_ + 1);
    if (next == TokenKind::kRPar || next == TokenKind::kComma) {
      RaiseKnownLocation(Cur(), "expected default value expression");
    }
  }
  return false;
}

// invalid_star_etc:
//     | '*' (')' | ',' (')' | '**'))
//     | '*' ',' TYPE_COMMENT                     (no type comments: never)
//     | '*' param '='
//     | '*' (param_no_default | ',') param_maybe_default* '*' (param_no_default | ',')
// invalid_lambda_star_etc:
//     | '*' (':' | ',' (':' | '**'))           (reported at the last token)
//     | '*' lambda_param '='
//     | '*' (lambda_param_no_default | ',') lambda_param_maybe_default* '*'
//       (lambda_param_no_default | ',')
bool Parser::InvalidStarEtc(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!At(TokenKind::kStar)) return false;
  TokenKind end = lambda ? TokenKind::kColon : TokenKind::kRPar;
  ++pos_;
  bool bare = Consume(end);
  if (!bare && Consume(TokenKind::kComma)) {
    bare = Consume(end) || Consume(TokenKind::kDoubleStar);
  }
  if (bare) {
    if (lambda) {
      RaiseSyntaxError("named arguments must follow bare *");
    } else {
      RaiseKnownLocation(tokens_[start], "named arguments must follow bare *");
    }
    return false;
  }
  pos_ = start + 1;
  if (Param(lambda, false) != nullptr && At(TokenKind::kEqual)) {
    RaiseKnownLocation(Cur(), "var-positional argument cannot have default value");
    return false;
  }
  if (error_indicator_) return false;
  pos_ = start + 1;
  auto star_target = [&] {  // (param_no_default | ',')
    if (ParamNoDefault(lambda) != nullptr) return true;
    return !error_indicator_ && Consume(TokenKind::kComma);
  };
  if (star_target()) {
    while (ParamMaybeDefault(lambda) != nullptr) {
    }
    if (!error_indicator_ && At(TokenKind::kStar)) {
      int second = pos_++;
      if (star_target()) {
        RaiseKnownLocation(tokens_[second], "* argument may appear only once");
        return false;
      }
    }
  }
  pos_ = start;
  return false;
}

// invalid_kwds:
//     | '**' param '='
//     | '**' param ',' param
//     | '**' param ',' ('*'|'**'|'/')
bool Parser::InvalidKwds(bool lambda) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kDoubleStar)) return false;
  if (Param(lambda, false) != nullptr) {
    if (At(TokenKind::kEqual)) {
      RaiseKnownLocation(Cur(), "var-keyword argument cannot have default value");
      return false;
    }
    if (Consume(TokenKind::kComma)) {
      int after = pos_;
      if (ast::Arg* a = Param(lambda, false)) {
        RaiseKnownLocation(a, "arguments cannot follow var-keyword argument");
        return false;
      }
      if (error_indicator_) return false;
      pos_ = after;
      TokenKind kind = CurKind();
      if (kind == TokenKind::kStar || kind == TokenKind::kDoubleStar || kind == TokenKind::kSlash) {
        RaiseKnownLocation(Cur(), "arguments cannot follow var-keyword argument");
        return false;
      }
    }
  }
  pos_ = start;
  return false;
}

}  // namespace kensa::python::parser_internal
