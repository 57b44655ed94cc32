// `kensa why FROM TO`: the static call paths from FROM to TO, shortest first, each hop with its
// call site and how the edge was resolved (query/call_query.h).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/call_render.h"
#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/index_render.h"
#include "cli/json_writer.h"
#include "cli/name_render.h"
#include "render/query_json.h"

namespace kensa::cli {
namespace {

struct WhyOptions {
  IndexCommandOptions index;
  std::string from;
  std::string to;
  size_t limit = 5;
  int max_length = 12;
};

constexpr char kFooter[] =
    R"(FROM must name one function (or module); TO may be partial (every definition it
names is a target):
  kensa why transformers.models.auto.auto_factory._BaseAutoModelClass.from_pretrained _sanitize_module_name
  kensa -C /usr/lib/python3.11 why json.dumps encode
Prints each path as numbered hops, shortest first:
  path 1 (5 calls):
    path:line:col: caller -> callee [how]
`how` is direct, decorator (a decorator's wrapper runs in place of the function),
class-hierarchy (the receiver's class is unknown, so every project class defining the method;
or the receiver's class lacks it and a subclass has it, as the hop says: the hop may not be
the one taken at run time), builtin or external. Only the shortest paths are listed
(--limit of them); calls whose callee cannot be known statically are counted on stderr as not
followed. The call graph covers FROM's file and every project module it imports, transitively.

Exit codes: 0 a path was found; 1 none; 2 bad usage, unknown or ambiguous FROM, unknown TO;
3 internal error.)";

int RunWhy(const WhyOptions& o) {
  LoadedIndex loaded;
  if (auto rc = LoadIndex(o.index, &loaded)) return *rc;
  const index::ProjectIndex& idx = *loaded.index;
  query::LookupResult from, to;
  if (auto rc = LookupOrExplain(loaded, o.index, "why", o.from, &from)) {
    return *rc == kExitFindings ? kExitUsage : *rc;
  }
  if (auto rc = RequireOne(loaded, "why", o.from, from)) return *rc;
  if (auto rc = LookupOrExplain(loaded, o.index, "why", o.to, &to)) {
    return *rc == kExitFindings ? kExitUsage : *rc;
  }
  query::CallQueryOptions options;
  options.limit = o.limit;
  options.max_length = o.max_length;
  query::CallQueryResult r = query::FindCallPaths(idx, from.matches.front(), to.matches, options);
  PrintCallNotes("why", r, o.index.quiet);
  std::string out;
  const size_t omitted = r.total - r.paths.size();
  if (o.index.json) {
    out = JsonLine(
        render::CallPathsJson(loaded.files->root.root, idx, from.matches.front(), to.matches, r));
  } else {
    for (size_t i = 0; i < r.paths.size(); ++i) {
      out.append("path ").append(std::to_string(i + 1)).append(" (");
      out.append(std::to_string(r.paths[i].size())).append(" calls):\n");
      for (const query::CallHop& h : r.paths[i])
        out.append("  ").append(DescribeHop(h)).append("\n");
    }
    if (omitted > 0) {
      out.append(std::to_string(omitted)).append(" more shortest paths not shown (--limit ");
      out.append(std::to_string(o.limit)).append(")\n");
    }
    if (r.total == 0) {
      std::fprintf(stderr,
                   "kensa why: no static call path from %s to %s within %d calls (%zu files in the "
                   "call graph)\n",
                   from.matches.front().name.c_str(), o.to.c_str(), o.max_length, r.files);
    }
  }
  PrintText(out);
  return r.total > 0 ? kExitOk : kExitFindings;
}

}  // namespace

CommandRunner SetupWhyCommand(CLI::App& sub) {
  auto o = std::make_shared<WhyOptions>();
  sub.add_option("FROM", o->from, "The function (or module) the paths start from")->required();
  sub.add_option("TO", o->to, "The function they reach (a partial name names every match)")
      ->required();
  sub.add_option("--limit", o->limit, "Show at most N paths; the rest are counted")
      ->option_text("N")
      ->capture_default_str();
  sub.add_option("--max-length", o->max_length, "Look for paths of at most N calls")
      ->option_text("N")
      ->capture_default_str();
  AddIndexOptions(sub, &o->index);
  sub.footer(kFooter);
  return [o] { return RunWhy(*o); };
}

}  // namespace kensa::cli
