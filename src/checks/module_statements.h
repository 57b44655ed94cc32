// The module-level statements of a parsed module as ast.NodeVisitor meets them outside
// functions and classes: the body, and the bodies of module-level `if`/`try` blocks, where
// modules put guarded imports and definitions (and where inspect's _ClassFinder still finds a
// class, since only functions and classes enter its qualified name). Pure; thread-safe.
#pragma once

#include <vector>

#include "python/ast_nodes.h"

namespace kensa::checks {

// Appends every statement of `body` to *out, each followed by those of its if/try blocks.
void ModuleLevelStatements(const python::ast::NodeList<python::ast::Stmt>& body,
                           std::vector<const python::ast::Stmt*>* out);

}  // namespace kensa::checks
