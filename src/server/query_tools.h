// The MCP tools over the warm index: definition, references, callers, callees, call_paths,
// message_origin, imports, importers and import_chain. Each refreshes the workspace first
// (workspace.h), runs the query layer's function and answers with render/'s JSON (the CLI's
// --json document) as structured content and `path:line:col: ...` lines as text.
#pragma once

#include <string>

#include "server/tool.h"
#include "server/workspace.h"

namespace kensa::server {

struct QueryToolOptions {
  std::string emits_cache_path;  // message_origin's cache ("" = none)
};

void AddQueryTools(ToolTable* tools, Workspace* workspace, const QueryToolOptions& options);

// Text helpers shared by the tools: `file:line:col` of a render/ location object, and the
// "N more not shown" line of a bounded answer.
std::string LocationText(const render::Json& j);
std::string OmittedText(const render::Json& j, const char* what);

}  // namespace kensa::server
