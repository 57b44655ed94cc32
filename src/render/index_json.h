// JSON of the import-graph queries: files, import edges, deps/rdeps and chains, with the
// project's description and diagnostics. Used by `kensa deps|rdeps|chain --json` and the MCP
// tools imports, importers and import_chain.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/project_index.h"
#include "render/json.h"

namespace kensa::render {

// "from", "star", "function", "class", "type-checking", "guarded", "conditional".
std::vector<std::string> ImportFlagNames(uint16_t flags);
// "module", "name", "name-not-found", "script-local".
const char* EdgeHowName(index::ImportEdge::How how);

// The imported names of an edge, for messages ("UNet2DModel", "" for `import x`).
std::string_view EdgeName(const index::ProjectIndex& idx, const index::ImportEdge& edge);

// Edges of one import statement that lead to the same file the same way, with their names:
// `from ..utils import a, b, c` is one group when a, b and c are all defined in one module.
struct EdgeGroup {
  const index::ImportEdge* edge;  // the first
  std::vector<std::string> names;
};
std::vector<EdgeGroup> GroupEdges(const index::ProjectIndex& idx,
                                  const std::vector<const index::ImportEdge*>& edges);

// {"module", "path"}
Json FileJson(const index::ProjectIndex& idx, index::FileId id);
// {"from", "to", "line", "how", "names"?, "kind", "via"?, "dummy"?}; `names` defaults to the
// edge's own imported name.
Json EdgeJson(const index::ProjectIndex& idx, const index::ImportEdge& edge,
              const std::vector<std::string>* names = nullptr);
// Sets "root", "source", "package", "preset" on `j`.
void AddProjectJson(Json& j, const index::ProjectIndex& idx);
// [{"path", "line"?, "column"?, "severity", "message"}] of the project and its files.
Json DiagnosticsJson(const index::ProjectIndex& idx);

struct DepsQuery {
  index::FileId target = index::kNoFile;
  bool reverse = false;     // rdeps: what imports the target
  bool transitive = false;  // every module reached, not the import statements
  uint16_t excluded = 0;    // edges with any of these flags are left out (--runtime)
  // Bounds for the MCP server (the CLI lists everything): at most `limit` entries in each list,
  // the rest counted in "omitted".
  size_t limit = SIZE_MAX;
  bool with_diagnostics = true;
};
// `kensa deps|rdeps --json`.
Json DepsJson(const index::ProjectIndex& idx, const DepsQuery& q);

// `kensa chain --json`: the shortest import chain from `from` to `to`.
Json ChainJson(const index::ProjectIndex& idx, index::FileId from, index::FileId to,
               uint16_t excluded, bool with_diagnostics = true);

}  // namespace kensa::render
