// GlobPythonFiles: the files Python's `glob.glob(os.path.join(dir, "**/*.py"), recursive=True)`
// returns, in the same order — directories depth first in directory-listing (readdir) order,
// each directory's own *.py entries in listing order, hidden names (".x") skipped, symbolic links
// to directories followed. Scripts that process files in this order produce order-dependent
// results (a fix that rewrites a file another copy is read from later), so a reimplementation
// has to walk the same way. Reads only through the SourceTree; thread-safe if the tree is.
#pragma once

#include <string>
#include <vector>

#include "project/source_tree.h"

namespace kensa::checks {

// Paths are `dir` joined with the names below it, as glob spells them ("src/x/y.py").
std::vector<std::string> GlobPythonFiles(const project::SourceTree& tree, const std::string& dir);

}  // namespace kensa::checks
