// `kensa callgraph PATH... [--root DIR] --format pycg|json|dot`: the static call graph of the
// given files as entry points (and the project modules they import), from query/call_graph.
// The pycg format is PyCG's `{"caller": ["callee", ...]}`, so it can be scored against
// published ground truth; this file only renders.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/json_writer.h"
#include "query/call_graph.h"

namespace kensa::cli {
namespace {

struct CallgraphOptions {
  std::vector<std::string> paths;
  std::string root;
  std::string format = "pycg";
  bool json = false;
  size_t limit = 200;
  int64_t time_budget_s = 30;
  bool no_hierarchy = false;
};

constexpr char kFooter[] =
    R"(Each PATH is a Python file or a directory (all .py files under it); they are the entry
points, and every project module they import (found under --root) is analysed with them.
Names are PyCG's: the module path relative to --root (default: the common directory of the
paths) plus the qualified name, `<builtin>.len` for builtins, and the imported spelling for
code outside the root (`numpy.zeros`).

Formats: pycg  {"pkg.mod.func": ["pkg.mod.other", "<builtin>.len"], ...}: every function and
               module a key, PyCG's ground-truth format (complete, never cut)
         text  path:line:col: caller -> callee (how), one line per call edge, at most --limit
         json  {"scopes": [...], "edges": [{caller, callee, file, line, col, how}],
                "unresolved": [{caller, callee, file, line, col}]} (docs/queries.md; --json)
         dot   a digraph of the edges, for Graphviz
`how` says how an edge was found: direct, builtin, external, decorator, or class-hierarchy
(the receiver's type was unknown: every project class defining the method; or its class lacks
the attribute and subclasses have it).

Examples:
  kensa callgraph main.py                      # PyCG JSON, names relative to main.py's folder
  kensa callgraph src/ --root src --json       # every module under src/ as an entry
  kensa callgraph scripts/run.py --format text --limit 50
  kensa callgraph scripts/run.py --format dot | dot -Tsvg > calls.svg

Exit codes: 0 done; 2 bad usage, a PATH that does not exist or an entry file that does not
parse (path:line: message on stderr). Imported files that cannot be read or parsed are
warned about on stderr and left out.)";

