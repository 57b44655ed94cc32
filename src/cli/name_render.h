// What the name-based queries (def, refs, callers, callees, why) share in the CLI: reading a
// NAME argument (a `path.py:LINE` is taken relative to the current directory, as a shell user
// means it), looking it up, reporting no match or an ambiguous one, and rendering a definition
// as a `path:line:col: kind name` line or a JSON object.
#pragma once

#include <optional>
#include <string>

#include "cli/index_loader.h"
#include "query/name_lookup.h"

namespace kensa::cli {

// NAME with the path of a `path.py:LINE` made relative to the project root.
std::string RootRelativeName(const LoadedIndex& loaded, const IndexCommandOptions& options,
                             const std::string& name);

// Looks NAME up. On a bad name or no match prints why on stderr ("kensa CMD: ...") and returns
// the exit code: 2 for a name that cannot be read, 1 for no match.
std::optional<int> LookupOrExplain(const LoadedIndex& loaded, const IndexCommandOptions& options,
                                   const char* command, const std::string& name,
                                   query::LookupResult* result);

// For the queries that need one definition: the only match, or (when several match) the
// candidates listed on stderr and exit code 2.
std::optional<int> RequireOne(const LoadedIndex& loaded, const char* command,
                              const std::string& name, const query::LookupResult& result);

// `path:line:col` of a symbol (1-based column).
std::string SymbolLocation(const index::ProjectIndex& idx, const query::Symbol& symbol);
// `path:line:col: kind name`.
std::string DescribeMatch(const index::ProjectIndex& idx, const query::NameMatch& match);
}  // namespace kensa::cli
