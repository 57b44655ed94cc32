// PyWalk: os.walk(top) as the repository scripts call it — top down, links to directories
// listed among the directories but not walked into (followlinks=False), unreadable folders
// skipped, entries in the order the tree lists them (the file system's, as os.scandir gives
// them). `visit` sees each folder before its subfolders and may edit step.dirs, as a script's
// `directories.remove(...)` prunes the walk. One implementation for every check that walks.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "project/source_tree.h"

namespace kensa::checks {

struct PyWalkStep {
  std::string path;                // top, or top + "/" + ... ('/'-separated, as os.path.join)
  std::vector<std::string> dirs;   // directories, links to directories included
  std::vector<std::string> files;  // everything else
};

void PyWalk(const project::SourceTree& tree, const std::string& top,
            const std::function<void(PyWalkStep&)>& visit);

}  // namespace kensa::checks
