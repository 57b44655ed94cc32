// Temporary files that become real files by a rename, and the clean-up of those a killed run
// left behind. This is the one place kensa creates such files: fixes (base/edit), caches and
// --output reports (WriteFileAtomically in base/file_io) all go through it.
//
// A temporary for TARGET is ".TARGET-NAME.kensa-PID-XXXXXX" in TARGET's own directory (the
// rename must not cross file systems). The PID is the writer's, so a later run can tell a
// temporary whose writer is gone (stale: removed) from one still being written (kept). Names
// of the older form ".NAME.kensa-XXXXXX" (no PID, kensa before this scheme) are stale once
// they are a minute old.
//
// A write that puts temporaries in several directories first records them in a pending-write
// file (PendingWrites) in the user's kensa state directory and removes it when done; every
// kensa run starts by recovering the records of dead writers (RecoverPendingWrites), so after a
// kill -9 the next run of any kensa command leaves no temporary behind, without walking trees.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kensa {

// What a written file gets: permission bits, and the owner when it replaces someone's file.
struct FileMode {
  mode_t permissions = 0644;
  std::optional<uid_t> uid;
  std::optional<gid_t> gid;
};

// The mode of the existing file at `path` (permission bits and owner), or, when there is none,
// what open(O_CREAT, 0666) would give: 0666 less the umask.
FileMode ModeForTarget(const std::string& path);

// Writes `data` to a new temporary file beside `target` (see above) with `mode`; with `sync`
// the data is fsync'ed before returning. On success sets *temporary to its path; on failure
// removes it, sets *error to "TARGET: reason" and returns false.
bool WriteTemporaryBeside(const std::string& target, std::string_view data, const FileMode& mode,
                          bool sync, std::string* temporary, std::string* error);

// If `name` (a file name, no directory) is one of kensa's temporaries, returns true and sets
// *pid to its writer's PID (0 for the older PID-less form).
bool ParseTemporaryName(std::string_view name, pid_t* pid);

// Removes the stale temporaries (see above) directly inside `dir`; returns how many. Errors
// (an unreadable directory, a file that vanished) are ignored: clean-up is best effort.
size_t RemoveStaleTemporaries(const std::string& dir);

// kensa's per-user cache directory: $KENSA_CACHE_DIR, else $XDG_CACHE_HOME/kensa, else
// ~/.cache/kensa; "" when none of them is set. The index cache and the records below live there.
std::string UserCacheDirectory();

// Where pending-write records live: UserCacheDirectory() + "/pending-writes" ("" without one).
std::string DefaultPendingWritesDirectory();

// A pending-write record for the lifetime of the object. Not copyable.
class PendingWrites {
 public:
  PendingWrites() = default;
  ~PendingWrites();
  PendingWrites(const PendingWrites&) = delete;
  PendingWrites& operator=(const PendingWrites&) = delete;

  // Records, durably, that this process is about to write temporaries into `directories`.
  // An empty `records_dir` records nothing. Returns false with *error when the record cannot
  // be written (the caller may go on: only the clean-up after a kill is lost).
  bool Begin(const std::string& records_dir, const std::vector<std::string>& directories,
             std::string* error);

 private:
  std::string record_;
};

// For each record in `records_dir` whose writer is gone: removes the stale temporaries of the
// directories it names, then the record. Returns the number of temporaries removed.
size_t RecoverPendingWrites(const std::string& records_dir);

}  // namespace kensa
