#include "index/project_index.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <unordered_set>

#include "base/thread_pool.h"
#include "index/content_hash.h"
#include "index/resolved_codec.h"
#include "index/summary_builder.h"
#include "index/summary_cache.h"
#include "index/summary_codec.h"
#include "project/file_stamp.h"

namespace kensa::index {

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// What one worker learned about one file.
struct FileResult {
  bool read_ok = true;
  std::string read_error;
  ContentHash hash;
  uint64_t size = 0;
  std::optional<project::FileStamp> stamp;
  bool from_cache = false;
  bool from_stamp = false;
  std::string payload;  // the encoded summary, when it was built now (for the cache)
  // A cached summary left encoded: its payload, error and import shape (PeekSummary).
  std::string_view pending;
  std::optional<SummaryError> error;
  std::vector<uint32_t> import_names;
};

}  // namespace

ProjectIndex ProjectIndex::Build(const project::ProjectFiles& files, const IndexOptions& options) {
  auto start = std::chrono::steady_clock::now();
  ProjectIndex index;
  index.files_ = &files;
  const size_t n = files.files.size();
  index.summaries_.resize(n);
  std::vector<FileResult> results(n);

  // Read before the first stamp: a write after this moment gives a racy stamp.
  const int64_t stamps_taken_ns =
      options.stamps_taken_ns != 0 ? options.stamps_taken_ns : project::StampClockNow();
  const bool use_cache = !options.cache_path.empty();
  index.lazy_ = std::make_unique<Lazy>();
  index.lazy_->threads = options.threads;
  SummaryCache& cache = index.lazy_->cache;
  if (use_cache) cache = SummaryCache::Load(options.cache_path, &index.stats_.cache_status);

  ParallelFor(
      n,
      [&](size_t i) {
        const std::string& path = files.files[i].path;
        FileResult& r = results[i];
        ModuleSummary& summary = index.summaries_[i];
        std::string_view payload;
        // A cached summary is only peeked at (its error, the shape of its imports) and decoded
        // when a command asks for it.
        auto keep_encoded = [&] {
          if (!PeekSummary(payload, &r.error, &r.import_names)) return false;
          r.pending = payload;
          return true;
        };
        if (use_cache) {
          r.stamp = files.tree->Stamp(path);
          if (r.stamp && cache.FindStamp(path, *r.stamp, &r.hash) &&
              cache.FindPayload(r.hash, r.stamp->size, &payload) && keep_encoded()) {
            r.size = r.stamp->size;
            r.from_cache = r.from_stamp = true;
            return;
          }
        }
        std::string bytes;
        if (!files.tree->ReadFile(path, &bytes, &r.read_error)) {
          r.read_ok = false;
          summary = ModuleSummary();
          return;
        }
        r.size = bytes.size();
        r.hash = HashContent(bytes);
        if (use_cache && cache.FindPayload(r.hash, r.size, &payload) && keep_encoded()) {
          r.from_cache = true;
          return;
        }
        summary = SummarizeModule(bytes);
        if (use_cache) EncodeSummary(summary, &r.payload);
      },
      options.threads);

  index.lazy_->payloads.resize(n);
  index.lazy_->decoded = std::make_unique<std::once_flag[]>(n);
  std::vector<std::optional<SummaryError>> errors(n);
  std::vector<std::vector<uint32_t>> import_names(n);
  for (size_t i = 0; i < n; ++i) {
    FileResult& r = results[i];
    index.lazy_->payloads[i] = r.pending;
    if (r.pending.empty()) {
      errors[i] = index.summaries_[i].error;
      for (const Import& imp : index.summaries_[i].imports) {
        import_names[i].push_back(static_cast<uint32_t>(imp.names.size()));
      }
    } else {
      errors[i] = std::move(r.error);
      import_names[i] = std::move(r.import_names);
    }
  }

  bool changed = !index.stats_.cache_status.empty() || cache.size() == 0;
  std::vector<ContentHash> hashes(n);
  for (size_t i = 0; i < n; ++i) {
    const FileResult& r = results[i];
    ++index.stats_.files;
    hashes[i] = r.hash;
    if (!r.read_ok) {
      project::Diagnostic d;
      d.path = files.files[i].path;
      d.message = "cannot read: " + r.read_error;
      index.diagnostics_.push_back(std::move(d));
      hashes[i] = ContentHash{~0ull, ~0ull};  // unreadable: never the same as any content
      continue;
    }
    if (!r.from_stamp) index.stats_.bytes_read += r.size;
    if (r.from_cache) {
      ++index.stats_.cache_hits;
      if (r.from_stamp) ++index.stats_.stamp_hits;
    } else {
      ++index.stats_.parsed;
      changed = true;
    }
    if (r.from_cache && !r.from_stamp && r.stamp) changed = true;  // a stamp to record
  }
  if (cache.size() > n) changed = true;  // drop entries of files that are gone
  index.stats_.summarize_seconds = SecondsSince(start);

  // Resolution depends on nothing but the files and their contents: an unchanged snapshot
  // reuses the cached one.
  auto resolve_start = std::chrono::steady_clock::now();
  const ContentHash fingerprint = SnapshotFingerprint(files, hashes);
  std::string_view cached_resolution;
  bool resolved = use_cache && cache.FindResolved(fingerprint, &cached_resolution) &&
                  DecodeResolved(cached_resolution, n, &index.imports_) &&
                  EdgesFit(index.imports_, import_names);
  index.stats_.resolution_from_cache = resolved;
  if (!resolved) index.summaries();  // resolving reads every summary
  index.Finish(!resolved, errors);
  index.stats_.resolve_seconds = SecondsSince(resolve_start);
  if (!resolved) changed = true;

  if (use_cache && changed) {
    std::vector<CacheEntry> entries;
    std::vector<CacheStamp> stamps;
    std::unordered_set<ContentHash, ContentHashHasher> seen;
    entries.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      FileResult& r = results[i];
      if (!r.read_ok) continue;
      if (r.stamp) stamps.push_back({files.files[i].path, *r.stamp, r.hash});
      if (!seen.insert(r.hash).second) continue;
      CacheEntry e;
      e.hash = r.hash;
      e.size = r.size;
      std::string_view cached;
      if (!r.payload.empty()) {
        e.payload = std::move(r.payload);
      } else if (cache.FindPayload(r.hash, r.size, &cached)) {
        e.payload.assign(cached);
      } else {
        EncodeSummary(index.summaries_[i], &e.payload);
      }
      entries.push_back(std::move(e));
    }
    CachedResolution resolution;
    resolution.fingerprint = fingerprint;
    EncodeResolved(index.imports_, &resolution.payload);
    std::string error;
    if (SummaryCache::Save(options.cache_path, entries, stamps, &resolution, stamps_taken_ns,
                           &error)) {
      index.stats_.cache_written = true;
    } else {
      index.stats_.cache_write_error = "cannot write the cache: " + error;
    }
  }
  return index;
}

