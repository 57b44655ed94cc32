#include "cli/index_render.h"

#include <algorithm>
#include <cstdio>

namespace kensa::cli {

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

}  // namespace

void WriteImportFlagsJson(JsonWriter& w, uint16_t flags) {
  w.BeginArray();
  for (const auto& [bit, name] : kFlagNames) {
    if (flags & bit) w.String(name);
  }
  w.EndArray();
}

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
  const index::Import& imp = idx.summaries()[edge.from].imports[edge.import_index];
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

std::string DescribeEdge(const index::ProjectIndex& idx, const ImportEdge& edge,
                         const std::vector<std::string>* names) {
  const project::SourceFile& from = idx.file(edge.from);
  const project::SourceFile& to = idx.file(edge.to);
  std::string s = from.path + ":" + std::to_string(edge.line) + ": " + from.module + " -> " +
                  to.module + " (" + to.path + ")";
  std::vector<std::string> own;
  if (names == nullptr) {
    if (std::string_view name = EdgeName(idx, edge); !name.empty()) own.emplace_back(name);
    names = &own;
  }
  if (edge.how != ImportEdge::How::kModule) {
    for (size_t i = 0; i < names->size(); ++i) s += (i == 0 ? " for " : ", ") + (*names)[i];
  }
  std::span<const index::FileId> via = idx.Via(edge);
  for (size_t i = 0; i < via.size(); ++i) s += (i == 0 ? " via " : ", ") + idx.file(via[i]).module;
  std::vector<std::string> flags = ImportFlagNames(edge.flags);
  for (const std::string& f : flags) {
    if (f != "from" && f != "star") s += " [" + f + "]";
  }
  if (edge.to_dummy) s += " [dummy]";
  if (edge.how == ImportEdge::How::kNameNotFound) s += " [name not found]";
  return s;
}

void WriteFileJson(JsonWriter& w, const index::ProjectIndex& idx, index::FileId id) {
  const project::SourceFile& f = idx.file(id);
  w.BeginObject().Key("module").String(f.module).Key("path").String(f.path).EndObject();
}

void WriteEdgeJson(JsonWriter& w, const index::ProjectIndex& idx, const ImportEdge& edge,
                   const std::vector<std::string>* names) {
  w.BeginObject();
  w.Key("from").String(idx.file(edge.from).path);
  w.Key("to").String(idx.file(edge.to).path);
  w.Key("line").Int(edge.line);
  w.Key("how").String(EdgeHowName(edge.how));
  if (names != nullptr) {
    w.Key("names").StringArray(*names);
  } else if (std::string_view name = EdgeName(idx, edge); !name.empty()) {
    w.Key("names").BeginArray().String(name).EndArray();
  }
  w.Key("kind");
  WriteImportFlagsJson(w, edge.flags);
  std::span<const index::FileId> via = idx.Via(edge);
  if (!via.empty()) {
    w.Key("via").BeginArray();
    for (index::FileId v : via) w.String(idx.file(v).path);
    w.EndArray();
  }
  if (edge.to_dummy) w.Key("dummy").Bool(true);
  w.EndObject();
}

void WriteProjectJson(JsonWriter& w, const index::ProjectIndex& idx) {
  const project::ProjectFiles& files = idx.files();
  w.Key("root").String(files.root.root);
  w.Key("source").String(files.tree->Describe());
  w.Key("package").String(files.layout.package);
  w.Key("preset").String(files.layout.preset.name);
}

void WriteDiagnosticsJson(JsonWriter& w, const index::ProjectIndex& idx) {
  w.Key("diagnostics").BeginArray();
  auto one = [&](const project::Diagnostic& d) {
    w.BeginObject().Key("path").String(d.path);
    if (d.line) w.Key("line").Int(d.line);
    if (d.column) w.Key("column").Int(d.column);
    w.Key("severity")
        .String(d.severity == project::Diagnostic::Severity::kError ? "error" : "warning");
    w.Key("message").String(d.message).EndObject();
  };
  for (const project::Diagnostic& d : idx.files().diagnostics) one(d);
  for (const project::Diagnostic& d : idx.diagnostics()) one(d);
  w.EndArray();
}

void PrintText(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace kensa::cli
