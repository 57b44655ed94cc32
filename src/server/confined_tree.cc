#include "server/confined_tree.h"

#include <limits.h>
#include <stdlib.h>

#include <algorithm>

namespace kensa::server {

bool ResolvesInside(const std::string& root, const std::string& path) {
  std::string absolute = path.empty() ? root : path[0] == '/' ? path : root + "/" + path;
  char resolved[PATH_MAX];
  if (::realpath(absolute.c_str(), resolved) == nullptr) return false;
  std::string_view real = resolved;
  return real == root || (real.size() > root.size() && real.substr(0, root.size()) == root &&
                          real[root.size()] == '/');
}

bool ConfinedTree::Inside(const std::string& path) const {
  return ResolvesInside(root_, path);
}

bool ConfinedTree::ListDirectory(const std::string& dir, std::vector<project::DirEntry>* entries,
                                 std::string* error) const {
  if (!Inside(dir)) {
    *error = "outside the project root";
    return false;
  }
  if (!inner_->ListDirectory(dir, entries, error)) return false;
  std::erase_if(*entries, [&](const project::DirEntry& e) {
    return e.is_symlink && !Inside(dir.empty() ? e.name : dir + "/" + e.name);
  });
  return true;
}

bool ConfinedTree::ReadFile(const std::string& path, std::string* contents,
                            std::string* error) const {
  if (!Inside(path)) {
    *error = "outside the project root (or missing)";
    return false;
  }
  return inner_->ReadFile(path, contents, error);
}

bool ConfinedTree::IsFile(const std::string& path) const {
  return Inside(path) && inner_->IsFile(path);
}

bool ConfinedTree::IsDirectory(const std::string& path) const {
  return Inside(path) && inner_->IsDirectory(path);
}

}  // namespace kensa::server
