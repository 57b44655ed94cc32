#include "project/revision_tree.h"

#include <git2.h>

#include <mutex>
#include <vector>

namespace kensa::project {

namespace {

std::string LastGitError() {
  const git_error* e = git_error_last();
  return e != nullptr && e->message != nullptr ? e->message : "unknown libgit2 error";
}

// libgit2's global state, initialized once for the process and never torn down (the library
// is reference counted; shutting it down while another thread reads would be unsafe).
void InitLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

struct RepoDeleter {
  void operator()(git_repository* r) const { git_repository_free(r); }
};
using RepoPtr = std::unique_ptr<git_repository, RepoDeleter>;
struct TreeDeleter {
  void operator()(git_tree* t) const { git_tree_free(t); }
};
struct EntryDeleter {
  void operator()(git_tree_entry* e) const { git_tree_entry_free(e); }
};
struct BlobDeleter {
  void operator()(git_blob* b) const { git_blob_free(b); }
};
using TreePtr = std::unique_ptr<git_tree, TreeDeleter>;
using EntryPtr = std::unique_ptr<git_tree_entry, EntryDeleter>;
using BlobPtr = std::unique_ptr<git_blob, BlobDeleter>;

class RevisionTree : public SourceTree {
 public:
  RevisionTree(std::string root, std::string revision, git_oid tree_id)
      : root_(std::move(root)), revision_(std::move(revision)), tree_id_(tree_id) {}

  std::string Describe() const override { return "revision " + revision_; }

  bool ListDirectory(const std::string& dir, std::vector<DirEntry>* entries,
                     std::string* error) const override {
    entries->clear();
    Handle h(*this);
    if (!h.ok()) return Fail(error);
    TreePtr tree = h.Tree(dir, error);
    if (!tree) return false;
    size_t n = git_tree_entrycount(tree.get());
    for (size_t i = 0; i < n; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(tree.get(), i);
      DirEntry entry;
      entry.name = git_tree_entry_name(e);
      switch (git_tree_entry_filemode(e)) {
        case GIT_FILEMODE_TREE:
          entry.type = DirEntry::Type::kDirectory;
          break;
        case GIT_FILEMODE_BLOB:
        case GIT_FILEMODE_BLOB_EXECUTABLE:
          entry.type = DirEntry::Type::kFile;
          break;
        case GIT_FILEMODE_LINK:
          entry.is_symlink = true;
          entry.type = DirEntry::Type::kOther;
          break;
        default:
          entry.type = DirEntry::Type::kOther;
          break;
      }
      entries->push_back(std::move(entry));
    }
    return true;
  }

  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override {
    Handle h(*this);
    if (!h.ok()) return Fail(error);
    EntryPtr entry = h.Entry(path, error);
    if (!entry) return false;
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
      *error = "not a file at " + revision_;
      return false;
    }
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, h.repo(), git_tree_entry_id(entry.get())) != 0) {
      *error = LastGitError();
      return false;
    }
    BlobPtr blob(raw);
    contents->assign(static_cast<const char*>(git_blob_rawcontent(raw)),
                     static_cast<size_t>(git_blob_rawsize(raw)));
    return true;
  }

  bool IsFile(const std::string& path) const override { return Type(path) == GIT_OBJECT_BLOB; }
  bool IsDirectory(const std::string& path) const override {
    return path.empty() || Type(path) == GIT_OBJECT_TREE;
  }

 private:
  // A repository handle borrowed from the pool for the duration of one call.
  class Handle {
   public:
    explicit Handle(const RevisionTree& owner) : owner_(owner) {
      {
        std::lock_guard<std::mutex> lock(owner_.pool_mutex_);
        if (!owner_.pool_.empty()) {
          repo_ = std::move(owner_.pool_.back());
          owner_.pool_.pop_back();
        }
      }
      if (!repo_) {
        git_repository* raw = nullptr;
        if (git_repository_open(&raw, owner_.root_.c_str()) == 0) repo_.reset(raw);
      }
    }
    ~Handle() {
      if (!repo_) return;
      std::lock_guard<std::mutex> lock(owner_.pool_mutex_);
      owner_.pool_.push_back(std::move(repo_));
    }
    bool ok() const { return repo_ != nullptr; }
    git_repository* repo() const { return repo_.get(); }

    TreePtr Root(std::string* error) const {
      git_tree* raw = nullptr;
      if (git_tree_lookup(&raw, repo(), &owner_.tree_id_) != 0) {
        *error = LastGitError();
        return nullptr;
      }
      return TreePtr(raw);
    }
    EntryPtr Entry(const std::string& path, std::string* error) const {
      TreePtr root = Root(error);
      if (!root) return nullptr;
      git_tree_entry* raw = nullptr;
      if (git_tree_entry_bypath(&raw, root.get(), path.c_str()) != 0) {
        *error = "No such file or directory at " + owner_.revision_;
        return nullptr;
      }
      return EntryPtr(raw);
    }
    TreePtr Tree(const std::string& dir, std::string* error) const {
      if (dir.empty()) return Root(error);
      EntryPtr entry = Entry(dir, error);
      if (!entry) return nullptr;
      git_object* obj = nullptr;
      if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE ||
          git_tree_entry_to_object(&obj, repo(), entry.get()) != 0) {
        *error = "not a directory at " + owner_.revision_;
        return nullptr;
      }
      return TreePtr(reinterpret_cast<git_tree*>(obj));
    }

   private:
    const RevisionTree& owner_;
    RepoPtr repo_;
  };

  static bool Fail(std::string* error) {
    *error = LastGitError();
    return false;
  }

  git_object_t Type(const std::string& path) const {
    Handle h(*this);
    std::string error;
    if (!h.ok()) return GIT_OBJECT_INVALID;
    EntryPtr entry = h.Entry(path, &error);
    return entry ? git_tree_entry_type(entry.get()) : GIT_OBJECT_INVALID;
  }

  std::string root_;
  std::string revision_;
  git_oid tree_id_;
  mutable std::mutex pool_mutex_;
  mutable std::vector<RepoPtr> pool_;
};

}  // namespace

std::unique_ptr<SourceTree> OpenRevisionTree(const std::string& repo_root,
                                             const std::string& revision, std::string* error) {
  InitLibgit2();
  git_repository* raw_repo = nullptr;
  if (git_repository_open(&raw_repo, repo_root.c_str()) != 0) {
    *error = repo_root + ": not a git repository: " + LastGitError();
    return nullptr;
  }
  RepoPtr repo(raw_repo);
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo.get(), revision.c_str()) != 0) {
    *error = "unknown revision '" + revision + "': " + LastGitError();
    return nullptr;
  }
  git_object* commit = nullptr;
  int rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
  git_object_free(obj);
  if (rc != 0) {
    *error = "revision '" + revision + "' is not a commit: " + LastGitError();
    return nullptr;
  }
  git_oid tree_id = *git_commit_tree_id(reinterpret_cast<git_commit*>(commit));
  git_object_free(commit);
  return std::make_unique<RevisionTree>(repo_root, revision, tree_id);
}

}  // namespace kensa::project
