// Turning index results into text: the human lines (`path:line: ...`), JSON objects and DOT
// for the index commands, all in one place so the commands stay thin and the formats agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/json_writer.h"
#include "index/project_index.h"
#include "render/index_json.h"

namespace kensa::cli {

using render::EdgeGroup;
using render::EdgeHowName;
using render::EdgeName;
using render::GroupEdges;
using render::ImportFlagNames;

// The import flags as a JSON array, without building strings (the whole graph's edges).
void WriteImportFlagsJson(JsonWriter& w, uint16_t flags);

// `src/a.py:12: a -> b (src/b.py) for X, Y via x [type-checking]`; `names` defaults to the
// edge's own imported name.
std::string DescribeEdge(const index::ProjectIndex& idx, const index::ImportEdge& edge,
                         const std::vector<std::string>* names = nullptr);

void WriteFileJson(JsonWriter& w, const index::ProjectIndex& idx, index::FileId id);
void WriteEdgeJson(JsonWriter& w, const index::ProjectIndex& idx, const index::ImportEdge& edge);
void WriteProjectJson(JsonWriter& w, const index::ProjectIndex& idx);  // "root", "package", ...
void WriteDiagnosticsJson(JsonWriter& w, const index::ProjectIndex& idx);

void PrintText(const std::string& text);

}  // namespace kensa::cli
