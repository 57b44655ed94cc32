// The project the server answers about, kept warm between calls: its files and index, brought
// up to date before each answer. Refresh() stats every indexed file and every folder above one
// (not their bytes): when a file changed, appeared or went, the project is opened again and the
// index rebuilt through the summary cache, which re-reads only the files whose stamp changed.
// Those stats cost milliseconds on a large repository (2,000 files), tens of them on a loaded
// machine, on every call; so the folders are also watched with inotify, and while no event has
// come since the last check the stats are skipped; an event naming a .py file, a folder or the
// project's configuration re-reads the project at once. Without inotify (no watches left)
// every call stats.
// Files whose real path (links resolved) leaves the project root are dropped from the index,
// so no answer reads or names them. Thread-safe: queries read under a shared lock (Fresh()),
// a rebuild swaps the index under the exclusive one.
#pragma once

#include <sys/types.h>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "index/project_index.h"
#include "project/project_files.h"

namespace kensa::server {

struct WorkspaceOptions {
  std::string directory = ".";  // any folder in the project (-C)
  std::string preset;
  std::string cache_path;  // the summary cache; "" = none
};

class Workspace {
 public:
  Workspace() = default;
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // Opens the project and builds its index; false with *error when there is no project.
  bool Open(const WorkspaceOptions& options, std::string* error);
  // Re-reads what changed on disk since the last call. Returns true when the index was rebuilt.
  bool Refresh();
  // Refresh(), then a shared lock that keeps the files and index as they are while the caller
  // reads them: read-only queries run side by side; a rebuild waits for them.
  std::shared_lock<std::shared_mutex> Fresh();

  const project::ProjectFiles& files() const { return *files_; }
  const index::ProjectIndex& index() const { return *index_; }
  const std::string& root() const { return files_->root.root; }
  size_t rebuilds() const { return rebuilds_; }
  size_t stat_scans() const { return stat_scans_; }
  // Files left out because their real path is outside the root.
  const std::vector<std::string>& outside_root() const { return outside_root_; }

  // `path` (absolute, or relative to the root) as a path relative to the root, resolving
  // links; "" when it does not exist or resolves outside the root.
  std::string RootRelative(const std::string& path) const;

 private:
  struct Stamp {
    std::string path;  // absolute
    int64_t mtime_ns = 0;
    int64_t size = 0;
    ino_t inode = 0;
  };
  bool Load(std::string* error);
  std::vector<Stamp> TakeStamps() const;
  // Watches every folder under the root (not .git, __pycache__, ...); false when inotify
  // cannot watch them all.
  bool Watch();
  bool AddWatches(const std::string& folder);
  enum class Change { kNone, kFiles, kUnknown };
  // What the inotify events since the last call say: nothing that matters, Python files or
  // folders changed, or kUnknown without a watch.
  Change Events();

  WorkspaceOptions options_;
  std::unique_ptr<project::ProjectFiles> files_;
  std::unique_ptr<index::ProjectIndex> index_;
  std::vector<Stamp> stamps_;
  std::vector<std::string> outside_root_;
  std::mutex refresh_mutex_;       // one Refresh at a time (the inotify fd, the stamps)
  std::shared_mutex index_mutex_;  // files_ and index_: shared to read, exclusive to replace
  size_t rebuilds_ = 0;
  size_t stat_scans_ = 0;
  int inotify_fd_ = -1;  // -1: not watching
  size_t watches_ = 0;
};

}  // namespace kensa::server
