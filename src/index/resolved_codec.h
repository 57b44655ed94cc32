// The binary form of ResolvedImports, so a warm run on an unchanged snapshot skips resolution:
// the cache stores it next to the summaries under a fingerprint of every input resolution
// depends on (SnapshotFingerprint). Decoding is defensive: corrupt bytes fail, never crash.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "index/content_hash.h"
#include "index/import_resolver.h"
#include "project/project_files.h"

namespace kensa::index {

// Bump whenever the resolver's behaviour changes: cached resolutions are then recomputed.
inline constexpr uint32_t kResolverVersion = 1;

// A fingerprint of what resolution reads: the resolver version, and for each file its path,
// module name, package flag and content hash (`hashes[i]` for files.files[i]).
ContentHash SnapshotFingerprint(const project::ProjectFiles& files,
                                const std::vector<ContentHash>& hashes);

void EncodeResolved(const ResolvedImports& resolved, std::string* out);
// `file_count` bounds the file ids; anything out of range is corruption.
bool DecodeResolved(std::string_view bytes, size_t file_count, ResolvedImports* resolved);

}  // namespace kensa::index
