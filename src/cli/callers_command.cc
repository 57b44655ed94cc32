// `kensa callers FUNC [--depth N]` and `kensa callees FUNC`: the calls into and out of one
// function on the call graph built from it outward (query/call_query.h).
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

struct CallsOptions {
  IndexCommandOptions index;
  std::string name;
  int depth = 1;
  size_t limit = 100;
  bool callers = true;
};

constexpr char kCallersFooter[] = R"(FUNC is read as by `kensa def` and must name one definition:
  kensa callers transformers.dynamic_module_utils._sanitize_module_name
  kensa callers get_cached_module_file --depth 3
  kensa -C /usr/lib/python3.11 callers json.dumps
Each line is `path:line:col: caller -> callee [how]`, the call site first; with --depth N the
callers of the callers follow, level by level (--json gives each hop's depth). `how` says how
the edge was resolved: direct (names, attributes, imports), decorator, class-hierarchy (the
receiver's class is not known, so every project class defining the method; or the receiver's
class lacks it and its subclasses have it — the hop says which). The call graph is
built from the files that can name FUNC (its own, its importers, importers of a re-exporting
module), and for each further level from the files naming the callers found.

Exit codes: 0 callers found; 1 none; 2 bad usage, unknown or ambiguous FUNC; 3 internal error.)";

constexpr char kCalleesFooter[] = R"(FUNC is read as by `kensa def` and must name one definition:
  kensa callees transformers.generation.utils.GenerationMixin.load_custom_generate
  kensa -C /usr/lib/python3.11 callees json.dumps
Each line is `path:line:col: FUNC -> callee [how]`, builtins as <builtin>.name and names
outside the project as imported. The call graph is built from FUNC's file and the project
modules it imports, transitively. Calls whose callee cannot be known statically are counted
on stderr ("not followed").

Exit codes: 0 callees found; 1 none; 2 bad usage, unknown or ambiguous FUNC; 3 internal error.)";

int RunCalls(const CallsOptions& o) {
  const char* command = o.callers ? "callers" : "callees";
  if (o.depth < 1 || o.depth > 10) {
    std::fprintf(stderr, "kensa %s: error: --depth must be between 1 and 10\n", command);
    return kExitUsage;
  }
  LoadedIndex loaded;
  if (auto rc = LoadIndex(o.index, &loaded)) return *rc;
  const index::ProjectIndex& idx = *loaded.index;
  query::LookupResult lookup;
  if (auto rc = LookupOrExplain(loaded, o.index, command, o.name, &lookup)) {
    return *rc == kExitFindings ? kExitUsage : *rc;
  }
  if (auto rc = RequireOne(loaded, command, o.name, lookup)) return *rc;
  const query::NameMatch& target = lookup.matches.front();
  query::CallQueryOptions options;
  options.depth = o.depth;
  options.limit = o.limit;
  query::CallQueryResult r = o.callers ? query::FindCallers(idx, target, options)
                                       : query::FindCallees(idx, target, options);
  PrintCallNotes(command, r, o.index.quiet);
  const size_t omitted = r.total - r.hops.size();
  std::string out;
  if (o.index.json) {
    out = JsonLine(render::CallsJson(loaded.files->root.root, o.name, idx, target, r));
  } else {
    for (const query::CallHop& h : r.hops) out += DescribeHop(h) + "\n";
    if (omitted > 0) {
      out.append(std::to_string(omitted)).append(" more not shown (--limit ");
      out.append(std::to_string(o.limit)).append(")\n");
    }
    if (r.total == 0) {
      std::fprintf(stderr, "kensa %s: no %s of %s (%zu files in the call graph)\n", command,
                   command, target.name.c_str(), r.files);
    }
  }
  PrintText(out);
  return r.total > 0 ? kExitOk : kExitFindings;
}

CommandRunner Setup(CLI::App& sub, bool callers) {
  auto o = std::make_shared<CallsOptions>();
  o->callers = callers;
  sub.add_option("FUNC", o->name, "pkg.module.Class.method, a part of one, or path.py:LINE")
      ->required();
  if (callers) {
    sub.add_option("--depth", o->depth, "Follow the callers of the callers N levels up")
        ->option_text("N")
        ->capture_default_str();
  }
  sub.add_option("--limit", o->limit, "Show at most N calls; the rest are counted")
      ->option_text("N")
      ->capture_default_str();
  AddIndexOptions(sub, &o->index);
  sub.footer(callers ? kCallersFooter : kCalleesFooter);
  return [o] { return RunCalls(*o); };
}

}  // namespace

CommandRunner SetupCallersCommand(CLI::App& sub) {
  return Setup(sub, true);
}
CommandRunner SetupCalleesCommand(CLI::App& sub) {
  return Setup(sub, false);
}

}  // namespace kensa::cli
