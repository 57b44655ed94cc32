// What every index command (deps, rdeps, chain, graph, cycles) shares: the options that pick
// the project (-C, --preset, --rev) and the cache (--no-cache, --cache-dir), loading the
// project and its index with diagnostics on stderr, and naming a file by module or path.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "index/project_index.h"
#include "project/project_files.h"

namespace CLI {
class App;
}

namespace kensa::cli {

struct IndexCommandOptions {
  std::string directory = ".";
  std::string preset;
  std::string revision;
  std::string cache_dir;
  bool no_cache = false;
  bool json = false;
  bool stats = false;
  bool quiet = false;    // no per-file diagnostics on stderr
  bool verbose = false;  // each file that could not be read or parsed, not a summary line
};

void AddIndexOptions(CLI::App& sub, IndexCommandOptions* options);

struct LoadedIndex {
  std::unique_ptr<project::ProjectFiles> files;
  std::unique_ptr<index::ProjectIndex> index;
};

// Opens the project and builds its index. Prints the project's diagnostics (its config, the
// files found) on stderr, and of the files that could not be read or parsed one summary line
// (each of them with --verbose; JSON output lists them all in its "diagnostics"). Returns an
// exit code when the project cannot be opened.
std::optional<int> LoadIndex(const IndexCommandOptions& options, LoadedIndex* loaded);

// The file named by `arg`: a module name ("diffusers.models.unet"), or a path relative to the
// current directory or to the project root (a package's folder names its __init__.py). Sets *error when there is none. A problem with
// the target itself (a syntax error) is printed on stderr, even without --verbose.
index::FileId FindTarget(const LoadedIndex& loaded, const IndexCommandOptions& options,
                         const std::string& arg, std::string* error);

// The default cache file for a project root: $KENSA_CACHE_DIR, $XDG_CACHE_HOME/kensa or
// ~/.cache/kensa, then index-<hash of the root>.bin. "" when no directory can be found.
std::string DefaultCachePath(const std::string& cache_dir, const std::string& root);

// `kensa emits`' cache for a project root, beside the summary cache (same directory, same key,
// emits-<hash>.bin): shared by emits and trace's join. "" when there is no cache directory.
std::string EmitsCachePath(const std::string& cache_dir, const std::string& root);

}  // namespace kensa::cli
