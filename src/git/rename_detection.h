// Rename detection exactly as `git diff -M` does it (git 2.39's diffcore-rename), so that
// kensa reports the same renames as the `git diff-tree -r -M` that GitPython runs:
//   1. exact renames: same blob (and, for non-regular files, same mode), preferring a source
//      with the same file name, sources in path order, destinations in path order;
//   2. file-name matches: a source and a destination whose file name is unique on both sides
//      pair up when at least (threshold + 100%) / 2 similar (75% by default);
//   3. the similarity matrix, skipped when destinations x sources exceeds limit²: the best 4
//      sources per destination, all candidates sorted by score (then same file name first),
//      paired greedily while the score reaches the threshold.
// Empty files take part, as with git's default --rename-empty.
//
// A pure function of its inputs (contents come through a loader callback); thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "git/oid.h"
#include "git/repository.h"

namespace kensa::git {

struct RenameEndpoint {
  std::string path;
  Oid oid;  // must identify the content (hash work-tree files before calling)
  uint32_t mode = kModeFile;
};

struct RenameMatch {
  size_t source = 0;       // index into the sources
  size_t destination = 0;  // index into the destinations
  int score = 0;           // 0..kMaxSimilarityScore
};

// Returns the content of sources[index] (is_source) or destinations[index], or nullptr when
// it cannot be read (the pair then counts as dissimilar). Called at most once per endpoint.
using RenameContentLoader = std::function<const std::string*(bool is_source, size_t index)>;

// `sources` are the deleted files and `destinations` the added ones, each sorted by path.
// Returns the renames found, in destination order.
std::vector<RenameMatch> FindRenames(const std::vector<RenameEndpoint>& sources,
                                     const std::vector<RenameEndpoint>& destinations,
                                     const RenameOptions& options, const RenameContentLoader& load);

}  // namespace kensa::git
