// A SourceTree over a git revision (a commit, a branch, a tag, anything `git rev-parse`
// accepts), read straight from the object database without a checkout. Opening resolves the
// revision once; listings and reads then see that commit's tree only. Reads may run on several
// threads (each takes a repository handle from a small pool).
#pragma once

#include <memory>
#include <string>

#include "project/source_tree.h"

namespace kensa::project {

// Returns nullptr with *error set when the repository cannot be opened or the revision does
// not name a commit.
std::unique_ptr<SourceTree> OpenRevisionTree(const std::string& repo_root,
                                             const std::string& revision, std::string* error);

}  // namespace kensa::project
