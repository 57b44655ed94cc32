#include "checks/glob_order.h"

#include <algorithm>

namespace kensa::checks {

namespace {

using project::DirEntry;

std::string Join(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

bool IsHidden(const std::string& name) {
  return !name.empty() && name[0] == '.';
}

bool EndsWithPy(const std::string& name) {
  return name.size() >= 3 && name.compare(name.size() - 3, 3, ".py") == 0;
}

// Lists `dir`'s *.py entries, then walks its subdirectories; `ancestors` holds the identities
// of the directories being walked, so that a link back to one of them is not followed again.
void Walk(const project::SourceTree& tree, const std::string& dir, std::vector<uint64_t>* ancestors,
          std::vector<std::string>* out) {
  std::vector<DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(dir, &entries, &error)) return;  // glob skips what it cannot list
  for (const DirEntry& e : entries) {
    if (!IsHidden(e.name) && EndsWithPy(e.name)) out->push_back(Join(dir, e.name));
  }
  for (const DirEntry& e : entries) {
    if (IsHidden(e.name) || e.type != DirEntry::Type::kDirectory) continue;
    if (e.identity != 0 &&
        std::find(ancestors->begin(), ancestors->end(), e.identity) != ancestors->end()) {
      continue;
    }
    ancestors->push_back(e.identity);
    Walk(tree, Join(dir, e.name), ancestors, out);
    ancestors->pop_back();
  }
}

}  // namespace

std::vector<std::string> GlobPythonFiles(const project::SourceTree& tree, const std::string& dir) {
  std::vector<std::string> out;
  std::vector<uint64_t> ancestors = {tree.DirectoryIdentity(dir)};
  Walk(tree, dir, &ancestors, &out);
  return out;
}

}  // namespace kensa::checks
