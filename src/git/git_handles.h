// Internal to src/git: owning wrappers for libgit2 objects, the library's reference-counted
// initialization, Repository::Impl, and turning libgit2's last error into an Error. Nothing
// outside src/git includes this file (it pulls in git2.h). Same thread-safety as Repository.
#pragma once

#include <git2.h>

#include <memory>
#include <string>
#include <string_view>

#include "git/git_result.h"
#include "git/oid.h"
#include "git/repository.h"

namespace kensa::git {

// Holds one reference on libgit2's global state (git_libgit2_init/shutdown are counted).
// The options set here are the same for every Repository, so setting them again is harmless.
class LibraryRef {
 public:
  LibraryRef() {
    git_libgit2_init();
    // Like git, trust the object store: do not re-hash every object read (a third of the
    // cost of reading blobs).
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  }
  LibraryRef(const LibraryRef&) : LibraryRef() {}
  LibraryRef& operator=(const LibraryRef&) = default;
  ~LibraryRef() { git_libgit2_shutdown(); }
};

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p != nullptr) Free(p);
  }
};

using RepositoryPtr = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry, git_tree_entry_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;
using DiffPtr = std::unique_ptr<git_diff, Deleter<git_diff, git_diff_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;
using StatusListPtr =
    std::unique_ptr<git_status_list, Deleter<git_status_list, git_status_list_free>>;

struct Repository::Impl {
  LibraryRef library;  // declared first: released last
  RepositoryPtr repo;
  std::string work_dir;
  std::string git_dir;
};

inline Oid FromGitOid(const git_oid& id) {
  Oid oid;
  for (size_t i = 0; i < oid.bytes.size(); ++i) oid.bytes[i] = id.id[i];
  return oid;
}

inline git_oid ToGitOid(const Oid& oid) {
  git_oid id;
  for (size_t i = 0; i < oid.bytes.size(); ++i) id.id[i] = oid.bytes[i];
  return id;
}

// "<what>: <libgit2's last error message>" with the given code.
Error LastError(ErrorCode code, std::string_view what);

// The commit `oid`, or kMissingObject naming it.
Result<CommitPtr> LookupCommit(git_repository* repo, const Oid& oid);
// The tree of commit `oid`.
Result<TreePtr> LookupCommitTree(git_repository* repo, const Oid& oid);

}  // namespace kensa::git
