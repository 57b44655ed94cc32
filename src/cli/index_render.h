// Turning index results into text: the human lines (`path:line: ...`), JSON objects and DOT
// for the index commands, all in one place so the commands stay thin and the formats agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/json_writer.h"
#include "index/project_index.h"

namespace kensa::cli {

// "from", "star", "function", "class", "type-checking", "guarded", "conditional".
std::vector<std::string> ImportFlagNames(uint16_t flags);
// The same as a JSON array, without building strings.
void WriteImportFlagsJson(JsonWriter& w, uint16_t flags);
// "module", "name", "name-not-found", "script-local".
const char* EdgeHowName(index::ImportEdge::How how);

// The imported names of an edge, for messages ("UNet2DModel", "" for `import x`).
std::string_view EdgeName(const index::ProjectIndex& idx, const index::ImportEdge& edge);

// `src/a.py:12: a -> b (src/b.py) for X, Y via x [type-checking]`; `names` defaults to the
// edge's own imported name.
std::string DescribeEdge(const index::ProjectIndex& idx, const index::ImportEdge& edge,
                         const std::vector<std::string>* names = nullptr);

// Edges of one import statement that lead to the same file the same way, with their names:
// `from ..utils import a, b, c` is one group when a, b and c are all defined in one module.
struct EdgeGroup {
  const index::ImportEdge* edge;  // the first
  std::vector<std::string> names;
};
std::vector<EdgeGroup> GroupEdges(const index::ProjectIndex& idx,
                                  const std::vector<const index::ImportEdge*>& edges);

void WriteFileJson(JsonWriter& w, const index::ProjectIndex& idx, index::FileId id);
void WriteEdgeJson(JsonWriter& w, const index::ProjectIndex& idx, const index::ImportEdge& edge,
                   const std::vector<std::string>* names = nullptr);
void WriteProjectJson(JsonWriter& w, const index::ProjectIndex& idx);  // "root", "package", ...
void WriteDiagnosticsJson(JsonWriter& w, const index::ProjectIndex& idx);

void PrintText(const std::string& text);

}  // namespace kensa::cli
