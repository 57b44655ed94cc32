// CachedFormatter: a SnippetFormatter that remembers what another one printed, so that a warm
// `kensa copies` (and repo-consistency, fixup) starts no formatter unless a snippet is new.
// The formatter is a pure function of its command, its program, its configuration and the
// snippet; the cache keys on all four: the command line, the program found on PATH (its real
// path, size and modification time, so an upgraded ruff misses), the configuration files ruff
// reads in the working directory (pyproject.toml, ruff.toml, .ruff.toml: their bytes), and each
// snippet's bytes. What is cached is what the inner formatter returned, a rejected snippet's ""
// included. A wrapper script whose target changes behind it is the one case the key cannot see:
// --no-formatter-cache (or KENSA_NO_FORMATTER_CACHE=1) bypasses the cache.
//
// One file per key in UserCacheDirectory()/formatted-snippets/, written through the one atomic
// writer only when a run formatted something new. Not thread-safe (as the inner formatter).
#pragma once

#include <string>
#include <vector>

#include "checks/snippet_formatter.h"

namespace kensa::cli {

class CachedFormatter : public checks::SnippetFormatter {
 public:
  // `inner` runs `command` in `working_directory`; `cache_dir` "" disables the cache.
  CachedFormatter(checks::SnippetFormatter* inner, const std::vector<std::string>& command,
                  const std::string& working_directory, const std::string& cache_dir);

  bool FormatBatch(const std::vector<std::string>& snippets, std::vector<std::string>* formatted,
                   std::string* error) override;

  // Snippets answered from the cache, and formatter starts, over every batch (for --stats).
  size_t hits() const { return hits_; }
  size_t inner_runs() const { return inner_runs_; }

 private:
  checks::SnippetFormatter* inner_;
  std::string cache_path_;  // "" = no cache
  size_t hits_ = 0;
  size_t inner_runs_ = 0;
};

}  // namespace kensa::cli
