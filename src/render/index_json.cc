#include "render/index_json.h"

#include <algorithm>

namespace kensa::render {

using index::ImportEdge;

namespace {

constexpr std::pair<uint16_t, const char*> kFlagNames[] = {
    {index::kImportFrom, "from"},
    {index::kImportStar, "star"},
    {index::kInFunction, "function"},
    {index::kInClass, "class"},
    {index::kTypeChecking, "type-checking"},
    {index::kImportGuarded, "guarded"},
    {index::kConditional, "conditional"},
};

// Appends to `list` while under the limit; counts the rest.
void Bounded(Json& list, Json item, size_t limit, size_t* omitted) {
  if (list.size() < limit) {
    list.push_back(std::move(item));
  } else {
    ++*omitted;
  }
}

}  // namespace

std::vector<std::string> ImportFlagNames(uint16_t flags) {
  std::vector<std::string> out;
  for (const auto& [bit, name] : kFlagNames) {
    if (flags & bit) out.emplace_back(name);
  }
  return out;
}

const char* EdgeHowName(ImportEdge::How how) {
  switch (how) {
    case ImportEdge::How::kModule:
      return "module";
    case ImportEdge::How::kName:
      return "name";
    case ImportEdge::How::kNameNotFound:
      return "name-not-found";
    case ImportEdge::How::kScriptLocal:
      return "script-local";
  }
  return "module";
}

std::string_view EdgeName(const index::ProjectIndex& idx, const ImportEdge& edge) {
  if (edge.name_index == index::kNoName) return {};
  const index::Import& imp = idx.summary(edge.from).imports[edge.import_index];
  return imp.names[edge.name_index].name;
}

std::vector<EdgeGroup> GroupEdges(const index::ProjectIndex& idx,
                                  const std::vector<const ImportEdge*>& edges) {
  std::vector<EdgeGroup> groups;
  for (const ImportEdge* e : edges) {
    std::string name(EdgeName(idx, *e));
    bool merged = false;
    for (size_t g = groups.size(); g-- > 0;) {
      const ImportEdge* first = groups[g].edge;
      if (first->from != e->from || first->import_index != e->import_index) break;
      if (first->to == e->to && first->how == e->how && first->to_dummy == e->to_dummy &&
          idx.Via(*first).size() == idx.Via(*e).size() &&
          std::equal(idx.Via(*first).begin(), idx.Via(*first).end(), idx.Via(*e).begin())) {
        if (!name.empty()) groups[g].names.push_back(name);
        merged = true;
        break;
      }
    }
    if (merged) continue;
    EdgeGroup group{e, {}};
    if (!name.empty()) group.names.push_back(name);
    groups.push_back(std::move(group));
  }
  return groups;
}

Json FileJson(const index::ProjectIndex& idx, index::FileId id) {
  const project::SourceFile& f = idx.file(id);
  Json j = Json::object();
  j["module"] = f.module;
  j["path"] = f.path;
  return j;
}

Json EdgeJson(const index::ProjectIndex& idx, const ImportEdge& edge,
              const std::vector<std::string>* names) {
  Json j = Json::object();
  j["from"] = idx.file(edge.from).path;
  j["to"] = idx.file(edge.to).path;
  j["line"] = edge.line;
  j["how"] = EdgeHowName(edge.how);
  if (names != nullptr) {
    j["names"] = *names;
  } else if (std::string_view name = EdgeName(idx, edge); !name.empty()) {
    j["names"] = Json::array({std::string(name)});
  }
  j["kind"] = ImportFlagNames(edge.flags);
  std::span<const index::FileId> via = idx.Via(edge);
  if (!via.empty()) {
    Json v = Json::array();
    for (index::FileId f : via) v.push_back(idx.file(f).path);
    j["via"] = std::move(v);
  }
  if (edge.to_dummy) j["dummy"] = true;
  return j;
}

void AddProjectJson(Json& j, const index::ProjectIndex& idx) {
  const project::ProjectFiles& files = idx.files();
  j["root"] = files.root.root;
  j["source"] = files.tree->Describe();
  j["package"] = files.layout.package;
  j["preset"] = files.layout.preset.name;
}

Json DiagnosticsJson(const index::ProjectIndex& idx) {
  Json list = Json::array();
  auto one = [&](const project::Diagnostic& d) {
    Json j = Json::object();
    j["path"] = d.path;
    if (d.line) j["line"] = d.line;
    if (d.column) j["column"] = d.column;
    j["severity"] = d.severity == project::Diagnostic::Severity::kError ? "error" : "warning";
    j["message"] = d.message;
    list.push_back(std::move(j));
  };
  for (const project::Diagnostic& d : idx.files().diagnostics) one(d);
  for (const project::Diagnostic& d : idx.diagnostics()) one(d);
  return list;
}

Json DepsJson(const index::ProjectIndex& idx, const DepsQuery& q) {
  Json j = Json::object();
  AddProjectJson(j, idx);
  j["target"] = FileJson(idx, q.target);
  j["transitive"] = q.transitive;
  const char* key = q.reverse ? "importers" : "imports";
  size_t omitted = 0;
  if (q.transitive) {
    index::ImportGraph graph(idx.files().files.size(), idx.imports().edges, q.excluded);
    Json list = Json::array();
    for (index::FileId id : graph.Reachable(q.target, q.reverse)) {
      Bounded(list, FileJson(idx, id), q.limit, &omitted);
    }
    j[key] = std::move(list);
  } else {
    std::vector<const ImportEdge*> edges;
    for (const ImportEdge& e : idx.imports().edges) {
      if ((q.reverse ? e.to : e.from) == q.target && (e.flags & q.excluded) == 0) {
        edges.push_back(&e);
      }
    }
    Json list = Json::array();
    for (const EdgeGroup& g : GroupEdges(idx, edges)) {
      Bounded(list, EdgeJson(idx, *g.edge, &g.names), q.limit, &omitted);
    }
    j[key] = std::move(list);
    if (!q.reverse) {
      Json external = Json::array();
      for (const index::ExternalImport& x : idx.imports().externals) {
        if (x.from != q.target || (x.flags & q.excluded)) continue;
        Json e = Json::object();
        e["module"] = x.module;
        e["line"] = x.line;
        e["stdlib"] = x.stdlib;
        Bounded(external, std::move(e), q.limit, &omitted);
      }
      j["external"] = std::move(external);
      Json unresolved = Json::array();
      for (const index::UnresolvedImport& u : idx.imports().unresolved) {
        if (u.from != q.target || (u.flags & q.excluded)) continue;
        Json e = Json::object();
        e["module"] = u.module;
        e["name"] = u.name;
        e["line"] = u.line;
        e["reason"] = u.reason;
        Bounded(unresolved, std::move(e), q.limit, &omitted);
      }
      j["unresolved"] = std::move(unresolved);
    }
  }
  if (q.limit != SIZE_MAX) j["omitted"] = omitted;
  if (q.with_diagnostics) j["diagnostics"] = DiagnosticsJson(idx);
  return j;
}

Json ChainJson(const index::ProjectIndex& idx, index::FileId from, index::FileId to,
               uint16_t excluded, bool with_diagnostics) {
  index::ImportGraph graph(idx.files().files.size(), idx.imports().edges, excluded);
  std::vector<uint32_t> chain = graph.ShortestChain(from, to);
  Json j = Json::object();
  AddProjectJson(j, idx);
  j["from"] = FileJson(idx, from);
  j["to"] = FileJson(idx, to);
  j["found"] = !chain.empty() || from == to;
  Json hops = Json::array();
  for (uint32_t e : chain) hops.push_back(EdgeJson(idx, idx.imports().edges[e]));
  j["chain"] = std::move(hops);
  if (with_diagnostics) j["diagnostics"] = DiagnosticsJson(idx);
  return j;
}

}  // namespace kensa::render
