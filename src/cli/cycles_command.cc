// `kensa cycles`: import cycles — groups of modules that import each other, directly or not
// (strongly connected components of the import graph), each shown with one concrete cycle.
// By default only imports that run at import time count (not under TYPE_CHECKING, not inside
// functions), since only those can fail with a circular import; --all-edges counts every one.
#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/index_render.h"

namespace kensa::cli {
namespace {

struct CyclesOptions {
  IndexCommandOptions index;
  bool all_edges = false;
};

constexpr char kFooter[] =
    R"(Each cycle is printed as its modules, then one shortest loop through its
first module, one line per import (`path:line: importer -> imported`).

Exit codes: 0 no cycle; 1 cycles found; 2 bad usage or no project; 3 internal error.)";

// The edges of a shortest loop from `start` back to itself.
std::vector<uint32_t> ShortestLoop(const index::ImportGraph& graph, index::FileId start) {
  std::vector<uint32_t> best;
  for (const index::ImportGraph::Arc& arc : graph.Out(start)) {
    if (arc.node == start) return {arc.edge};
    std::vector<uint32_t> back = graph.ShortestChain(arc.node, start);
    if (back.empty()) continue;
    if (best.empty() || back.size() + 1 < best.size()) {
      best = {arc.edge};
      best.insert(best.end(), back.begin(), back.end());
    }
  }
  return best;
}

int RunCycles(const CyclesOptions& o) {
  LoadedIndex loaded;
  if (auto rc = LoadIndex(o.index, &loaded)) return *rc;
  const index::ProjectIndex& idx = *loaded.index;
  uint16_t excluded = o.all_edges ? 0 : (index::kTypeChecking | index::kInFunction);
  index::ImportGraph graph(idx.files().files.size(), idx.imports().edges, excluded);
  std::vector<std::vector<index::FileId>> cycles = graph.Cycles();
  std::string out;
  JsonWriter w(&out);
  if (o.index.json) {
    w.BeginObject();
    WriteProjectJson(w, idx);
    w.Key("cycles").BeginArray();
  }
  for (size_t i = 0; i < cycles.size(); ++i) {
    std::vector<uint32_t> loop = ShortestLoop(graph, cycles[i][0]);
    if (o.index.json) {
      w.BeginObject().Key("modules").BeginArray();
      for (index::FileId id : cycles[i]) WriteFileJson(w, idx, id);
      w.EndArray().Key("loop").BeginArray();
      for (uint32_t e : loop) WriteEdgeJson(w, idx, idx.imports().edges[e]);
      w.EndArray().EndObject();
      continue;
    }
    out +=
        "cycle " + std::to_string(i + 1) + " (" + std::to_string(cycles[i].size()) + " modules):";
    for (index::FileId id : cycles[i]) out += " " + idx.file(id).module;
    out += "\n";
    for (uint32_t e : loop) out += "  " + DescribeEdge(idx, idx.imports().edges[e]) + "\n";
  }
  if (o.index.json) {
    w.EndArray();
    WriteDiagnosticsJson(w, idx);
    w.EndObject();
    w.Finish();
    out += "\n";
  } else if (cycles.empty()) {
    out = "no import cycles\n";
  }
  PrintText(out);
  return cycles.empty() ? kExitOk : kExitFindings;
}

}  // namespace

CommandRunner SetupCyclesCommand(CLI::App& sub) {
  auto o = std::make_shared<CyclesOptions>();
  sub.add_flag("--all-edges", o->all_edges,
               "Count every import, also under TYPE_CHECKING and inside functions");
  AddIndexOptions(sub, &o->index);
  sub.footer(kFooter);
  return [o] { return RunCycles(*o); };
}

}  // namespace kensa::cli
