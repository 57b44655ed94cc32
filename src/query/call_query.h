// Call queries over the call graph (query/call_graph.h): `kensa callers FUNC [--depth N]`,
// `kensa callees FUNC` and `kensa why FROM TO`.
//
// The graph is built on demand from the queried function outward, never for the whole
// program: callees and why parse FUNC's (FROM's) file and the project modules it imports,
// transitively (that import closure is whole-program within it: the call graph propagates
// over every module it loaded); callers parses the files that can name FUNC
// (reference_query.h's FilesNaming) and, for each further level, the files naming the
// callers found. Names are read by query/name_lookup.h; the call graph names scopes in PyCG
// style relative to the package root (the folder holding the top-level packages, `src/` in a
// src layout), which are the same names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "index/project_index.h"
#include "query/name_lookup.h"

namespace kensa::query {

// One call: `caller` calls `callee` at file:line:col.
struct CallHop {
  std::string caller;  // PyCG names
  std::string callee;
  std::string file;  // relative to the project root
  uint32_t line = 0;
  uint32_t column = 0;  // 0-based
  std::string how;      // direct, builtin, external, class-hierarchy, decorator (call_graph.h)
  std::string note;     // class-hierarchy: which classes the edge was found through
  int depth = 1;        // for callers: 1 = calls FUNC itself, 2 = calls a caller, ...
};

struct CallQueryOptions {
  int depth = 1;        // callers: levels followed
  size_t limit = 100;   // hops (callers, callees) or paths (why) returned
  int max_length = 12;  // why: the longest path looked for, in calls
};

struct CallQueryResult {
  std::vector<CallHop> hops;                // callers / callees, at most limit
  std::vector<std::vector<CallHop>> paths;  // why: shortest first, at most limit
  size_t total = 0;         // before the limit (why: at least limit + 1 when more paths exist)
  size_t files = 0;         // files the call graph parsed
  bool found_scope = true;  // FUNC / FROM is in the graph
  // What was not followed: calls in the functions explored whose callee could not be
  // resolved ("path:line: text in function"), counted and the first few kept.
  size_t unresolved = 0;
  std::vector<std::string> unresolved_examples;
  std::vector<std::string> problems;  // files the graph could not read or parse
  bool incomplete = false;  // the call graph stopped before its fixpoint: edges may be missing
  bool truncated = false;   // why: the search stopped at its step bound; longer paths may exist
};

CallQueryResult FindCallers(const index::ProjectIndex& index, const NameMatch& target,
                            const CallQueryOptions& options);
CallQueryResult FindCallees(const index::ProjectIndex& index, const NameMatch& target,
                            const CallQueryOptions& options);
// Paths from `from` to any of `to` (every definition a partial TO names).
CallQueryResult FindCallPaths(const index::ProjectIndex& index, const NameMatch& from,
                              const std::vector<NameMatch>& to, const CallQueryOptions& options);

}  // namespace kensa::query