int RunCallgraph(CallgraphOptions o) {
  namespace fs = std::filesystem;
  std::vector<std::string> entries;
  std::error_code ec;
  for (const std::string& p : o.paths) {
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::string leaf = it->path().filename().string();
        if (it->is_directory(ec) && (leaf.starts_with(".") || leaf == "__pycache__")) {
          it.disable_recursion_pending();
          continue;
        }
        if (leaf.ends_with(".py") && it->is_regular_file(ec)) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      entries.insert(entries.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      entries.push_back(p);
    } else {
      std::fprintf(stderr, "kensa: error: %s: no such file or directory\n", p.c_str());
      return kExitUsage;
    }
  }
  query::CallGraphOptions options;
  if (!o.root.empty()) {
    options.root = o.root;
  } else {
    fs::path common = fs::absolute(o.paths[0]);
    if (!fs::is_directory(common, ec)) common = common.parent_path();
    for (const std::string& p : o.paths) {
      fs::path a = fs::absolute(p);
      while (!common.empty() && a.string().rfind(common.string(), 0) != 0) {
        common = common.parent_path();
      }
    }
    options.root = common.string();
  }
  if (!fs::is_directory(options.root, ec)) {
    std::fprintf(stderr, "kensa: error: --root %s: not a directory\n", options.root.c_str());
    return kExitUsage;
  }
  options.hierarchy_fallback = !o.no_hierarchy;
  options.time_budget_ms = o.time_budget_s * 1000;
  query::CallGraph graph = query::CallGraph::Build(entries, options);
  bool entry_failed = false;
  for (const query::CallGraphProblem& p : graph.problems()) {
    std::string where = p.line > 0 ? p.file + ":" + std::to_string(p.line) : p.file;
    std::fprintf(stderr, "kensa: %s: %s: %s\n", p.entry ? "error" : "warning", where.c_str(),
                 p.message.c_str());
    entry_failed |= p.entry;
  }
  if (entry_failed) return kExitUsage;
  if (!graph.complete()) {
    std::fprintf(stderr,
                 "kensa: warning: the call graph is incomplete: propagation stopped before a "
                 "fixpoint (--time-budget %lld s); some edges may be missing\n",
                 static_cast<long long>(o.time_budget_s));
  }

  const auto& scopes = graph.scopes();
  std::string out;
  if (o.json) o.format = "json";
  if (o.format == "text") {
    size_t shown = 0;
    for (const query::CallEdge& e : graph.edges()) {
      if (shown == o.limit) break;
      out += e.file + ":" + std::to_string(e.line) + ":" + std::to_string(e.col + 1) + ": " +
             scopes[e.caller].name + " -> " + e.callee_name + " (" +
             std::string(query::EdgeHowName(e.how)) + ")\n";
      ++shown;
    }
    if (shown < graph.edges().size()) {
      out += std::to_string(graph.edges().size() - shown) + " more edges not shown (--limit)\n";
    }
    out += std::to_string(graph.edges().size()) + " edges, " +
           std::to_string(graph.unresolved().size()) + " calls not resolved";
  } else if (o.format == "pycg") {
    std::map<std::string, std::set<std::string>> adj;
    for (const query::ScopeInfo& s : scopes) {
      if (s.kind != query::ScopeKind::kClass) adj[s.name];
    }
    for (const query::CallEdge& e : graph.edges()) {
      adj[scopes[e.caller].name].insert(e.callee_name);
      adj[e.callee_name];
    }
    JsonWriter w(&out);
    w.BeginObject();
    for (const auto& [caller, callees] : adj) {
      w.EscapedKey(caller).StringArray(std::vector<std::string>(callees.begin(), callees.end()));
    }
    w.EndObject();
  } else if (o.format == "json") {
    JsonWriter w(&out);
    w.BeginObject();
    w.Key("scopes").BeginArray();
    for (const query::ScopeInfo& s : scopes) {
      static constexpr const char* kKinds[] = {"module", "class", "function", "lambda"};
      w.BeginObject();
      w.Key("name").String(s.name);
      w.Key("kind").String(kKinds[static_cast<int>(s.kind)]);
      w.Key("file").String(s.file);
      w.Key("line").Int(s.line);
      w.Key("col").Int(s.col + 1);
      w.Key("end_line").Int(s.end_line);
      w.EndObject();
    }
    w.EndArray();
    w.Key("edges").BeginArray();
    for (const query::CallEdge& e : graph.edges()) {
      w.BeginObject();
      w.Key("caller").String(scopes[e.caller].name);
      w.Key("callee").String(e.callee_name);
      w.Key("file").String(e.file);
      w.Key("line").Int(e.line);
      w.Key("col").Int(e.col + 1);
      w.Key("how").String(query::EdgeHowName(e.how));
      if (!e.note.empty()) w.Key("note").String(e.note);
      w.EndObject();
    }
    w.EndArray();
    w.Key("unresolved").BeginArray();
    for (const query::UnresolvedCall& u : graph.unresolved()) {
      w.BeginObject();
      w.Key("caller").String(scopes[u.caller].name);
      w.Key("callee").String(u.callee_text);
      w.Key("file").String(u.file);
      w.Key("line").Int(u.line);
      w.Key("col").Int(u.col + 1);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  } else {
    std::set<std::pair<std::string, std::string>> seen;
    out = "digraph callgraph {\n";
    for (const query::CallEdge& e : graph.edges()) {
      if (!seen.emplace(scopes[e.caller].name, e.callee_name).second) continue;
      out += "  \"" + scopes[e.caller].name + "\" -> \"" + e.callee_name + "\";\n";
    }
    out += "}";
  }
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

CommandRunner SetupCallgraphCommand(CLI::App& sub) {
  auto o = std::make_shared<CallgraphOptions>();
  sub.add_option("PATH", o->paths, "Entry files or directories")->required();
  sub.add_option("--root", o->root, "Directory module names are relative to");
  sub.add_option("--format", o->format, "pycg (default), text, json or dot")
      ->check(CLI::IsMember({"pycg", "text", "json", "dot"}));
  sub.add_flag("--json", o->json, "Same as --format json");
  sub.add_option("--limit", o->limit, "Edges printed by --format text (default 200)");
  sub.add_option("--time-budget", o->time_budget_s,
                 "Seconds of propagation before stopping with a warning (default 30, 0: none)");
  sub.add_flag("--no-hierarchy", o->no_hierarchy,
               "Do not resolve method calls on receivers of unknown type by class hierarchy");
  sub.footer(kFooter);
  return [o] { return RunCallgraph(*o); };
}

}  // namespace kensa::cli
