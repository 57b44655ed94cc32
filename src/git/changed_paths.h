// The paths `git diff --name-only BASE` prints: tracked files whose work-tree content (staged
// or not) differs from BASE's tree, in git's order (by path). A rename is its new path only, as
// git's default rename detection names it; a deleted file is its old path; untracked files are
// not listed (a file moved without `git add` is a deletion). What diffusers'
// utils/get_modified_files.py reads for `make fixup`.
#pragma once

#include <string>
#include <vector>

#include "git/repository.h"

namespace kensa::git {

Result<std::vector<std::string>> ChangedPathsSince(const Repository& repo, const Oid& base);

}  // namespace kensa::git
