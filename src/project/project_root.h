// Finding a project's root the way git finds a repository: from a start directory (the current
// one, or `-C DIR`) upwards to the first directory holding `.git` (a directory, or a file as in
// worktrees and submodules). Outside any repository the nearest directory with pyproject.toml
// or setup.py is used instead, with a warning, so kensa still works on an exported tree.
// Pure function of the file system; thread-safe.
#pragma once

#include <optional>
#include <string>

namespace kensa::project {

struct ProjectRoot {
  std::string root;       // absolute, no trailing slash, symbolic links resolved
  bool in_git = false;    // found through .git
  std::string git_entry;  // root + "/.git" when in_git
  std::string warning;    // set when the root was not found through .git
};

// On failure (no such directory) returns nullopt and sets *error.
std::optional<ProjectRoot> FindProjectRoot(const std::string& start, std::string* error);

}  // namespace kensa::project
