// ProjectIndex: the immutable snapshot the analyses work on — one ModuleSummary per file
// (built in parallel, or taken from the on-disk cache when the content is unchanged), the
// module table, every import resolved (also cached, by a fingerprint of the whole snapshot),
// and the import graph on demand. Problems with single files
// (unreadable, undecodable, syntax errors) are diagnostics; the index covers the rest.
//
// Owns its summaries and graph; refers to the ProjectFiles it was built from, which must
// outlive it. Immutable after Build apart from decoding cached summaries on first use, which
// is once per summary and thread-safe, so safe to share between threads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/import_graph.h"
#include "index/import_resolver.h"
#include "index/module_summary.h"
#include "index/module_table.h"
#include "index/summary_cache.h"
#include "project/diagnostic.h"
#include "project/project_files.h"

namespace kensa::index {

struct IndexOptions {
  std::string cache_path;  // "" = no cache
  unsigned threads = 0;    // 0 = all cores
  // The stamp clock at the start of the scan (project/file_stamp.h); 0 = read it. Tests set it
  // to make a stamp racy or not.
  int64_t stamps_taken_ns = 0;
};

struct IndexStats {
  size_t files = 0;
  size_t bytes_read = 0;
  size_t parsed = 0;      // summaries built by parsing
  size_t cache_hits = 0;  // summaries taken from the cache
  size_t stamp_hits = 0;  // of which the file was not even read (unchanged stamp)
  bool cache_written = false;
  bool resolution_from_cache = false;  // the snapshot was unchanged: resolution reused
  std::string cache_status;            // why the cache on disk was ignored ("" if it was not)
  std::string cache_write_error;       // why the new cache could not be written ("" if it was)
  double summarize_seconds = 0;
  double resolve_seconds = 0;
};

class ProjectIndex {
 public:
  static ProjectIndex Build(const project::ProjectFiles& files, const IndexOptions& options);
  // The same from summaries at hand (tests; summaries[i] belongs to files.files[i]).
  static ProjectIndex FromSummaries(const project::ProjectFiles& files,
                                    std::vector<ModuleSummary> summaries);

  const project::ProjectFiles& files() const { return *files_; }
  const project::SourceFile& file(FileId id) const { return files_->files[id]; }
  // One file's summary. Summaries taken from the cache are decoded on first use (a warm
  // `deps` needs a handful), once, from any thread.
  const ModuleSummary& summary(FileId id) const;
  // All of them, decoding in parallel those not decoded yet: for the work that reads them all.
  const std::vector<ModuleSummary>& summaries() const;
  const ModuleTable& modules() const { return modules_; }
  const ResolvedImports& imports() const { return imports_; }
  // The import graph over the resolved edges that have none of `exclude_flags` (ImportFlag
  // bits: e.g. kTypeChecking | kInFunction for the imports that run at import time).
  ImportGraph Graph(uint16_t exclude_flags = 0) const;
  // File problems: read errors and syntax errors, sorted by path.
  const std::vector<project::Diagnostic>& diagnostics() const { return diagnostics_; }
  const IndexStats& stats() const { return stats_; }

  // A file named by its path relative to the root or by its module name; kNoFile if none.
  FileId Find(std::string_view path_or_module) const;
  // The edges leaving `file`, in source order.
  std::span<const ImportEdge> EdgesFrom(FileId file) const;
  // The re-export hops of an edge.
  std::span<const FileId> Via(const ImportEdge& edge) const;

 private:
  // Diagnostics (`errors[i]`: file i's syntax error), the module table, and resolution unless
  // imports_ came from the cache.
  void Finish(bool resolve, const std::vector<std::optional<SummaryError>>& errors);
  // Cached edges point into the summaries (`import_names[file][import]`: how many names that
  // import has); check they fit before trusting them.
  static bool EdgesFit(const ResolvedImports& imports,
                       const std::vector<std::vector<uint32_t>>& import_names);

  // What summary() decodes from: the loaded cache's bytes and, per file, its summary's
  // payload in them ("" when the summary was built by parsing).
  struct Lazy {
    SummaryCache cache;
    std::vector<std::string_view> payloads;
    std::unique_ptr<std::once_flag[]> decoded;
    std::once_flag all;
    unsigned threads = 0;
  };

  const project::ProjectFiles* files_ = nullptr;
  mutable std::vector<ModuleSummary> summaries_;
  std::unique_ptr<Lazy> lazy_;
  ModuleTable modules_;
  ResolvedImports imports_;
  std::vector<uint32_t> edge_offsets_;  // per file, into imports_.edges
  std::vector<project::Diagnostic> diagnostics_;
  IndexStats stats_;
};

}  // namespace kensa::index
