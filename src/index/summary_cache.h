// SummaryCache: the summaries of files seen before, kept in one file on disk and keyed by the
// content hash and size of each file, so an unchanged file is never parsed twice (the cache
// works across branches and revisions: same bytes, same key).
//
// File format (little-endian): "KENSAIDX" magic, u32 cache format version, u32 summary format
// version (summary_codec.h), i64 the time the stamps were taken (project/file_stamp.h), u64
// entry count, then per entry {u64 hash lo, u64 hash hi, varint size, varint payload length,
// payload}, then u64 stamp count and per stamp {string path, u64 size, i64 mtime_ns, u64
// inode, i64 ctime_ns, u64 hash lo, u64 hash hi}, then u8 1 and the resolved imports of the
// whole snapshot {u64 fingerprint lo, hi, string payload} (or u8 0), and last a u64 checksum
// (HashContent) of everything before it. A missing, foreign, older or corrupt file loads as
// an empty cache and is rebuilt: its contents are never trusted. Saving writes a temporary
// file and renames it over the old one, so readers see the old or the new cache, never half
// of one.
//
// Stamps let a warm run skip reading a file whose (size, mtime, inode, ctime) did not change,
// as git's index does. A stamp whose mtime or ctime is not older than the moment the stamps
// were taken is racy (a write in the same clock tick would not have changed it): FindStamp
// refuses it, so the file is read and its content hash decides.
//
// Thread-safety: after Load, Find* may be called from any number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/content_hash.h"
#include "index/module_summary.h"
#include "project/source_tree.h"

namespace kensa::index {

struct CacheEntry {
  ContentHash hash;
  uint64_t size = 0;
  std::string payload;  // EncodeSummary output
};

// The resolved imports of one snapshot (resolved_codec.h), stored under its fingerprint.
struct CachedResolution {
  ContentHash fingerprint;
  std::string payload;
};

struct CacheStamp {
  std::string path;
  project::FileStamp stamp;
  ContentHash hash;
};

class SummaryCache {
 public:
  SummaryCache() = default;
  // Movable, not copyable: the stamp table points into the loaded bytes.
  SummaryCache(SummaryCache&&) = default;
  SummaryCache& operator=(SummaryCache&&) = default;
  SummaryCache(const SummaryCache&) = delete;
  SummaryCache& operator=(const SummaryCache&) = delete;

  // Loads the cache at `path`. Never fails: an unusable file gives an empty cache and sets
  // *status to why ("" when loaded, or when there was no file).
  static SummaryCache Load(const std::string& path, std::string* status);

  // The encoded summary for content with this hash and size.
  bool FindPayload(const ContentHash& hash, uint64_t size, std::string_view* payload) const;
  // The content hash recorded for `path` with exactly this stamp, unless the stamp is racy.
  bool FindStamp(const std::string& path, const project::FileStamp& stamp, ContentHash* hash) const;
  // The encoded resolution stored for exactly this snapshot fingerprint.
  bool FindResolved(const ContentHash& fingerprint, std::string_view* payload) const;
  size_t size() const { return entries_.size(); }

  // When the stamps of this cache were taken (0 for an empty cache).
  int64_t stamps_taken_ns() const { return stamps_taken_ns_; }

  // Writes entries and stamps to `path` atomically (creating its directory). `stamps_taken_ns`
  // is project::StampClockNow() read before the first of `stamps` was taken.
  static bool Save(const std::string& path, const std::vector<CacheEntry>& entries,
                   const std::vector<CacheStamp>& stamps, const CachedResolution* resolved,
                   int64_t stamps_taken_ns, std::string* error);

 private:
  struct Slot {
    uint64_t size;
    uint32_t offset;
    uint32_t length;
  };
  struct StampSlot {
    project::FileStamp stamp;
    ContentHash hash;
  };
  std::string bytes_;
  std::unordered_map<ContentHash, Slot, ContentHashHasher> entries_;
  std::unordered_map<std::string_view, StampSlot> stamps_;  // paths point into bytes_
  int64_t stamps_taken_ns_ = 0;
  bool has_resolved_ = false;
  ContentHash resolved_fingerprint_;
  size_t resolved_offset_ = 0;
  size_t resolved_length_ = 0;
};

}  // namespace kensa::index
