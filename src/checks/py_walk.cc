#include "checks/py_walk.h"

#include <algorithm>

namespace kensa::checks {

void PyWalk(const project::SourceTree& tree, const std::string& top,
            const std::function<void(PyWalkStep&)>& visit) {
  std::vector<project::DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(top, &entries, &error)) return;  // os.walk ignores unreadable folders
  PyWalkStep step{top, {}, {}};
  std::vector<std::string> links;
  for (const project::DirEntry& e : entries) {
    if (e.type == project::DirEntry::Type::kDirectory) {
      step.dirs.push_back(e.name);
      if (e.is_symlink) links.push_back(e.name);
    } else {
      step.files.push_back(e.name);
    }
  }
  visit(step);
  for (const std::string& d : step.dirs) {
    if (std::find(links.begin(), links.end(), d) == links.end()) PyWalk(tree, top + "/" + d, visit);
  }
}

}  // namespace kensa::checks
