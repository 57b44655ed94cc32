// Edits: a fix is data — a list of (file, byte range, replacement) — and ApplyEdits is the one
// place that writes fixes to disk. Each file is written once, through a temporary file in its own
// directory (base/atomic_file) that is fsync'ed and renamed over the original, keeping the
// original's permission bits and never translating line endings. All temporary files are written
// before the first rename, so a failure while writing leaves every file untouched, and a failure
// while renaming leaves each file either entirely old or entirely new — never half-written. A
// process killed midway leaves temporaries that the next kensa run removes (see
// ApplyOptions::pending_writes_dir). Edits are plain
// values; ApplyEdits is thread-compatible (two concurrent calls on the same files race like any
// two writers).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kensa {

struct Edit {
  std::string path;  // as the caller names it (absolute, or relative to the current directory)
  size_t begin = 0;  // byte range [begin, end) of the file as it is when ApplyEdits reads it
  size_t end = 0;
  std::string replacement;
  // The file need not exist: a missing file is read as empty and created (mode 0666 less the
  // umask, as open() would). A fix that creates a file says so through this flag.
  bool create = false;
};

// How a replacement's line breaks meet the file's.
enum class LineEndings {
  // A file whose every line break is "\r\n" gets "\r\n" for each bare "\n" in its replacements.
  kMatchFile,
  // Replacements are written byte for byte (a check whose fix must match a reference tool's
  // output exactly).
  kVerbatim,
};

// The steps ApplyEdits takes for each file, in order; a test can fail any of them.
enum class ApplyStep { kRead, kWriteTemporary, kRename };

struct ApplyOptions {
  LineEndings line_endings = LineEndings::kMatchFile;
  // For tests: called before each step on each file; a non-empty result makes that step fail
  // with that message, as if the system call had.
  std::function<std::string(ApplyStep step, const std::string& path)> inject_failure;
  // Where the record of the directories being written goes (PendingWrites), so a run killed
  // midway is cleaned up by the next; "" records nothing (stale temporaries of the directories
  // written to are still removed by the next ApplyEdits there).
  std::string pending_writes_dir;
};

struct ApplyResult {
  std::vector<std::string> written;  // files replaced, in the order of their first edit
  std::string error;                 // empty on success; else "path: reason"
  bool ok() const { return error.empty(); }
};

// Applies `edits` (any order; ranges in one file must not overlap). Files whose edits leave them
// unchanged are not rewritten. A symbolic link is followed: its target is replaced.
ApplyResult ApplyEdits(const std::vector<Edit>& edits, const ApplyOptions& options = {});

// The text of `original` with `edits` (all for this one file) applied. Returns false with
// *error set when a range is out of bounds or two ranges overlap.
bool ApplyEditsToText(const std::string& original, std::vector<const Edit*> edits,
                      LineEndings line_endings, std::string* result, std::string* error);

}  // namespace kensa
