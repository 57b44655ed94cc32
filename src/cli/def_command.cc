// `kensa def NAME`: where NAME is defined — followed through re-exports, lazy inits, aliases
// and base classes (query/name_lookup.h) — as `path:line:col: kind name` lines, each with the
// bindings it went through.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/index_render.h"
#include "cli/json_writer.h"
#include "cli/name_render.h"
#include "render/query_json.h"

namespace kensa::cli {
namespace {

struct DefOptions {
  IndexCommandOptions index;
  std::string name;
  size_t limit = 20;
};

constexpr char kFooter[] =
    R"(NAME is a PyCG-style name (module path from the root, then the qualified name),
a bare or partial one, or path.py:LINE:
  kensa def transformers.dynamic_module_utils._sanitize_module_name
  kensa def _sanitize_module_name          every definition of that name, best first
  kensa -C /usr/lib/python3.11 def Morsel.set
  kensa -C /usr/lib/python3.11 def os.path.join    -> posixpath.py, via `import posixpath as path`
  kensa def diffusers.UNet2DModel          through the lazy __init__'s _import_structure
  kensa def src/diffusers/pipelines/pipeline_utils.py:120
A full name is followed as Python finds the attribute: imports and re-exports in __init__
files, lazy _import_structure exports, TYPE_CHECKING imports, star imports, `x = y` bindings
and base classes; each binding passed is printed under the definition as
  via path:line: how name
When the full name does not resolve, every definition whose name ends with NAME is listed,
ranked: library code before examples, scripts and tests, public before private, shorter first.
The line and column are those of the `def`/`class` keyword; --json also gives first_line (the
first decorator, where inspect.getsourcelines starts) and end_line.

Exit codes: 0 found; 1 no definition of NAME; 2 bad usage or no project; 3 internal error.)";

int RunDef(const DefOptions& o) {
  LoadedIndex loaded;
  if (auto rc = LoadIndex(o.index, &loaded)) return *rc;
  const index::ProjectIndex& idx = *loaded.index;
  query::LookupResult result;
  if (auto rc = LookupOrExplain(loaded, o.index, "def", o.name, &result)) {
    if (*rc == kExitFindings && o.index.json) {
      PrintText(JsonLine(render::DefinitionsJson(loaded.files->root.root, o.name, &idx, {}, 0)));
    }
    return *rc;
  }
  const size_t total = result.matches.size();
  const size_t shown = std::min(total, o.limit);
  std::string out;
  if (o.index.json) {
    out = JsonLine(
        render::DefinitionsJson(loaded.files->root.root, o.name, &idx, result.matches, o.limit));
  } else {
    for (size_t i = 0; i < shown; ++i) {
      const query::NameMatch& m = result.matches[i];
      out += DescribeMatch(idx, m) + "\n";
      for (const query::LookupHop& hop : m.via) {
        out += "    via " + idx.file(hop.file).path + ":" + std::to_string(hop.line) + ": " +
               std::string(query::HopHowName(hop.how)) + " " + hop.name + "\n";
      }
    }
    if (total > shown) {
      out += std::to_string(total - shown) + " more not shown (--limit " + std::to_string(o.limit) +
             ")\n";
    }
  }
  PrintText(out);
  return kExitOk;
}

}  // namespace

CommandRunner SetupDefCommand(CLI::App& sub) {
  auto o = std::make_shared<DefOptions>();
  sub.add_option("NAME", o->name, "pkg.module.Class.method, a part of one, or path.py:LINE")
      ->required();
  sub.add_option("--limit", o->limit, "Show at most N definitions; the rest are counted")
      ->option_text("N")
      ->capture_default_str();
  AddIndexOptions(sub, &o->index);
  sub.footer(kFooter);
  return [o] { return RunDef(*o); };
}

}  // namespace kensa::cli
