#include "cli/index_loader.h"

#include <fmt/format.h>
#include <limits.h>
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "base/atomic_file.h"
#include "cli/command.h"
#include "index/content_hash.h"

namespace kensa::cli {
namespace {

// "3 files could not be parsed", "1 file could not be read", "2 files could not be read or
// parsed" (diagnostics are per file, sorted by path).
std::string ProblemCount(const std::vector<project::Diagnostic>& problems) {
  size_t files = 0;
  bool unreadable = false;
  bool unparsable = false;
  for (size_t i = 0; i < problems.size(); ++i) {
    if (i == 0 || problems[i].path != problems[i - 1].path) ++files;
    (problems[i].line == 0 ? unreadable : unparsable) = true;
  }
  const char* what = unreadable && unparsable ? "read or parsed" : unreadable ? "read" : "parsed";
  return fmt::format("{} file{} could not be {}", files, files == 1 ? "" : "s", what);
}

// The target's own problems matter to the question even when the others are only counted.
index::FileId Found(const LoadedIndex& loaded, const IndexCommandOptions& options,
                    index::FileId id) {
  if (options.quiet || options.verbose) return id;
  const std::string& path = loaded.files->files[id].path;
  for (const project::Diagnostic& d : loaded.index->diagnostics()) {
    if (d.path == path) std::fprintf(stderr, "%s\n", d.ToString().c_str());
  }
  return id;
}

}  // namespace

void AddIndexOptions(CLI::App& sub, IndexCommandOptions* o) {
  sub.add_option("-C", o->directory, "Run as if started in DIR (the project is found from it)")
      ->option_text("DIR");
  sub.add_option("--preset", o->preset, "Force a preset: transformers, diffusers or generic");
  sub.add_option("--rev", o->revision,
                 "Read the files at git revision REV instead of the work tree (no checkout)")
      ->option_text("REV");
  sub.add_flag("--json", o->json, "Print JSON");
  sub.add_flag("--no-cache", o->no_cache, "Neither read nor write the summary cache");
  sub.add_option("--cache-dir", o->cache_dir,
                 "Where the summary cache lives (default $KENSA_CACHE_DIR, "
                 "$XDG_CACHE_HOME/kensa or ~/.cache/kensa)")
      ->option_text("DIR");
  sub.add_flag("--stats", o->stats, "Print file counts, cache use and timings on stderr");
  sub.add_flag("-q,--quiet", o->quiet, "Do not print per-file problems on stderr");
  sub.add_flag("--verbose", o->verbose,
               "List each file that could not be read or parsed (default: a count)");
}

std::string DefaultCachePath(const std::string& cache_dir, const std::string& root) {
  std::string dir = cache_dir.empty() ? UserCacheDirectory() : cache_dir;
  if (dir.empty()) return "";
  return fmt::format("{}/index-{:016x}.bin", dir, index::HashContent(root).lo);
}

std::string EmitsCachePath(const std::string& cache_dir, const std::string& root) {
  std::string index_cache = DefaultCachePath(cache_dir, root);
  size_t slash = index_cache.rfind('/');
  if (slash == std::string::npos) return "";
  return index_cache.substr(0, slash + 1) + "emits-" +
         index_cache.substr(slash + 1 + std::string_view("index-").size());
}

std::optional<int> LoadIndex(const IndexCommandOptions& options, LoadedIndex* loaded) {
  auto start = std::chrono::steady_clock::now();
  loaded->files = std::make_unique<project::ProjectFiles>();
  project::OpenOptions open;
  open.start_dir = options.directory;
  open.preset = options.preset;
  open.revision = options.revision;
  std::string error;
  if (!project::OpenProject(open, loaded->files.get(), &error)) {
    std::fprintf(stderr, "kensa: error: %s\n", error.c_str());
    return kExitUsage;
  }
  double open_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  index::IndexOptions index_options;
  if (!options.no_cache) {
    index_options.cache_path = DefaultCachePath(options.cache_dir, loaded->files->root.root);
  }
  loaded->index = std::make_unique<index::ProjectIndex>(
      index::ProjectIndex::Build(*loaded->files, index_options));
  if (!options.quiet) {
    for (const project::Diagnostic& d : loaded->files->diagnostics) {
      std::fprintf(stderr, "%s: warning: %s\n", d.path.c_str(), d.message.c_str());
    }
    const std::vector<project::Diagnostic>& problems = loaded->index->diagnostics();
    if (options.verbose) {
      for (const project::Diagnostic& d : problems) {
        std::fprintf(stderr, "%s\n", d.ToString().c_str());
      }
    } else if (!problems.empty()) {
      // Syntax errors in files the question is not about are noise on every call: count them.
      std::fprintf(stderr, "kensa: warning: %s; --verbose lists them\n",
                   ProblemCount(problems).c_str());
    }
  }
  const index::IndexStats& s = loaded->index->stats();
  // Both can happen in one run (an unreadable cache in a read-only directory): one line each.
  for (const std::string* warning : {&s.cache_status, &s.cache_write_error}) {
    if (!warning->empty()) std::fprintf(stderr, "kensa: warning: %s\n", warning->c_str());
  }
  if (options.stats) {
    std::fprintf(stderr,
                 "files: %zu, bytes read: %zu, parsed: %zu, from cache: %zu (unread: %zu), "
                 "resolution from cache: %s, cache written: %s\n"
                 "open: %.1f ms, summaries: %.1f ms, resolution: %.1f ms\n",
                 s.files, s.bytes_read, s.parsed, s.cache_hits, s.stamp_hits,
                 s.resolution_from_cache ? "yes" : "no", s.cache_written ? "yes" : "no",
                 open_seconds * 1e3, s.summarize_seconds * 1e3, s.resolve_seconds * 1e3);
  }
  return std::nullopt;
}

index::FileId FindTarget(const LoadedIndex& loaded, const IndexCommandOptions& options,
                         const std::string& arg, std::string* error) {
  const index::ProjectIndex& idx = *loaded.index;
  const std::string& root = loaded.files->root.root;
  // A path as given relative to -C, made relative to the root.
  std::string candidate = arg;
  if (!arg.empty() && arg[0] != '/') candidate = options.directory + "/" + arg;
  char resolved[PATH_MAX];
  if (::realpath(candidate.c_str(), resolved) != nullptr) {
    std::string abs = resolved;
    if (abs.size() > root.size() && abs.compare(0, root.size(), root) == 0 &&
        abs[root.size()] == '/') {
      std::string relative = abs.substr(root.size() + 1);
      index::FileId id = idx.Find(relative);
      if (id == index::kNoFile) id = idx.Find(relative + "/__init__.py");  // a package folder
      if (id != index::kNoFile) return Found(loaded, options, id);
    }
  }
  index::FileId id = idx.Find(arg);
  if (id != index::kNoFile) return Found(loaded, options, id);
  *error = "no module or Python file '" + arg + "' in the project at " + root;
  return index::kNoFile;
}

}  // namespace kensa::cli
