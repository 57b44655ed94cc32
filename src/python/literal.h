// Literals: the values of NUMBER and STRING tokens, as CPython computes them.
//
// ParseStringLiterals implements CPython 3.11's string concatenation (implicit concatenation
// of adjacent STRING tokens, bytes/str mixing errors, u-prefix `kind`) and f-strings: it
// returns a Constant or a JoinedStr with CPython's positions. Replacement-field expressions are
// handed back to the parser through FStringExprParser, on the original text, so their nodes
// get their real positions (what 3.11 computes for them too).
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "base/arena.h"
#include "python/ast_nodes.h"
#include "python/python_version.h"
#include "python/source.h"
#include "python/syntax_error.h"
#include "python/token.h"

namespace kensa::python {

// Parses text()[begin, end) as the expression of an f-string replacement field: in 3.11, as
// if it were inside parentheses, with the grammar's `star_expressions` (so `f"{*a, b}"` is a
// Tuple). Returns null and fills *error on failure (the caller adds nothing to the message).
using FStringExprParser =
    std::function<ast::Expr*(uint32_t begin, uint32_t end, SyntaxError* error)>;

// The value of a NUMBER token the tokenizer accepted ("0x_1f", "1_000.5e-3", "3j").
// Fails (returns Kind::kNone and fills *error's type and message, if error is not null) only
// for a decimal int longer than 4300 digits, as CPython 3.11 does; the caller then sets
// line = end_line = the token's first line and offset = end_offset = 0 (CPython omits columns).
ast::ConstantValue ParseNumberLiteral(std::string_view text, Arena& arena,
                                      SyntaxError* error = nullptr);

// Builds the expression for one or more adjacent STRING tokens. Returns null and fills
// *error when CPython would raise (bad escape in bytes, non-ASCII in bytes, mixing bytes and
// str, f-string errors, ...).
//
// Error locations: CPython 3.11 reports every string-literal error at the parser's last
// fetched token, which is the token FOLLOWING the last STRING token (NEWLINE, ')', '+', ...).
// Such errors come back with error->line == 0 and the caller fills line/offset/end_line/
// end_offset from that token, as it does for its own errors. Errors that come from
// parse_expr (inside f-string replacement fields) are returned unchanged, with the location
// parse_expr gave them.
ast::Expr* ParseStringLiterals(const Source& source, std::span<const Token> tokens, Arena& arena,
                               const FStringExprParser& parse_expr, PythonVersion version,
                               SyntaxError* error);

}  // namespace kensa::python
