#include "server/workspace.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "server/confined_tree.h"

namespace kensa::server {

namespace {

// The real path of `path`, "" when it cannot be resolved.
std::string RealPath(const std::string& path) {
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return "";
  return resolved;
}

bool Inside(const std::string& root, const std::string& path) {
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                          path[root.size()] == '/');
}

}  // namespace

Workspace::~Workspace() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);
}

namespace {

constexpr uint32_t kWatchMask = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE |
                                IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF;
constexpr size_t kMaxWatches = 50000;

// Folders not worth watching: no project file lives there.
bool Skipped(std::string_view name) {
  return name == "." || name == ".." || name == ".git" || name == "__pycache__" ||
         name == "node_modules" || name == ".venv" || name == ".tox";
}

}  // namespace

bool Workspace::AddWatches(const std::string& folder) {
  if (watches_ >= kMaxWatches) return false;
  if (::inotify_add_watch(inotify_fd_, folder.c_str(), kWatchMask | IN_ONLYDIR) < 0) return false;
  ++watches_;
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) return true;  // gone already; its parent's event says so
  bool ok = true;
  while (struct dirent* e = ::readdir(dir)) {
    // Real folders only: a linked folder leads outside the root or to one watched already.
    if (e->d_type != DT_DIR || Skipped(e->d_name)) continue;
    if (!AddWatches(folder + "/" + e->d_name)) {
      ok = false;
      break;
    }
  }
  ::closedir(dir);
  return ok;
}

bool Workspace::Watch() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);
  watches_ = 0;
  inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_fd_ < 0) return false;
  if (!AddWatches(files_->root.root)) {
    ::close(inotify_fd_);  // out of watches: stat on every call instead
    inotify_fd_ = -1;
    return false;
  }
  return true;
}

Workspace::Change Workspace::Events() {
  if (inotify_fd_ < 0) return Change::kUnknown;
  Change change = Change::kNone;
  alignas(struct inotify_event) char buffer[16384];
  for (;;) {
    ssize_t n = ::read(inotify_fd_, buffer, sizeof buffer);
    if (n <= 0) break;  // EAGAIN: drained
    for (char* p = buffer; p < buffer + n;) {
      auto* e = reinterpret_cast<struct inotify_event*>(p);
      p += sizeof(struct inotify_event) + e->len;
      std::string_view name = e->len ? std::string_view(e->name) : std::string_view();
      if ((e->mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF)) ||
          ((e->mask & IN_ISDIR) && !Skipped(name) &&
           (e->mask & (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)))) {
        change = Change::kFiles;  // a folder came or went (or events were lost): walk again
      } else if (name.ends_with(".py") || name == "pyproject.toml" || name == "setup.cfg") {
        change = Change::kFiles;
      }
    }
  }
  return change;
}

bool Workspace::Open(const WorkspaceOptions& options, std::string* error) {
  options_ = options;
  return Load(error);
}

bool Workspace::Load(std::string* error) {
  auto files = std::make_unique<project::ProjectFiles>();
  project::OpenOptions open;
  open.start_dir = options_.directory;
  open.preset = options_.preset;
  if (!project::OpenProject(open, files.get(), error)) return false;
  // The walk followed links; from now on the tree refuses what leads outside the root, and the
  // files found through such links are dropped.
  files->tree = std::make_unique<ConfinedTree>(std::move(files->tree), files->root.root);
  outside_root_.clear();
  const std::string& root = files->root.root;
  std::erase_if(files->files, [&](const project::SourceFile& f) {
    std::string real = RealPath(root + "/" + f.path);
    if (!real.empty() && Inside(root, real)) return false;
    outside_root_.push_back(f.path);
    return true;
  });
  index::IndexOptions index_options;
  index_options.cache_path = options_.cache_path;
  // Built before the lock is taken, so queries keep running meanwhile.
  auto built =
      std::make_unique<index::ProjectIndex>(index::ProjectIndex::Build(*files, index_options));
  {
    std::unique_lock<std::shared_mutex> lock(index_mutex_);
    // The index refers to its files: drop the old index first, then its files.
    index_.reset();
    files_ = std::move(files);
    index_ = std::move(built);
  }
  stamps_ = TakeStamps();
  Watch();
  ++rebuilds_;
  return true;
}

