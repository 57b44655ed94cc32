#include "server/workspace.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
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
  // The index refers to its files: drop the old index first, then its files.
  index_.reset();
  files_ = std::move(files);
  index_ =
      std::make_unique<index::ProjectIndex>(index::ProjectIndex::Build(*files_, index_options));
  stamps_ = TakeStamps();
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

bool Workspace::Refresh() {
  std::vector<Stamp> now = TakeStamps();
  bool same =
      now.size() == stamps_.size() &&
      std::equal(now.begin(), now.end(), stamps_.begin(), [](const Stamp& a, const Stamp& b) {
        return a.path == b.path && a.mtime_ns == b.mtime_ns && a.size == b.size &&
               a.inode == b.inode;
      });
  if (same) return false;
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
