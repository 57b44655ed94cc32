#include "server/query_tools.h"

#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "index/import_graph.h"
#include "query/call_query.h"
#include "query/message_query.h"
#include "query/name_lookup.h"
#include "query/reference_query.h"
#include "render/index_json.h"
#include "render/query_json.h"
#include "server/schema.h"

namespace kensa::server {

using render::Json;

std::string LocationText(const Json& j) {
  std::string s = j.value("file", "");
  s.append(":").append(std::to_string(j.value("line", 0)));
  if (j.contains("column")) s.append(":").append(std::to_string(j.value("column", 0)));
  return s;
}

std::string OmittedText(const Json& j, const char* what) {
  uint64_t omitted = j.value("omitted", uint64_t{0});
  if (omitted == 0) return "";
  std::string s = std::to_string(omitted);
  s.append(" more ").append(what).append(" not shown (raise limit to see them)\n");
  return s;
}

namespace {

constexpr const char* kNameHelp =
    "A PyCG-style name (package.module.Class.method, followed through re-exports, lazy "
    "__init__ files and base classes), a bare or partial one (Class.method), or path.py:LINE "
    "(relative to the project root)";

// A definition as a line: `file:line:col: kind name`.
std::string MatchText(const Json& m) {
  std::string s = LocationText(m);
  s.append(": ").append(m.value("kind", "")).append(" ").append(m.value("name", ""));
  return s;
}

std::string HopText(const Json& h) {
  std::string s = LocationText(h);
  s.append(": ").append(h.value("function", "")).append(" -> ").append(h.value("callee", ""));
  s.append(" [").append(h.value("how", "")).append("]");
  return s;
}

class QueryTools {
 public:
  QueryTools(Workspace* workspace, QueryToolOptions options)
      : ws_(workspace), options_(std::move(options)) {}

  // NAME with a `path.py:LINE` path made relative to the root: an absolute path (or one with
  // links) is accepted only when it resolves inside the root.
  bool RootRelativeName(const std::string& name, std::string* out, std::string* error) const {
    size_t colon = name.rfind(':');
    if (colon == std::string::npos || colon < 3 || name.compare(colon - 3, 3, ".py") != 0) {
      *out = name;
      return true;
    }
    std::string relative = ws_->RootRelative(name.substr(0, colon));
    if (relative.empty()) {
      *error = "no Python file '" + name.substr(0, colon) + "' in the project";
      return false;
    }
    *out = relative + name.substr(colon);
    return true;
  }

  // The definitions NAME names, or an error message.
  bool Lookup(const std::string& name, query::LookupResult* result, std::string* error) {
    std::string relative;
    if (!RootRelativeName(name, &relative, error)) return false;
    *result = query::LookupName(ws_->index(), relative);
    if (!result->error.empty()) {
      *error = result->error;
      return false;
    }
    return true;
  }

  // The one definition NAME names; on no match or several, the message an agent can act on.
  bool LookupOne(const std::string& name, query::NameMatch* match, std::string* error) {
    query::LookupResult result;
    if (!Lookup(name, &result, error)) return false;
    if (result.matches.empty()) {
      *error = "no definition named '" + name +
               "' in the project (the definition tool finds partial names)";
      return false;
    }
    if (result.matches.size() > 1) {
      *error = "'" + name + "' is ambiguous: " + std::to_string(result.matches.size()) +
               " definitions match; call again with one of these full names:\n";
      for (size_t i = 0; i < result.matches.size() && i < 10; ++i) {
        error->append("  ").append(MatchText(render::MatchJson(ws_->index(), result.matches[i])));
        error->append("\n");
      }
      if (result.matches.size() > 10) {
        error->append("  ... ").append(std::to_string(result.matches.size() - 10));
        error->append(" more\n");
      }
      return false;
    }
    *match = result.matches.front();
    return true;
  }

  // A module name or a path (relative to the root, or absolute inside it) to its file.
  index::FileId Target(const std::string& arg, std::string* error) const {
    const index::ProjectIndex& idx = ws_->index();
    index::FileId id = idx.Find(arg);
    if (id == index::kNoFile) {
      std::string relative = ws_->RootRelative(arg);
      if (!relative.empty()) {
        id = idx.Find(relative);
        if (id == index::kNoFile) id = idx.Find(relative + "/__init__.py");
      }
    }
    if (id == index::kNoFile) *error = "no module or Python file '" + arg + "' in the project";
    return id;
  }

