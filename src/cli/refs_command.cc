// `kensa refs NAME`: every read, call and import of one definition across the project
// (query/reference_query.h), as `path:line:col: kind in function: text (how)` lines.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/index_render.h"
#include "cli/json_writer.h"
#include "cli/name_render.h"
#include "query/reference_query.h"
#include "render/query_json.h"

namespace kensa::cli {
namespace {

struct RefsOptions {
  IndexCommandOptions index;
  std::string name;
  size_t limit = 100;
};

constexpr char kFooter[] =
    R"(NAME is read as by `kensa def` and must name one definition (an ambiguous name
lists the candidates and exits 2):
  kensa refs transformers.dynamic_module_utils._sanitize_module_name
  kensa refs _sanitize_module_name
  kensa -C /usr/lib/python3.11 refs json.dumps
  kensa -C /usr/lib/python3.11 refs posixpath.join     also finds os.path.join(...)
  kensa refs src/diffusers/utils/hub_utils.py:120      the function defined there
Each line is
  path:line:col: call|read|import in FUNCTION: TEXT (how)
with the enclosing function in PyCG style, TEXT the expression as written and `how` the way
it was resolved: name, attribute (module.name, Class.name), self (self.m / cls.m in the
class or a subclass), super (super().m), import. Searched: the definition's own file, the
files importing it, and those importing a module that re-exports it. Not found: attribute
calls on values whose class is not known statically (`model.save()` with `model` a parameter).

Exit codes: 0 references found; 1 none; 2 bad usage, unknown or ambiguous NAME, no project;
3 internal error.)";

int RunRefs(const RefsOptions& o) {
  LoadedIndex loaded;
  if (auto rc = LoadIndex(o.index, &loaded)) return *rc;
  const index::ProjectIndex& idx = *loaded.index;
  query::LookupResult lookup;
  if (auto rc = LookupOrExplain(loaded, o.index, "refs", o.name, &lookup)) {
    return *rc == kExitFindings ? kExitUsage : *rc;
  }
  if (auto rc = RequireOne(loaded, "refs", o.name, lookup)) return *rc;
  const query::NameMatch& target = lookup.matches.front();
  query::RefsOptions options;
  options.limit = o.limit;
  query::RefsResult r = query::FindReferences(idx, target.symbol, options);
  if (!o.index.quiet && !r.problems.empty()) {
    std::fprintf(stderr, "kensa refs: warning: %zu files could not be searched (first: %s)\n",
                 r.problems.size(), r.problems.front().c_str());
  }
  if (o.index.stats) {
    std::fprintf(stderr, "kensa refs: %zu files searched, %zu references\n", r.files_searched,
                 r.total);
  }
  const size_t omitted = r.total - r.refs.size();
  std::string out;
  if (o.index.json) {
    out = JsonLine(render::ReferencesJson(loaded.files->root.root, o.name, idx, target, r));
  } else {
    for (const query::Reference& ref : r.refs) {
      out += idx.file(ref.file).path;
      out.append(":").append(std::to_string(ref.line)).append(":");
      out.append(std::to_string(ref.column + 1)).append(": ");
      out.append(query::ReferenceKindName(ref.kind)).append(" in ").append(ref.function);
      out.append(": ").append(ref.text).append(" (").append(ref.how).append(")\n");
    }
    if (omitted > 0) {
      out.append(std::to_string(omitted)).append(" more not shown (--limit ");
      out.append(std::to_string(o.limit)).append(")\n");
    }
    if (r.total == 0) {
      std::fprintf(stderr, "kensa refs: no reference to %s (%zu files searched)\n",
                   target.name.c_str(), r.files_searched);
    }
  }
  PrintText(out);
  return r.total > 0 ? kExitOk : kExitFindings;
}

}  // namespace

CommandRunner SetupRefsCommand(CLI::App& sub) {
  auto o = std::make_shared<RefsOptions>();
  sub.add_option("NAME", o->name, "pkg.module.Class.method, a part of one, or path.py:LINE")
      ->required();
  sub.add_option("--limit", o->limit, "Show at most N references; the rest are counted")
      ->option_text("N")
      ->capture_default_str();
  AddIndexOptions(sub, &o->index);
  sub.footer(kFooter);
  return [o] { return RunRefs(*o); };
}

}  // namespace kensa::cli
