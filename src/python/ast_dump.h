// ast.dump: prints an AST exactly as CPython's `ast.dump(tree, include_attributes=...)` does
// (indent=None, annotate_fields=True), for the chosen Python version's node fields.
//
// Positions (lineno, col_offset, end_lineno, end_col_offset) come from the nodes' byte ranges
// through Source::Locate. The AST layer owns this code; it is stateless and thread-safe (the
// tree and the source are only read).
#pragma once

#include <string>

#include "python/ast_nodes.h"
#include "python/python_version.h"
#include "python/source.h"

namespace kensa::python {

struct DumpOptions {
  // ast.dump's include_attributes: print lineno/col_offset/end_lineno/end_col_offset.
  bool include_attributes = true;
  // k3_12 prints the 3.12 fields (type_params) as CPython 3.12 does.
  PythonVersion version = PythonVersion::k3_11;
};

// The text of ast.dump(node, include_attributes=...), without a trailing newline.
std::string DumpAst(const ast::Node& node, const Source& source, const DumpOptions& options = {});

// The same, appended to *out (for dumping many trees into one buffer).
void AppendAstDump(const ast::Node& node, const Source& source, const DumpOptions& options,
                   std::string* out);

}  // namespace kensa::python
