#include "project/revision_tree.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <vector>

#include "git/repository.h"

namespace kensa::project {

namespace {

// A commit's tree, listed once through the git layer; directories are derived from the file
// paths. Blob reads borrow a repository handle from a pool (libgit2 handles are per thread).
class RevisionTree : public SourceTree {
 public:
  RevisionTree(git::Repository repo, std::string revision, std::vector<git::TreeFile> files)
      : revision_(std::move(revision)), files_(std::move(files)) {
    pool_.push_back(std::move(repo));
    for (const git::TreeFile& f : files_) {
      std::string_view path = f.path;
      size_t slash = path.rfind('/');
      std::string dir(slash == std::string_view::npos ? "" : path.substr(0, slash));
      DirEntry entry;
      entry.name = std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
      entry.is_symlink = f.mode == git::kModeSymlink;
      entry.type = f.mode == git::kModeFile || f.mode == git::kModeExecutable
                       ? DirEntry::Type::kFile
                       : DirEntry::Type::kOther;
      AddEntry(dir, std::move(entry));
    }
  }

  std::string Describe() const override { return "revision " + revision_; }

  bool ListDirectory(const std::string& dir, std::vector<DirEntry>* entries,
                     std::string* error) const override {
    auto it = dirs_.find(dir);
    if (it == dirs_.end()) {
      *error = "No such directory at " + revision_;
      return false;
    }
    *entries = it->second;
    return true;
  }

  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override {
    const git::TreeFile* file = Find(path);
    if (file == nullptr || file->mode == git::kModeSubmodule) {
      *error = "No such file at " + revision_;
      return false;
    }
    git::Result<git::Repository> repo = Borrow();
    if (!repo) {
      *error = repo.error().message;
      return false;
    }
    git::Result<std::string> blob = repo->ReadBlob(file->oid);
    Return(std::move(*repo));
    if (!blob) {
      *error = blob.error().message;
      return false;
    }
    *contents = std::move(*blob);
    return true;
  }

  bool IsFile(const std::string& path) const override {
    const git::TreeFile* file = Find(path);
    return file != nullptr && (file->mode == git::kModeFile || file->mode == git::kModeExecutable);
  }
  bool IsDirectory(const std::string& path) const override { return dirs_.count(path) != 0; }

 private:
  void AddEntry(const std::string& dir, DirEntry entry) {
    auto [it, inserted] = dirs_.try_emplace(dir);
    it->second.push_back(std::move(entry));
    if (!inserted || dir.empty()) return;
    // A new directory: list it in its parent too.
    size_t slash = dir.rfind('/');
    DirEntry sub;
    sub.name = slash == std::string::npos ? dir : dir.substr(slash + 1);
    sub.type = DirEntry::Type::kDirectory;
    AddEntry(slash == std::string::npos ? "" : dir.substr(0, slash), std::move(sub));
  }

  const git::TreeFile* Find(const std::string& path) const {
    auto it =
        std::lower_bound(files_.begin(), files_.end(), path,
                         [](const git::TreeFile& f, const std::string& p) { return f.path < p; });
    return it != files_.end() && it->path == path ? &*it : nullptr;
  }

  git::Result<git::Repository> Borrow() const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pool_.size() > 1) {
      git::Repository repo = std::move(pool_.back());
      pool_.pop_back();
      return repo;
    }
    return pool_.front().Reopen();
  }
  void Return(git::Repository repo) const {
    std::lock_guard<std::mutex> lock(mutex_);
    pool_.push_back(std::move(repo));
  }

  std::string revision_;
  std::vector<git::TreeFile> files_;  // sorted by path
  std::map<std::string, std::vector<DirEntry>> dirs_;
  mutable std::mutex mutex_;
  // pool_[0] is the handle the tree was opened with; it is only ever reopened, never lent.
  mutable std::vector<git::Repository> pool_;
};

}  // namespace

std::unique_ptr<SourceTree> OpenRevisionTree(const std::string& repo_root,
                                             const std::string& revision, std::string* error) {
  git::Result<git::Repository> repo = git::Repository::Discover(repo_root);
  if (!repo) {
    *error = repo_root + ": " + repo.error().message;
    return nullptr;
  }
  git::Result<git::Oid> commit = repo->ResolveCommit(revision);
  if (!commit) {
    *error = commit.error().message;  // names the revision and what is wrong with it
    return nullptr;
  }
  git::Result<std::vector<git::TreeFile>> files = repo->ListFiles(*commit);
  if (!files) {
    *error = "cannot list revision '" + revision + "': " + files.error().message;
    return nullptr;
  }
  return std::make_unique<RevisionTree>(std::move(*repo), revision, std::move(*files));
}

}  // namespace kensa::project
