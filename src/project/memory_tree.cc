#include "project/memory_tree.h"

#include <set>

namespace kensa::project {

namespace {

// Calls fn(path) for every key of `m` under directory `dir` ("" = all).
template <class Map, class Fn>
void ForEachUnder(const Map& m, const std::string& dir, Fn fn) {
  std::string prefix = dir.empty() ? "" : dir + "/";
  for (auto it = m.lower_bound(prefix); it != m.end() && it->first.starts_with(prefix); ++it) {
    fn(it->first.substr(prefix.size()));
  }
}

}  // namespace

void MemoryTree::AddUnreadableFile(const std::string& path, std::string reason) {
  unreadable_[path] = std::move(reason);
}

bool MemoryTree::ListDirectory(const std::string& dir, std::vector<DirEntry>* entries,
                               std::string* error) const {
  entries->clear();
  if (!dir.empty() && !IsDirectory(dir)) {
    *error = "No such file or directory";
    return false;
  }
  std::set<std::string> dirs;
  std::set<std::string> files;
  auto collect = [&](const std::string& rest) {
    size_t slash = rest.find('/');
    if (slash == std::string::npos) {
      files.insert(rest);
    } else {
      dirs.insert(rest.substr(0, slash));
    }
  };
  ForEachUnder(files_, dir, collect);
  ForEachUnder(unreadable_, dir, collect);
  for (const std::string& name : dirs) {
    DirEntry e;
    e.name = name;
    e.type = DirEntry::Type::kDirectory;
    entries->push_back(std::move(e));
  }
  for (const std::string& name : files) {
    DirEntry e;
    e.name = name;
    e.type = DirEntry::Type::kFile;
    entries->push_back(std::move(e));
  }
  return true;
}

bool MemoryTree::ReadFile(const std::string& path, std::string* contents,
                          std::string* error) const {
  if (auto it = unreadable_.find(path); it != unreadable_.end()) {
    *error = it->second;
    return false;
  }
  auto it = files_.find(path);
  if (it == files_.end()) {
    *error = "No such file or directory";
    return false;
  }
  *contents = it->second;
  return true;
}

bool MemoryTree::IsFile(const std::string& path) const {
  return files_.count(path) != 0 || unreadable_.count(path) != 0;
}

bool MemoryTree::IsDirectory(const std::string& path) const {
  if (path.empty()) return true;
  std::string prefix = path + "/";
  auto under = [&](const auto& m) {
    auto it = m.lower_bound(prefix);
    return it != m.end() && it->first.starts_with(prefix);
  };
  return under(files_) || under(unreadable_);
}

}  // namespace kensa::project
