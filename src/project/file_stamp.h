// When a file's stamp (source_tree.h) may stand for its content: git's racy-git rule.
//
// A stamp recorded at time T proves nothing about a write in the same clock tick after T: that
// write leaves size, mtime and ctime as they were. git therefore distrusts an entry whose
// mtime is not older than the index file itself. kensa applies the rule to the moment the
// stamps were taken (the start of the scan, earlier than the cache write, so a little
// stricter): a stamp whose mtime or ctime is not older than that moment is racy, and the file
// must be read and its content hash compared instead.
//
// The moment is the coarse real-time clock, the one the kernel stamps files with (fine-grained
// file timestamps are never below it), so a write after the scan started always has an mtime
// at or after it. Pure functions; thread-safe.
#pragma once

#include <cstdint>

#include "project/source_tree.h"

namespace kensa::project {

// The file-system clock now, in nanoseconds since the epoch: read it before taking stamps.
int64_t StampClockNow();

// True when `stamp` cannot be trusted by a cache whose stamps were taken at `taken_ns`.
inline bool StampIsRacy(const FileStamp& stamp, int64_t taken_ns) {
  return stamp.mtime_ns >= taken_ns || stamp.ctime_ns >= taken_ns;
}

}  // namespace kensa::project