  void Progress(const CallContext& context, double step, const std::string& message) const {
    if (context.progress) context.progress(step, 2, message);
  }
  // The index brought up to date, held steady (a shared lock) until the answer is built.
  [[nodiscard]] std::shared_lock<std::shared_mutex> Refresh(const CallContext& context) {
    Progress(context, 0, "checking the index against the files on disk");
    auto lock = ws_->Fresh();
    Progress(context, 1, "querying");
    return lock;
  }

  ToolResult Definition(const Json& a, const CallContext& context) {
    auto lock = Refresh(context);
    query::LookupResult result;
    std::string error;
    const std::string name = a["name"];
    if (!Lookup(name, &result, &error)) return ToolResult::Error(error);
    ToolResult r;
    r.structured = render::DefinitionsJson(ws_->root(), name, &ws_->index(), result.matches,
                                           a["limit"].get<size_t>());
    for (const Json& m : r.structured["definitions"]) {
      r.text += MatchText(m) + "\n";
      for (const Json& hop : m["via"]) {
        r.text += "    via " + LocationText(hop) + ": " + hop.value("how", "") + " " +
                  hop.value("name", "") + "\n";
      }
    }
    r.text += OmittedText(r.structured, "definitions");
    if (result.matches.empty()) r.text = "no definition named '" + name + "'\n";
    return r;
  }

  ToolResult References(const Json& a, const CallContext& context) {
    auto lock = Refresh(context);
    query::NameMatch target;
    std::string error;
    const std::string name = a["name"];
    if (!LookupOne(name, &target, &error)) return ToolResult::Error(error);
    query::RefsOptions options;
    options.limit = a["limit"].get<size_t>();
    query::RefsResult refs = query::FindReferences(ws_->index(), target.symbol, options);
    ToolResult r;
    r.structured = render::ReferencesJson(ws_->root(), name, ws_->index(), target, refs);
    for (const Json& ref : r.structured["references"]) {
      r.text += LocationText(ref) + ": " + ref.value("kind", "") + " in " +
                ref.value("function", "") + ": " + ref.value("text", "") + " (" +
                ref.value("how", "") + ")\n";
    }
    r.text += OmittedText(r.structured, "references");
    if (refs.total == 0) r.text = "no reference to " + target.name + "\n";
    return r;
  }

  ToolResult Calls(const Json& a, const CallContext& context, bool callers) {
    auto lock = Refresh(context);
    query::NameMatch target;
    std::string error;
    const std::string name = a["name"];
    if (!LookupOne(name, &target, &error)) return ToolResult::Error(error);
    query::CallQueryOptions options;
    options.limit = a["limit"].get<size_t>();
    if (callers) options.depth = a["depth"].get<int>();
    query::CallQueryResult calls = callers ? query::FindCallers(ws_->index(), target, options)
                                           : query::FindCallees(ws_->index(), target, options);
    ToolResult r;
    r.structured = render::CallsJson(ws_->root(), name, ws_->index(), target, calls);
    for (const Json& h : r.structured["calls"]) r.text += HopText(h) + "\n";
    r.text += OmittedText(r.structured, "calls");
    if (calls.total == 0) {
      r.text = std::string("no ") + (callers ? "callers" : "callees") + " of " + target.name +
               " found statically\n";
    }
    if (calls.unresolved > 0) {
      r.text += std::to_string(calls.unresolved) +
                " calls whose callee is not known statically were not followed\n";
    }
    return r;
  }

  ToolResult CallPaths(const Json& a, const CallContext& context) {
    auto lock = Refresh(context);
    query::NameMatch from;
    std::string error;
    if (!LookupOne(a["from"], &from, &error)) return ToolResult::Error(error);
    query::LookupResult to;
    if (!Lookup(a["to"], &to, &error)) return ToolResult::Error(error);
    if (to.matches.empty()) {
      return ToolResult::Error("no definition named '" + a["to"].get<std::string>() + "'");
    }
    query::CallQueryOptions options;
    options.limit = a["limit"].get<size_t>();
    options.max_length = a["max_length"].get<int>();
    query::CallQueryResult paths = query::FindCallPaths(ws_->index(), from, to.matches, options);
    ToolResult r;
    r.structured = render::CallPathsJson(ws_->root(), ws_->index(), from, to.matches, paths);
    size_t n = 0;
    for (const Json& path : r.structured["paths"]) {
      r.text += "path " + std::to_string(++n) + " (" + std::to_string(path.size()) + " calls):\n";
      for (const Json& h : path) r.text += "  " + HopText(h) + "\n";
    }
    r.text += OmittedText(r.structured, "shortest paths");
    if (paths.total == 0) {
      r.text = "no static call path from " + from.name + " to " + a["to"].get<std::string>() +
               " within " + std::to_string(options.max_length) + " calls\n";
    }
    return r;
  }