std::vector<Workspace::Stamp> Workspace::TakeStamps() const {
  const std::string& root = files_->root.root;
  std::set<std::string> folders = {root};
  std::vector<Stamp> stamps;
  stamps.reserve(files_->files.size() * 2);
  auto add = [&](const std::string& path) {
    Stamp s;
    s.path = path;
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) {
      s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
      s.size = st.st_size;
      s.inode = st.st_ino;
    } else {
      s.mtime_ns = -1;  // gone
    }
    stamps.push_back(std::move(s));
  };
  for (const project::SourceFile& f : files_->files) {
    // A file added next to a known one, or in a new folder below a known one, changes the
    // mtime of a folder above it.
    for (size_t slash = f.path.find('/'); slash != std::string::npos;
         slash = f.path.find('/', slash + 1)) {
      folders.insert(root + "/" + f.path.substr(0, slash));
    }
    add(root + "/" + f.path);
  }
  for (const std::string& folder : folders) add(folder);
  for (const char* config : {"/pyproject.toml", "/setup.cfg"}) add(root + config);
  return stamps;
}

std::shared_lock<std::shared_mutex> Workspace::Fresh() {
  Refresh();
  return std::shared_lock<std::shared_mutex>(index_mutex_);
}

bool Workspace::Refresh() {
  std::lock_guard<std::mutex> lock(refresh_mutex_);
  switch (Events()) {
    case Change::kNone:
      // No event since the last check: no Python file or folder under the root changed. (A
      // file reached through a link from elsewhere in the root is seen by its own folder.)
      return false;
    case Change::kFiles: {
      // Walk the project again (new folders are watched then): the cache re-reads only the
      // files whose stamp changed.
      std::string error;
      std::fprintf(stderr, "kensa mcp: files changed on disk; re-reading the project\n");
      if (!Load(&error)) std::fprintf(stderr, "kensa mcp: %s\n", error.c_str());
      return true;
    }
    case Change::kUnknown:
      break;
  }
  ++stat_scans_;
  std::vector<Stamp> now = TakeStamps();
  bool same =
      now.size() == stamps_.size() &&
      std::equal(now.begin(), now.end(), stamps_.begin(), [](const Stamp& a, const Stamp& b) {
        return a.path == b.path && a.mtime_ns == b.mtime_ns && a.size == b.size &&
               a.inode == b.inode;
      });
  if (same) return false;
  // Say why on stderr (never stdout: the stdio transport owns it).
  for (size_t i = 0; i < now.size() && i < stamps_.size(); ++i) {
    if (now[i].path != stamps_[i].path || now[i].mtime_ns != stamps_[i].mtime_ns ||
        now[i].size != stamps_[i].size || now[i].inode != stamps_[i].inode) {
      std::fprintf(stderr, "kensa mcp: %s changed on disk; re-reading the project\n",
                   now[i].path.c_str());
      break;
    }
  }
  if (now.size() != stamps_.size()) {
    std::fprintf(stderr, "kensa mcp: files were added or removed; re-reading the project\n");
  }
  std::string error;
  // The project stays what it was if it can no longer be opened (its folder went away).
  if (!Load(&error)) stamps_ = std::move(now);
  return true;
}

std::string Workspace::RootRelative(const std::string& path) const {
  const std::string& root = files_->root.root;
  std::string real = RealPath(!path.empty() && path[0] == '/' ? path : root + "/" + path);
  if (real.empty() || !Inside(root, real) || real == root) return "";
  return real.substr(root.size() + 1);
}

}  // namespace kensa::server
