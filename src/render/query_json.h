// JSON of the name, call and message queries: `kensa def|refs|callers|callees|why|emits --json`
// and the MCP tools definition, references, callers, callees, call_paths and message_origin.
// Every location is a file relative to the project root with a 1-based line and column.
#pragma once

#include <string>
#include <vector>

#include "index/project_index.h"
#include "query/call_query.h"
#include "query/message_query.h"
#include "query/name_lookup.h"
#include "query/reference_query.h"
#include "render/json.h"

namespace kensa::render {

// {"name", "kind", "file", "line", "column", "first_line", "end_line", "match", "via": [...]}
Json MatchJson(const index::ProjectIndex& idx, const query::NameMatch& match);
// {"root", "query", "definitions", "total", "omitted"}: the first `limit` matches.
Json DefinitionsJson(const std::string& root, const std::string& query,
                     const index::ProjectIndex* idx, const std::vector<query::NameMatch>& matches,
                     size_t limit);
// {"root", "query", "definition", "references", "total", "omitted", "files_searched"}
Json ReferencesJson(const std::string& root, const std::string& query,
                    const index::ProjectIndex& idx, const query::NameMatch& target,
                    const query::RefsResult& r);

// {"file", "line", "column", "function" (the caller), "callee", "how", "depth"}
Json HopJson(const query::CallHop& hop);
// {"root", "query", "definition", "calls", "total", "omitted", "unresolved", ...}
Json CallsJson(const std::string& root, const std::string& query, const index::ProjectIndex& idx,
               const query::NameMatch& target, const query::CallQueryResult& r);
// {"root", "from", "to", "paths", "total", "omitted", "unresolved", ...}
Json CallPathsJson(const std::string& root, const index::ProjectIndex& idx,
                   const query::NameMatch& from, const std::vector<query::NameMatch>& to,
                   const query::CallQueryResult& r);

// {"file", "line", "column", "function", "kind", "emitter", "template", "pieces", ...}
Json OriginJson(const query::MessageOrigin& o);
// {"root", "message", "origins", "total", "omitted", "files", "parsed"}
Json EmitsJson(const std::string& root, const query::EmitsResult& r);
// The share of the text an origin explains, as printed: floor(coverage * 100).
int CoveragePercent(const query::MessageOrigin& o);

}  // namespace kensa::render