ProjectIndex ProjectIndex::FromSummaries(const project::ProjectFiles& files,
                                         std::vector<ModuleSummary> summaries) {
  ProjectIndex index;
  index.files_ = &files;
  index.summaries_ = std::move(summaries);
  index.summaries_.resize(files.files.size());
  index.stats_.files = files.files.size();
  std::vector<std::optional<SummaryError>> errors;
  for (const ModuleSummary& summary : index.summaries_) errors.push_back(summary.error);
  index.Finish(/*resolve=*/true, errors);
  return index;
}

void ProjectIndex::Finish(bool resolve, const std::vector<std::optional<SummaryError>>& errors) {
  const size_t n = files_->files.size();
  for (size_t i = 0; i < n; ++i) {
    const std::optional<SummaryError>& e = errors[i];
    if (!e) continue;
    project::Diagnostic d;
    d.path = files_->files[i].path;
    d.line = e->line;
    d.column = e->offset;
    d.message = e->type + ": " + e->message;
    diagnostics_.push_back(std::move(d));
  }
  std::stable_sort(
      diagnostics_.begin(), diagnostics_.end(),
      [](const project::Diagnostic& a, const project::Diagnostic& b) { return a.path < b.path; });
  modules_ = ModuleTable(*files_);
  if (resolve) imports_ = ResolveImports(*files_, modules_, summaries_);
  edge_offsets_.assign(n + 1, 0);
  for (const ImportEdge& e : imports_.edges) ++edge_offsets_[e.from + 1];
  for (size_t i = 0; i < n; ++i) edge_offsets_[i + 1] += edge_offsets_[i];
}

bool ProjectIndex::EdgesFit(const ResolvedImports& imports,
                            const std::vector<std::vector<uint32_t>>& import_names) {
  FileId previous = 0;
  for (const ImportEdge& e : imports.edges) {
    if (e.from < previous || e.from >= import_names.size()) return false;  // grouped by file
    previous = e.from;
    const std::vector<uint32_t>& names = import_names[e.from];
    if (e.import_index >= names.size()) return false;
    if (e.name_index != kNoName && e.name_index >= names[e.import_index]) return false;
  }
  return true;
}

const ModuleSummary& ProjectIndex::summary(FileId id) const {
  if (lazy_ != nullptr && !lazy_->payloads[id].empty()) {
    std::call_once(lazy_->decoded[id], [&] {
      if (DecodeSummary(lazy_->payloads[id], &summaries_[id])) return;
      // PeekSummary accepted the start of these bytes, the cache's checksum the rest, so
      // this does not happen; if it does, the file's own bytes decide.
      std::string bytes, error;
      summaries_[id] = files_->tree->ReadFile(file(id).path, &bytes, &error)
                           ? SummarizeModule(bytes)
                           : ModuleSummary();
    });
  }
  return summaries_[id];
}

const std::vector<ModuleSummary>& ProjectIndex::summaries() const {
  if (lazy_ != nullptr) {
    std::call_once(lazy_->all, [&] {
      ParallelFor(
          summaries_.size(), [&](size_t i) { summary(static_cast<FileId>(i)); }, lazy_->threads);
    });
  }
  return summaries_;
}

ImportGraph ProjectIndex::Graph(uint16_t exclude_flags) const {
  return ImportGraph(files_->files.size(), imports_.edges, exclude_flags);
}

FileId ProjectIndex::Find(std::string_view path_or_module) const {
  int by_path = files_->FindPath(path_or_module);
  if (by_path >= 0) return static_cast<FileId>(by_path);
  return modules_.Find(path_or_module);
}

std::span<const ImportEdge> ProjectIndex::EdgesFrom(FileId file) const {
  return std::span<const ImportEdge>(imports_.edges.data() + edge_offsets_[file],
                                     edge_offsets_[file + 1] - edge_offsets_[file]);
}

std::span<const FileId> ProjectIndex::Via(const ImportEdge& edge) const {
  return std::span<const FileId>(imports_.via.data() + edge.via_begin, edge.via_count);
}

}  // namespace kensa::index
