// `kensa chain FROM TO`: the shortest chain of imports by which FROM ends up importing TO,
// each hop with the file:line of its import statement.
#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/index_render.h"
#include "cli/json_writer.h"
#include "render/index_json.h"

namespace kensa::cli {
namespace {

struct ChainOptions {
  IndexCommandOptions index;
  std::string from;
  std::string to;
  bool runtime = false;
};

constexpr char kFooter[] = R"(FROM and TO are module names or file paths. Prints one line per hop,
`path:line: importer -> imported`, the shortest chain (fewest hops) first found.

Exit codes: 0 a chain was found; 1 FROM does not import TO, even indirectly; 2 bad usage,
unknown module or no project; 3 internal error.)";

int RunChain(const ChainOptions& o) {
  LoadedIndex loaded;
  if (auto rc = LoadIndex(o.index, &loaded)) return *rc;
  const index::ProjectIndex& idx = *loaded.index;
  std::string error;
  index::FileId from = FindTarget(loaded, o.index, o.from, &error);
  index::FileId to =
      from == index::kNoFile ? index::kNoFile : FindTarget(loaded, o.index, o.to, &error);
  if (from == index::kNoFile || to == index::kNoFile) {
    std::fprintf(stderr, "kensa: error: %s\n", error.c_str());
    return kExitUsage;
  }
  uint16_t excluded = o.runtime ? (index::kTypeChecking | index::kInFunction) : 0;
  if (o.index.json) {
    render::Json j = render::ChainJson(idx, from, to, excluded);
    PrintText(JsonLine(j));
    return j["found"].get<bool>() ? kExitOk : kExitFindings;
  }
  index::ImportGraph graph(idx.files().files.size(), idx.imports().edges, excluded);
  std::vector<uint32_t> chain = graph.ShortestChain(from, to);
  bool found = !chain.empty() || from == to;
  std::string out;
  if (!found) {
    out = idx.file(from).module + " does not import " + idx.file(to).module + "\n";
  } else {
    for (uint32_t e : chain) out += DescribeEdge(idx, idx.imports().edges[e]) + "\n";
  }
  PrintText(out);
  return found ? kExitOk : kExitFindings;
}

}  // namespace

CommandRunner SetupChainCommand(CLI::App& sub) {
  auto o = std::make_shared<ChainOptions>();
  sub.add_option("FROM", o->from, "The importing module or file")->required();
  sub.add_option("TO", o->to, "The imported module or file")->required();
  sub.add_flag("--runtime", o->runtime,
               "Only imports that run at import time (not TYPE_CHECKING, not in functions)");
  AddIndexOptions(sub, &o->index);
  sub.footer(kFooter);
  return [o] { return RunChain(*o); };
}

}  // namespace kensa::cli
