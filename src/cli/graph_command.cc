// `kensa graph`: the whole import graph — as text (one `importer -> imported` line per pair),
// JSON (modules, every resolved import with its line and kind, external and unresolved
// imports) or Graphviz DOT; with --packages, folded to packages.
#include <CLI/CLI.hpp>
#include <map>
#include <string>

#include "cli/command.h"
#include "cli/graph_compat.h"
#include "cli/index_loader.h"
#include "cli/index_render.h"

namespace kensa::cli {
namespace {

struct GraphOptions {
  IndexCommandOptions index;
  std::string format = "text";
  bool packages = false;
  bool runtime = false;
  std::string compat;
};

constexpr char kFooter[] = R"(Formats:
  text  one line per (importer, imported) pair: `a.b -> c.d`
  json  {"modules": [{module, path}], "edges": [{from, to, line, how, kind, via}], "external",
        "unresolved", "diagnostics"}; from/to/via are indexes into "modules"
  dot   a Graphviz digraph
--packages folds every module into its package (a package's __init__ is the package itself)
and counts the imports between two packages. --compat tests-fetcher prints instead the direct
map of diffusers' utils/tests_fetcher.py, reproduced exactly (JSON: {"direct": {file: [files]}}).

Exit codes: 0 done; 2 bad usage or no project; 3 internal error. Files that cannot be read or
parsed are reported on stderr and left out of the graph.)";

std::string PackageOf(const project::SourceFile& f) {
  if (f.is_package) return f.module;
  std::string_view parent = index::ParentModule(f.module);
  return parent.empty() ? f.module : std::string(parent);
}

std::string DotQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

void WriteFullJson(const index::ProjectIndex& idx, uint16_t excluded, std::string* out) {
  idx.summaries();  // every edge's name is in its file's summary: decode them all in parallel
  out->reserve(out->size() + 128 * idx.imports().edges.size() + 96 * idx.files().files.size());
  JsonWriter w(out);
  w.BeginObject();
  WriteProjectJson(w, idx);
  w.Key("modules").BeginArray();
  for (index::FileId id = 0; id < idx.files().files.size(); ++id) WriteFileJson(w, idx, id);
  w.EndArray();
  w.Key("edges").BeginArray();
  for (const index::ImportEdge& e : idx.imports().edges) {
    if (e.flags & excluded) continue;
    w.BeginObject().Key("from").Int(e.from).Key("to").Int(e.to).Key("line").Int(e.line);
    w.Key("how").String(EdgeHowName(e.how));
    std::string_view name = EdgeName(idx, e);
    if (!name.empty()) w.Key("name").String(name);
    w.Key("kind");
    WriteImportFlagsJson(w, e.flags);
    std::span<const index::FileId> via = idx.Via(e);
    if (!via.empty()) {
      w.Key("via").BeginArray();
      for (index::FileId v : via) w.Int(v);
      w.EndArray();
    }
    if (e.to_dummy) w.Key("dummy").Bool(true);
    w.EndObject();
  }
  w.EndArray();
  w.Key("external").BeginArray();
  for (const index::ExternalImport& x : idx.imports().externals) {
    if (x.flags & excluded) continue;
    w.BeginObject().Key("from").Int(x.from).Key("line").Int(x.line).Key("module").String(x.module);
    w.Key("stdlib").Bool(x.stdlib).EndObject();
  }
  w.EndArray();
  w.Key("unresolved").BeginArray();
  for (const index::UnresolvedImport& u : idx.imports().unresolved) {
    if (u.flags & excluded) continue;
    w.BeginObject().Key("from").Int(u.from).Key("line").Int(u.line).Key("module").String(u.module);
    if (!u.name.empty()) w.Key("name").String(u.name);
    w.Key("reason").String(u.reason).EndObject();
  }
  w.EndArray();
  WriteDiagnosticsJson(w, idx);
  w.EndObject();
  w.Finish();
  out->push_back('\n');
}

int RunGraph(const GraphOptions& o) {
  if (!o.compat.empty()) return RunCompatGraph(o.index, o.compat, o.index.json ? "json" : o.format);
  LoadedIndex loaded;
  if (auto rc = LoadIndex(o.index, &loaded)) return *rc;
  const index::ProjectIndex& idx = *loaded.index;
  const std::string format = o.index.json ? "json" : o.format;
  const uint16_t excluded = o.runtime ? (index::kTypeChecking | index::kInFunction) : 0;
  std::string out;
  if (!o.packages) {
    if (format == "json") {
      WriteFullJson(idx, excluded, &out);
    } else {
      index::ImportGraph graph(idx.files().files.size(), idx.imports().edges, excluded);
      if (format == "dot") out += "digraph imports {\n";
      for (index::FileId id = 0; id < graph.node_count(); ++id) {
        for (const index::ImportGraph::Arc& arc : graph.Out(id)) {
          if (format == "dot") {
            out += "  " + DotQuote(idx.file(id).module) + " -> " +
                   DotQuote(idx.file(arc.node).module) + ";\n";
          } else {
            out += idx.file(id).module + " -> " + idx.file(arc.node).module + "\n";
          }
        }
      }
      if (format == "dot") out += "}\n";
    }
    PrintText(out);
    return kExitOk;
  }
  // Packages: count imports between distinct packages.
  std::map<std::pair<std::string, std::string>, size_t> counts;
  std::map<std::string, size_t> modules_per_package;
  for (const project::SourceFile& f : idx.files().files) ++modules_per_package[PackageOf(f)];
  for (const index::ImportEdge& e : idx.imports().edges) {
    if (e.flags & excluded) continue;
    std::string a = PackageOf(idx.file(e.from)), b = PackageOf(idx.file(e.to));
    if (a != b) ++counts[{a, b}];
  }
  if (format == "json") {
    JsonWriter w(&out);
    w.BeginObject();
    WriteProjectJson(w, idx);
    w.Key("packages").BeginArray();
    for (const auto& [name, n] : modules_per_package) {
      w.BeginObject().Key("package").String(name).Key("modules").Int(static_cast<int64_t>(n));
      w.EndObject();
    }
    w.EndArray().Key("edges").BeginArray();
    for (const auto& [ab, n] : counts) {
      w.BeginObject().Key("from").String(ab.first).Key("to").String(ab.second);
      w.Key("imports").Int(static_cast<int64_t>(n)).EndObject();
    }
    w.EndArray();
    WriteDiagnosticsJson(w, idx);
    w.EndObject();
    w.Finish();
    out += "\n";
  } else if (format == "dot") {
    out += "digraph packages {\n";
    for (const auto& [ab, n] : counts) {
      out += "  " + DotQuote(ab.first) + " -> " + DotQuote(ab.second) +
             " [label=" + std::to_string(n) + "];\n";
    }
    out += "}\n";
  } else {
    for (const auto& [ab, n] : counts) {
      out += ab.first + " -> " + ab.second + " (" + std::to_string(n) + ")\n";
    }
  }
  PrintText(out);
  return kExitOk;
}

}  // namespace

CommandRunner SetupGraphCommand(CLI::App& sub) {
  auto o = std::make_shared<GraphOptions>();
  sub.add_option("--format", o->format, "text, json or dot")
      ->check(CLI::IsMember({"text", "json", "dot"}));
  sub.add_flag("--packages", o->packages, "Fold modules into their packages");
  sub.add_flag("--runtime", o->runtime,
               "Leave out imports that do not run at import time (TYPE_CHECKING, in functions)");
  sub.add_option("--compat", o->compat,
                 "tests-fetcher: the direct map exactly as diffusers' utils/tests_fetcher.py "
                 "builds it (keys are files; see docs/index-parity.md)")
      ->check(CLI::IsMember({"tests-fetcher"}));
  AddIndexOptions(sub, &o->index);
  sub.footer(kFooter);
  return [o] { return RunGraph(*o); };
}

}  // namespace kensa::cli
