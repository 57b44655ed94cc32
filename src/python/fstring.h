// Internal to the AST layer: Python 3.11's string concatenation and f-string scanning
// (CPython's FstringParser), shared by literal_string.cc and fstring.cc.
//
// A StringGroup collects the parts of one group of adjacent STRING tokens: pending literal
// text (adjacent literals fold into one Constant) and the expressions built so far. Not
// thread-safe; one per ParseStringLiterals call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/arena.h"
#include "python/ast_nodes.h"
#include "python/literal.h"

namespace kensa::python::fstring {

// A byte range of the source: a token, or the group of tokens.
struct Span {
  uint32_t begin;
  uint32_t end;
};

class StringGroup {
 public:
  explicit StringGroup(Arena& arena) : arena_(arena) {}

  // Appends decoded literal text (empty text is ignored, as CPython does).
  void AddText(std::string_view text) { text_ += text; }
  // Appends a replacement field, first turning pending text into a Constant spanning `span`.
  void AddExpression(ast::Expr* expr, Span span, bool kind_u);
  // Marks the group as an f-string (the result is a JoinedStr even without fields).
  void SetFString() { fstring_ = true; }
  bool is_fstring() const { return fstring_; }

  // The finished expression: a Constant when no part was an f-string, else a JoinedStr; the
  // trailing text becomes a Constant spanning `span`, the JoinedStr spans `span` too.
  ast::Expr* Finish(Span span, bool kind_u);

 private:
  ast::Constant* MakeConstant(Span span, bool kind_u);

  Arena& arena_;
  bool fstring_ = false;
  std::string text_;
  std::vector<ast::Expr*> parts_;
};

// Context for scanning the f-string tokens of one group.
struct ScanContext {
  const Source& source;
  Arena& arena;
  const FStringExprParser& parse_expr;
  Span group;   // for the Constants and FormattedValues
  bool kind_u;  // the group's first token has a 'u' prefix
  SyntaxError* error;
};

// Scans the body [begin, end) of f-string token `token` into `group` (CPython's
// FstringParser_ConcatFstring at the top level). Returns false on error.
bool ConcatFString(const ScanContext& context, StringGroup& group, Span token, uint32_t begin,
                   uint32_t end, bool raw);

// Fills *error with a message located at the token following the strings (line == 0).
void SetLookaheadError(SyntaxError* error, std::string message);

}  // namespace kensa::python::fstring
