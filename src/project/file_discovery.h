// File discovery: every Python file of a project, found by walking a SourceTree. Skips what is
// never project source (hidden entries such as .git, __pycache__, virtual environments,
// *.egg-info), follows symbolic links but not back into an ancestor (a loop is reported once),
// and reports names that are not valid UTF-8 instead of guessing an encoding. Pure function of
// the tree; the result is sorted by path (byte order), so it is deterministic.
#pragma once

#include <string>
#include <vector>

#include "project/diagnostic.h"
#include "project/source_tree.h"

namespace kensa::project {

struct DiscoveryOptions {
  // Directories to walk, relative to the tree root ("" = the whole tree).
  std::vector<std::string> roots = {""};
  std::string suffix = ".py";
};

struct DiscoveredFiles {
  std::vector<std::string> paths;  // sorted, unique
  std::vector<Diagnostic> diagnostics;
};

DiscoveredFiles DiscoverFiles(const SourceTree& tree, const DiscoveryOptions& options = {});

// True when `name` is valid UTF-8 (strict: no surrogates, no overlong forms).
bool IsValidUtf8(std::string_view name);
// `name` with every byte that is not part of valid UTF-8 shown as \xNN, for messages.
std::string EscapeInvalidUtf8(std::string_view name);

}  // namespace kensa::project
