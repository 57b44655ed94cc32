// Repository: read-only access to a git repository through libgit2 — finding it from any
// folder, resolving revisions, walking parents and merge bases, diffing two commits the way
// `git diff-tree -r -M` does, listing a commit's files, reading blobs, and the work tree's
// status. kensa never runs a `git` process and never checks anything out: every read goes
// through here, and every failure comes back as an Error with a sentence for the user.
//
// A Repository owns its libgit2 handle and is movable, not copyable. It is NOT thread-safe
// (libgit2 handles are not); to read from several threads, give each its own handle with
// Reopen(). Results are plain values that outlive the Repository.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/git_result.h"
#include "git/oid.h"

namespace kensa::git {

// The git file modes a tree can hold.
inline constexpr uint32_t kModeFile = 0100644;
inline constexpr uint32_t kModeExecutable = 0100755;
inline constexpr uint32_t kModeSymlink = 0120000;
inline constexpr uint32_t kModeSubmodule = 0160000;

// One non-directory entry of a commit's tree: a file, a symbolic link (its blob is the link
// target) or a submodule (its oid is a commit of another repository).
struct TreeFile {
  std::string path;  // relative to the root, '/'-separated
  Oid oid;
  uint32_t mode = kModeFile;
};

struct HeadState {
  bool unborn = false;    // no commit yet (a fresh `git init`)
  bool detached = false;  // HEAD names a commit, not a branch
  std::string branch;     // the branch's short name ("main") when not detached
  Oid commit;             // the commit HEAD points to (zero when unborn)
};

// How a path changed between two trees, as GitPython's Diff.change_type spells it.
enum class ChangeType : char {
  kAdded = 'A',
  kDeleted = 'D',
  kModified = 'M',  // content or mode changed, same path
  kRenamed = 'R',
  kTypeChanged = 'T',  // file <-> symbolic link <-> submodule
};

struct TreeChange {
  ChangeType type = ChangeType::kModified;
  std::string old_path;  // GitPython's a_path; empty for kAdded
  std::string new_path;  // GitPython's b_path; empty for kDeleted
  Oid old_oid, new_oid;  // zero when absent (and for new_oid of work-tree files)
  uint32_t old_mode = 0, new_mode = 0;
  int similarity = 0;  // 0..100, for renames
};

// Rename detection, as `git diff -M` does it by default: pairs of a deleted and an added file
// at least `threshold` percent similar become one rename; inexact matching is skipped when
// there are more than `limit` candidates on a side (git's diff.renameLimit).
struct RenameOptions {
  bool detect = true;
  int threshold = 50;
  int limit = 1000;
};

// One path whose state differs between HEAD, the index and the work tree (`git status`).
// Codes as in `git status --porcelain`: ' ' unchanged, 'M', 'A', 'D', 'R', 'T', '?' untracked.
struct StatusEntry {
  std::string path;
  char index = ' ';
  char work_tree = ' ';
};

class Repository {
 public:
  // Finds the repository containing `start` (a folder or a file), walking up as git does.
  static Result<Repository> Discover(const std::string& start);

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  ~Repository();

  // A second, independent handle on the same repository (one per thread).
  Result<Repository> Reopen() const;

  // The work tree's root: absolute, symbolic links resolved, no trailing '/'; empty if bare.
  const std::string& work_dir() const;
  // The .git directory, absolute, with a trailing '/'.
  const std::string& git_dir() const;
  bool is_shallow() const;

  // --- revisions and history -------------------------------------------------------------
  // Resolves any revision git accepts (`main`, `HEAD~1`, `origin/main`, a sha or a prefix of
  // one, `v1.0^{commit}`) to a commit.
  Result<Oid> ResolveCommit(std::string_view revision) const;
  // The commit a full reference name ("refs/remotes/origin/main") points to, or nullopt when
  // there is no such reference.
  Result<std::optional<Oid>> FindReference(std::string_view full_name) const;
  Result<HeadState> Head() const;
  // The parents a commit records. An error (kMissingObject) when one of them is not in the
  // repository, as at the boundary of a shallow clone.
  Result<std::vector<Oid>> Parents(const Oid& commit) const;
  // The best common ancestor, as `git merge-base A B` prints it; kNoMergeBase when none.
  Result<Oid> MergeBase(const Oid& a, const Oid& b) const;
  // The full commit message (subject, blank line, body), as recorded.
  Result<std::string> CommitMessage(const Oid& commit) const;

  // --- trees and blobs --------------------------------------------------------------------
  // Every file, symbolic link and submodule of the commit's tree, sorted by path (bytewise,
  // which is also git's tree order).
  Result<std::vector<TreeFile>> ListFiles(const Oid& commit) const;
  Result<std::string> ReadBlob(const Oid& blob) const;
  // The content of `path` at `commit`; kNotFound when the commit has no such file.
  Result<std::string> ReadFileAt(const Oid& commit, std::string_view path) const;

  // --- diffs ------------------------------------------------------------------------------
  // The changes from `from`'s tree to `to`'s tree, recursively, in the order
  // `git diff-tree -r -M from to` prints them (by path; a rename at its new path).
  Result<std::vector<TreeChange>> DiffCommits(const Oid& from, const Oid& to,
                                              const RenameOptions& renames = {}) const;
  // The changes from `from`'s tree to the work tree as it is now: staged and unstaged changes
  // and untracked (not ignored) files, which count as added. Same order as DiffCommits.
  Result<std::vector<TreeChange>> DiffCommitToWorkTree(const Oid& from,
                                                       const RenameOptions& renames = {}) const;
  // `git status`: every path that differs between HEAD, the index and the work tree, sorted.
  Result<std::vector<StatusEntry>> Status(bool include_untracked) const;

  struct Impl;  // libgit2 state, defined in git_handles.h
  // Internal to src/git: wraps an opened handle.
  static Repository FromImpl(std::unique_ptr<Impl> impl);

 private:
  explicit Repository(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kensa::git
