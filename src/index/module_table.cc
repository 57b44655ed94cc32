#include "index/module_table.h"

namespace kensa::index {

std::string_view ParentModule(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : name.substr(0, dot);
}

std::string_view TopLevelModule(std::string_view name) {
  return name.substr(0, name.find('.'));
}

ModuleTable::ModuleTable(const project::ProjectFiles& files) {
  modules_.reserve(files.files.size());
  for (size_t i = 0; i < files.files.size(); ++i) {
    const project::SourceFile& f = files.files[i];
    if (f.module.empty()) continue;
    // Python prefers a package (pkg/__init__.py) over a module of the same name (pkg.py).
    auto [it, inserted] = modules_.emplace(f.module, static_cast<FileId>(i));
    if (!inserted && f.is_package && !files.files[it->second].is_package) {
      it->second = static_cast<FileId>(i);
    }
    top_levels_.emplace(TopLevelModule(f.module));
  }
  // Every enclosing folder that is not a regular package is a namespace package.
  for (const project::SourceFile& f : files.files) {
    std::string_view parent = ParentModule(f.module);
    while (!parent.empty()) {
      if (modules_.find(parent) == modules_.end()) namespaces_.emplace(parent);
      parent = ParentModule(parent);
    }
  }
}

FileId ModuleTable::Find(std::string_view name) const {
  auto it = modules_.find(name);
  return it == modules_.end() ? kNoFile : it->second;
}

bool ModuleTable::IsNamespacePackage(std::string_view name) const {
  return namespaces_.find(name) != namespaces_.end();
}

bool ModuleTable::IsTopLevel(std::string_view name) const {
  return top_levels_.find(name) != top_levels_.end();
}

}  // namespace kensa::index
