// Parser: Source -> AST, accepting and rejecting exactly what CPython's ast.parse() does for
// the chosen PythonVersion, building the same tree with the same positions, and failing with
// the same SyntaxError (class, message, line, offset) for the common mistakes.
//
// A hand-written recursive-descent parser that follows CPython's PEG grammar
// (Grammar/python.gram) rule by rule, with bounded backtracking over a token buffer; the
// error pass mirrors CPython's `invalid_*` rules. Recursion is bounded (a too-deep nesting is
// a SyntaxError, as in CPython: "too many nested parentheses" / "parser stack overflow"), never
// a stack overflow. Thread-safe: each call is independent.
#pragma once

#include <memory>
#include <optional>

#include "base/arena.h"
#include "python/ast_nodes.h"
#include "python/python_version.h"
#include "python/source.h"
#include "python/syntax_error.h"

namespace kensa::python {

struct ParseOptions {
  PythonVersion version = PythonVersion::k3_11;
};

// A parsed module: the tree and the arena that owns it. Movable, not copyable.
struct ParsedModule {
  Arena arena;
  ast::Module* module = nullptr;  // null when error is set
  std::optional<SyntaxError> error;
};

// Parses a whole file (CPython's "exec" mode). `source` must outlive the result, since the
// tree's strings may point into it.
ParsedModule ParseModule(const Source& source, ParseOptions options = {});

}  // namespace kensa::python
