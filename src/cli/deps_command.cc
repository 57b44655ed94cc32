// `kensa deps TARGET` and `kensa rdeps TARGET`: what a module imports, and what imports it —
// directly (each import with its file:line, resolved through re-exports to the defining
// module) or, with --transitive, everything reachable. The analysis is the index's; this file
// only turns it into lines or JSON.
#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/index_render.h"
#include "cli/json_writer.h"
#include "render/index_json.h"

namespace kensa::cli {
namespace {

struct DepsOptions {
  IndexCommandOptions index;
  std::string target;
  bool transitive = false;
  bool runtime = false;
};

constexpr char kFooter[] =
    R"(TARGET is a module name (diffusers.models.unets.unet_2d) or a file path.
Each import is shown where it is written (path:line), resolved to the module that defines what
it imports: `from diffusers import UNet2DModel` leads to the file defining UNet2DModel, through
the lazy __init__ files it passes (shown after "via").

Exit codes: 0 done; 2 bad usage, unknown TARGET or no project; 3 internal error. Files that
cannot be read or parsed are reported on stderr and left out; the command still succeeds.)";

constexpr uint16_t kRuntimeExcluded = index::kTypeChecking | index::kInFunction;

int RunDeps(const DepsOptions& o, bool reverse) {
  LoadedIndex loaded;
  if (auto rc = LoadIndex(o.index, &loaded)) return *rc;
  const index::ProjectIndex& idx = *loaded.index;
  std::string error;
  index::FileId target = FindTarget(loaded, o.index, o.target, &error);
  if (target == index::kNoFile) {
    std::fprintf(stderr, "kensa: error: %s\n", error.c_str());
    return kExitUsage;
  }
  const uint16_t excluded = o.runtime ? kRuntimeExcluded : 0;
  if (o.index.json) {
    render::DepsQuery q;
    q.target = target;
    q.reverse = reverse;
    q.transitive = o.transitive;
    q.excluded = excluded;
    PrintText(JsonLine(render::DepsJson(idx, q)));
    return kExitOk;
  }
  std::string out;
  if (o.transitive) {
    index::ImportGraph graph(idx.files().files.size(), idx.imports().edges, excluded);
    for (index::FileId id : graph.Reachable(target, reverse)) {
      out += idx.file(id).module + " (" + idx.file(id).path + ")\n";
    }
  } else {
    std::vector<const index::ImportEdge*> edges;
    for (const index::ImportEdge& e : idx.imports().edges) {
      if ((reverse ? e.to : e.from) == target && (e.flags & excluded) == 0) edges.push_back(&e);
    }
    for (const EdgeGroup& g : GroupEdges(idx, edges)) {
      out += DescribeEdge(idx, *g.edge, &g.names) + "\n";
    }
    if (!reverse) {
      const std::string& path = idx.file(target).path;
      for (const index::ExternalImport& x : idx.imports().externals) {
        if (x.from != target || (x.flags & excluded)) continue;
        out += path + ":" + std::to_string(x.line) + ": external " + x.module +
               (x.stdlib ? " (standard library)\n" : " (third party)\n");
      }
      for (const index::UnresolvedImport& u : idx.imports().unresolved) {
        if (u.from != target || (u.flags & excluded)) continue;
        out += path + ":" + std::to_string(u.line) + ": unresolved: " + u.reason + "\n";
      }
    }
  }
  PrintText(out);
  return kExitOk;
}

CommandRunner Setup(CLI::App& sub, bool reverse) {
  auto o = std::make_shared<DepsOptions>();
  sub.add_option("TARGET", o->target, "A module name or a Python file")->required();
  sub.add_flag("--transitive", o->transitive,
               reverse ? "Every module that imports TARGET, directly or not"
                       : "Every module TARGET imports, directly or not");
  sub.add_flag("--runtime", o->runtime,
               "Leave out imports that do not run at import time (TYPE_CHECKING, in functions)");
  AddIndexOptions(sub, &o->index);
  sub.footer(kFooter);
  return [o, reverse] { return RunDeps(*o, reverse); };
}

}  // namespace

CommandRunner SetupDepsCommand(CLI::App& sub) {
  return Setup(sub, false);
}
CommandRunner SetupRdepsCommand(CLI::App& sub) {
  return Setup(sub, true);
}

}  // namespace kensa::cli
