// MessageCache: what `kensa emits` learnt about files seen before, kept in one file on disk
// beside the summary cache: each file's word-pair filter (message_prefilter.h), and the
// emitting sites of the files it parsed (message_template.h). A file whose stamp (size,
// mtime, inode, ctime) is unchanged keeps both, so a warm run reads and parses nothing it knows.
//
// File format (little-endian): "KENSAEMC" magic, u32 version, u64 entry count, then per entry
// {u32 path length, path, u64 size, i64 mtime_ns, u64 inode, i64 ctime_ns, u64 filter words,
// words, u8 has sites, [u32 length, EncodeSites bytes]}, and last a u64 checksum (HashContent)
// of everything before it. A missing, foreign or corrupt
// file loads as an empty cache: its contents are never trusted. Saving writes a temporary file
// and renames it over the old one. A racy stamp (project/file_stamp.h: not older than the
// moment the stamps were taken) is not saved, so a file changed within the same clock tick as
// its stamp is always read again.
//
// Thread-safety: after Load, Find may be called from any number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "project/source_tree.h"
#include "query/message_prefilter.h"
#include "query/message_template.h"

namespace kensa::query {

struct MessageCacheEntry {
  std::string path;
  project::FileStamp stamp;
  WordPairBits bits;  // points into a loaded cache or into a filter the caller keeps alive
  bool has_sites = false;
  std::string_view sites;  // EncodeSites bytes, when has_sites
};

class MessageCache {
 public:
  MessageCache() = default;
  // Never fails: an unusable file gives an empty cache and sets *status to why.
  static MessageCache Load(const std::string& path, std::string* status);
  // What is stored for `path` with exactly this stamp (views into the cache).
  bool Find(const std::string& path, const project::FileStamp& stamp,
            MessageCacheEntry* entry) const;
  size_t size() const { return entries_.size(); }

  // `stamps_taken_ns`: project::StampClockNow() read before the first stamp was taken.
  static bool Save(const std::string& path, const std::vector<MessageCacheEntry>& entries,
                   int64_t stamps_taken_ns, std::string* error);

 private:
  struct Slot {
    project::FileStamp stamp;
    WordPairBits bits;
    bool has_sites = false;
    std::string_view sites;
  };
  std::string bytes_;
  std::unordered_map<std::string_view, Slot> entries_;
};

// The sites of one file as bytes, and back (false when the bytes are not such an encoding).
std::string EncodeSites(const std::vector<MessageSite>& sites);
bool DecodeSites(std::string_view bytes, std::vector<MessageSite>* sites);

}  // namespace kensa::query
