// FetcherScanCache: what the reference's import regexes found in each file content seen before,
// keyed by the content's git blob id, so that a warm `kensa tests` reads only the files that
// changed since the last run (the diff) and not the whole repository.
//
// What is kept per blob depends on the bytes alone: the UnicodeDecodeError the reference would
// raise reading them, or the raw matches of its four regexes (FetcherImportScanner::Scan of the
// decoded, newline-translated text without its """-pieces). Resolving a match to a file
// depends on the snapshot and is redone each run (FetcherImportScanner::Resolve). A blob id is
// a content hash, so the cache is right across commits and branches; a work-tree file that
// differs from its blob has no id and is never cached.
//
// File format (little-endian): "KENSAFSC" magic, varint format version, the scanner's package
// name, u64 entry count, per entry {20-byte blob id, u8 kind (0 matches, 1 decode error),
// then the error string, or a varint count and per match {module, names, u8 relative}}, and
// last a u64 checksum (index::HashContent) of everything before it. A missing, foreign, older
// or corrupt file loads as an empty cache. Saving goes through WriteFileAtomically.
//
// Thread-compatible: one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "git/oid.h"
#include "select/fetcher_imports.h"

namespace kensa::select {

// What the regexes of extract_imports give for one content, before resolving module paths.
struct ScannedFile {
  std::optional<std::string> decode_error;  // the reference's UnicodeDecodeError message
  std::vector<RawFetcherImport> imports;
};

class FetcherScanCache {
 public:
  // Bump when Scan's result or its encoding changes meaning.
  static constexpr uint32_t kFormatVersion = 2;  // 2: a varint version

  // Loads the cache at `path` for a scanner of `package`. Never fails: an unusable file gives
  // an empty cache and sets *status to why ("" when loaded or when there was no file).
  static FetcherScanCache Load(const std::string& path, std::string_view package,
                               std::string* status);
  explicit FetcherScanCache(std::string_view package) : package_(package) {}

  // The entry for `blob`, marked as used by this run (Save keeps only the entries a run used
  // or added, so the cache follows the repository instead of growing with every blob it ever
  // saw); nullptr when there is none.
  const ScannedFile* Use(const git::Oid& blob);
  // Records a content scanned in this run.
  void Add(const git::Oid& blob, ScannedFile file);

  size_t size() const { return entries_.size(); }
  size_t added() const { return added_; }
  // True when Save would write something different from the file that was loaded.
  bool changed() const { return added_ > 0 || dropped() > 0; }

  // Writes the entries added or used by this run to `path` atomically, creating its
  // directory.
  bool Save(const std::string& path, std::string* error) const;

 private:
  struct Entry {
    ScannedFile file;
    bool used = false;
  };
  size_t dropped() const;

  std::string package_;
  std::unordered_map<git::Oid, Entry, git::OidHash> entries_;
  size_t added_ = 0;
};

}  // namespace kensa::select
