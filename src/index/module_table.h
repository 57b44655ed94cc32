// ModuleTable: the project's modules by dotted name — each file's module (a package by its
// __init__.py), the namespace packages (folders of Python files without __init__.py), and the
// top-level names, so an import is known to be the project's, the standard library's or a
// third party's. Built once from ProjectFiles; immutable; thread-safe to read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "project/project_files.h"

namespace kensa::index {

using FileId = uint32_t;  // index into ProjectFiles::files
inline constexpr FileId kNoFile = UINT32_MAX;

// Hashing that lets a std::string-keyed map be searched with a std::string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class ModuleTable {
 public:
  ModuleTable() = default;
  explicit ModuleTable(const project::ProjectFiles& files);

  // The file of module `name` (a package's __init__.py), or kNoFile.
  FileId Find(std::string_view name) const;
  bool IsNamespacePackage(std::string_view name) const;
  // A module or a namespace package.
  bool Exists(std::string_view name) const {
    return Find(name) != kNoFile || IsNamespacePackage(name);
  }
  bool IsTopLevel(std::string_view name) const;

 private:
  std::unordered_map<std::string, FileId, StringHash, std::equal_to<>> modules_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> namespaces_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> top_levels_;
};

// Splitting dotted names.
std::string_view ParentModule(std::string_view name);    // "a.b.c" -> "a.b"; "a" -> ""
std::string_view TopLevelModule(std::string_view name);  // "a.b.c" -> "a"

}  // namespace kensa::index