  ToolResult MessageOrigin(const Json& a, const CallContext& context) {
    auto lock = Refresh(context);
    // Calls share the message cache file: one at a time.
    std::lock_guard<std::mutex> emits(emits_mutex_);
    query::EmitsOptions options;
    options.limit = a["limit"].get<size_t>();
    options.min_coverage = a["min_coverage"].get<int>() / 100.0;
    options.cache_path = options_.emits_cache_path;
    query::EmitsResult found =
        query::FindMessageOrigins(ws_->files(), a["text"].get<std::string>(), options);
    if (found.message.text.empty()) {
      return ToolResult::Error("the text is empty once its prefix is dropped");
    }
    ToolResult r;
    r.structured = render::EmitsJson(ws_->root(), found);
    for (const Json& o : r.structured["origins"]) {
      r.text += LocationText(o) + ": " + o.value("emitter", "") + " in " + o.value("function", "") +
                ": " + o.value("template", "") + " (" +
                std::to_string(o.value("coverage_percent", 0)) + "% of the text)\n";
    }
    r.text += OmittedText(r.structured, "sites");
    if (found.total == 0) r.text = "no site explains enough of the text\n";
    return r;
  }

  ToolResult Imports(const Json& a, const CallContext& context, bool reverse) {
    auto lock = Refresh(context);
    std::string error;
    index::FileId target = Target(a["module"], &error);
    if (target == index::kNoFile) return ToolResult::Error(error);
    render::DepsQuery q;
    q.target = target;
    q.reverse = reverse;
    q.transitive = a["transitive"].get<bool>();
    q.excluded = a["runtime"].get<bool>() ? (index::kTypeChecking | index::kInFunction) : 0;
    q.limit = a["limit"].get<size_t>();
    q.with_diagnostics = false;
    ToolResult r;
    r.structured = render::DepsJson(ws_->index(), q);
    const Json& list = r.structured[reverse ? "importers" : "imports"];
    for (const Json& e : list) {
      if (q.transitive) {
        r.text += e.value("module", "") + " (" + e.value("path", "") + ")\n";
      } else {
        r.text += e.value("from", "") + ":" + std::to_string(e.value("line", 0)) + ": " +
                  (reverse ? "imported by" : "imports") + " " +
                  (reverse ? e.value("from", "") : e.value("to", ""));
        if (e.contains("names")) {
          std::string names;
          for (const Json& n : e["names"])
            names += (names.empty() ? "" : ", ") + n.get<std::string>();
          if (!names.empty()) r.text += " for " + names;
        }
        r.text += "\n";
      }
    }
    if (r.structured.contains("external")) {
      for (const Json& x : r.structured["external"]) {
        r.text += ws_->index().file(target).path + ":" + std::to_string(x.value("line", 0)) +
                  ": external " + x.value("module", "") + "\n";
      }
    }
    r.text += OmittedText(r.structured, "entries");
    if (r.text.empty()) r.text = reverse ? "nothing imports it\n" : "it imports nothing\n";
    return r;
  }

  ToolResult ImportChain(const Json& a, const CallContext& context) {
    auto lock = Refresh(context);
    std::string error;
    index::FileId from = Target(a["from"], &error);
    if (from == index::kNoFile) return ToolResult::Error(error);
    index::FileId to = Target(a["to"], &error);
    if (to == index::kNoFile) return ToolResult::Error(error);
    uint16_t excluded = a["runtime"].get<bool>() ? (index::kTypeChecking | index::kInFunction) : 0;
    ToolResult r;
    r.structured = render::ChainJson(ws_->index(), from, to, excluded, false);
    for (const Json& e : r.structured["chain"]) {
      r.text += e.value("from", "") + ":" + std::to_string(e.value("line", 0)) + ": imports " +
                e.value("to", "") + "\n";
    }
    if (!r.structured["found"].get<bool>()) {
      r.text = ws_->index().file(from).module + " does not import " + ws_->index().file(to).module +
               ", even indirectly\n";
    }
    return r;
  }

