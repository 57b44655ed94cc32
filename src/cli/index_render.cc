#include "cli/index_render.h"

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

void WriteEdgeJson(JsonWriter& w, const index::ProjectIndex& idx, const ImportEdge& edge) {
  WriteJson(w, render::EdgeJson(idx, edge));
}

void WriteProjectJson(JsonWriter& w, const index::ProjectIndex& idx) {
  const project::ProjectFiles& files = idx.files();
  w.Key("root").String(files.root.root);
  w.Key("source").String(files.tree->Describe());
  w.Key("package").String(files.layout.package);
  w.Key("preset").String(files.layout.preset.name);
}

void WriteDiagnosticsJson(JsonWriter& w, const index::ProjectIndex& idx) {
  w.Key("diagnostics");
  WriteJson(w, render::DiagnosticsJson(idx));
}

void PrintText(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace kensa::cli