 private:
  Workspace* ws_;
  QueryToolOptions options_;
  std::mutex emits_mutex_;
};

}  // namespace

void AddQueryTools(ToolTable* tools, Workspace* workspace, const QueryToolOptions& options) {
  namespace s = schema;
  auto q = std::make_shared<QueryTools>(workspace, options);
  const Json calls_out = s::Object({{"root", s::Of("string")},
                                    {"definition", s::Definition()},
                                    {"calls", s::ArrayOf(s::Call())},
                                    {"total", s::Of("integer")},
                                    {"omitted", s::Of("integer")},
                                    {"unresolved", s::Of("integer")},
                                    {"complete", s::Of("boolean")}},
                                   {"definition", "calls", "total", "omitted"});
  const Json edge = s::Object({{"from", s::Of("string")},
                               {"to", s::Of("string")},
                               {"line", s::Of("integer")},
                               {"how", s::Of("string")},
                               {"names", s::ArrayOf(s::Of("string"))},
                               {"kind", s::ArrayOf(s::Of("string"))}},
                              {"from", "to", "line"});
  const Json file =
      s::Object({{"module", s::Of("string")}, {"path", s::Of("string")}}, {"module", "path"});
  const Json imports_out = s::Object({{"root", s::Of("string")},
                                      {"target", file},
                                      {"transitive", s::Of("boolean")},
                                      {"omitted", s::Of("integer")}},
                                     {"target", "omitted"});

  tools->Add(Tool{
      "definition", "Find a definition",
      "Where a Python name is defined (file:line), followed as Python resolves it through "
      "imports, re-exports, lazy _import_structure __init__ files, TYPE_CHECKING imports, "
      "aliases and base classes. A partial name lists every match, best first.",
      s::Input({{"name", s::String(kNameHelp)},
                {"limit",
                 s::Integer("At most this many definitions; the rest are counted", 1, 200, 20)}},
               {"name"}),
      s::Object({{"root", s::Of("string")},
                 {"query", s::Of("string")},
                 {"definitions", s::ArrayOf(s::Definition())},
                 {"total", s::Of("integer")},
                 {"omitted", s::Of("integer")}},
                {"definitions", "total", "omitted"}),
      true, [q](const Json& a, const CallContext& c) { return q->Definition(a, c); }});
  tools->Add(Tool{
      "references", "Find references",
      "Every read, call and import of one definition across the project, each with file:line:col, "
      "the enclosing function and how it was resolved (name, attribute, self, super, import).",
      s::Input({{"name", s::String(kNameHelp)},
                {"limit",
                 s::Integer("At most this many references; the rest are counted", 1, 1000, 100)}},
               {"name"}),
      s::Object({{"root", s::Of("string")},
                 {"definition", s::Definition()},
                 {"references", s::ArrayOf(s::Object({{"file", s::Of("string")},
                                                      {"line", s::Of("integer")},
                                                      {"column", s::Of("integer")},
                                                      {"function", s::Of("string")},
                                                      {"kind", s::Of("string")},
                                                      {"how", s::Of("string")},
                                                      {"text", s::Of("string")}},
                                                     {"file", "line", "column"}))},
                 {"total", s::Of("integer")},
                 {"omitted", s::Of("integer")},
                 {"files_searched", s::Of("integer")}},
                {"definition", "references", "total", "omitted"}),
      true, [q](const Json& a, const CallContext& c) { return q->References(a, c); }});
  tools->Add(Tool{
      "callers", "Find callers",
      "The calls into one function on the static call graph (call site file:line:col, caller, "
      "how the edge was resolved); depth > 1 follows the callers of the callers.",
      s::Input(
          {{"name", s::String(kNameHelp)},
           {"depth", s::Integer("Levels of callers followed", 1, 10, 1)},
           {"limit", s::Integer("At most this many calls; the rest are counted", 1, 1000, 100)}},
          {"name"}),
      calls_out, true, [q](const Json& a, const CallContext& c) { return q->Calls(a, c, true); }});
  tools->Add(Tool{
      "callees", "Find callees",
      "The calls out of one function on the static call graph, each with its call site and "
      "callee (builtins as <builtin>.name, names outside the project as imported).",
      s::Input(
          {{"name", s::String(kNameHelp)},
           {"limit", s::Integer("At most this many calls; the rest are counted", 1, 1000, 100)}},
          {"name"}),
      calls_out, true, [q](const Json& a, const CallContext& c) { return q->Calls(a, c, false); }});
  tools->Add(Tool{
      "call_paths", "Find call paths",
      "The static call paths from one function to another, shortest first, each hop with its "
      "call site (file:line:col) and how it was resolved. Answers 'how does X end up calling Y'.",
      s::Input({{"from", s::String("The function the paths start from. " + std::string(kNameHelp))},
                {"to", s::String("The function they reach (a partial name: every match)")},
                {"limit", s::Integer("At most this many paths", 1, 50, 5)},
                {"max_length", s::Integer("The longest path looked for, in calls", 1, 30, 12)}},
               {"from", "to"}),
      s::Object({{"root", s::Of("string")},
                 {"from", s::Definition()},
                 {"to", s::ArrayOf(s::Definition())},
                 {"paths", s::ArrayOf(s::ArrayOf(s::Call()))},
                 {"total", s::Of("integer")},
                 {"omitted", s::Of("integer")},
                 {"unresolved", s::Of("integer")},
                 {"complete", s::Of("boolean")}},
                {"from", "to", "paths", "total", "omitted"}),
      true, [q](const Json& a, const CallContext& c) { return q->CallPaths(a, c); }});
  tools->Add(Tool{
      "message_origin", "Find where a message comes from",
      "Where a message printed at run time (a log line, warning, exception, print) is emitted: "
      "every site whose message template can produce the text, ranked by how much of it the "
      "template explains, with file:line:col and the enclosing function. Paste the text as "
      "printed; logging/warnings/exception prefixes are recognised.",
      s::Input(
          {{"text", s::String("The message as printed (or its first line)", 65536)},
           {"limit", s::Integer("At most this many sites", 1, 200, 20)},
           {"min_coverage",
            s::Integer("Leave out sites explaining less than this % of the text", 0, 100, 20)}},
          {"text"}),
      s::Object({{"root", s::Of("string")},
                 {"message", s::Object({{"text", s::Of("string")}})},
                 {"origins", s::ArrayOf(s::Object({{"file", s::Of("string")},
                                                   {"line", s::Of("integer")},
                                                   {"column", s::Of("integer")},
                                                   {"function", s::Of("string")},
                                                   {"emitter", s::Of("string")},
                                                   {"template", s::Of("string")},
                                                   {"coverage_percent", s::Of("integer")}},
                                                  {"file", "line", "column"}))},
                 {"total", s::Of("integer")},
                 {"omitted", s::Of("integer")}},
                {"origins", "total", "omitted"}),
      true, [q](const Json& a, const CallContext& c) { return q->MessageOrigin(a, c); }});
  for (bool reverse : {false, true}) {
    Json out = imports_out;
    out["properties"][reverse ? "importers" : "imports"] =
        Json{{"type", "array"}, {"items", Json{{"anyOf", Json::array({edge, file})}}}};
    tools->Add(Tool{
        reverse ? "importers" : "imports", reverse ? "Find importers" : "List imports",
        reverse ? "What imports a module: each import statement (file:line) that leads to it, "
                  "resolved through lazy __init__ files; transitive: every module that reaches it."
                : "What a module imports: each import statement (file:line) resolved to the module "
                  "defining what it imports (through lazy __init__ files), external and "
                  "unresolved imports too; transitive: every project module it reaches.",
        s::Input({{"module", s::String("A module name (pkg.models.unet) or a Python file path "
                                       "relative to the project root")},
                  {"transitive", s::Boolean("Every module reached, directly or not", false)},
                  {"runtime", s::Boolean("Only imports that run at import time (not "
                                         "TYPE_CHECKING, not inside functions)",
                                         false)},
                  {"limit", s::Integer("At most this many entries per list; the rest are counted",
                                       1, 5000, 200)}},
                 {"module"}),
        out, true,
        [q, reverse](const Json& a, const CallContext& c) { return q->Imports(a, c, reverse); }});
  }
  tools->Add(
      Tool{"import_chain", "Find an import chain",
           "The shortest chain of imports by which one module ends up importing another, each hop "
           "with the file:line of its import statement.",
           s::Input({{"from", s::String("The importing module or file")},
                     {"to", s::String("The imported module or file")},
                     {"runtime", s::Boolean("Only imports that run at import time", false)}},
                    {"from", "to"}),
           s::Object({{"root", s::Of("string")},
                      {"from", file},
                      {"to", file},
                      {"found", s::Of("boolean")},
                      {"chain", s::ArrayOf(edge)}},
                     {"from", "to", "found", "chain"}),
           true, [q](const Json& a, const CallContext& c) { return q->ImportChain(a, c); }});
}

}  // namespace kensa::server
