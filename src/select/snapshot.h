// Snapshot: the files of the repository as the test selection sees them — the tree of a
// commit, or the work tree (the HEAD tree with uncommitted and untracked changes applied).
// It answers the file-system questions the reference script asks (is_file, is_dir, exists,
// listdir, `glob("**/*.py")` in pathlib's order) from the listing alone, and reads contents
// through libgit2 (blobs) or from disk (work-tree files), never from a checkout.
//
// Paths are relative to the repository root, '/'-separated. Lookups normalize them as
// pathlib does ("a//b", "a/./b"); a symbolic link to a file in the tree counts as that file.
// Immutable after construction: the query methods are safe from several threads. Reading
// contents goes through ContentReader, which gives each thread its own repository handle.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "git/git_result.h"
#include "git/repository.h"
#include "select/fetcher_imports.h"

namespace kensa::select {

class Snapshot : public FileQuery {
 public:
  struct File {
    std::string path;
    git::Oid oid;          // the blob (for a link to a file: the target's blob)
    bool on_disk = false;  // read from the work tree rather than from a blob
    // `oid` is the id of the bytes read (false for a work-tree change, whose bytes are not a
    // blob yet, and for in-memory files): what caches keyed by content may use.
    bool oid_is_content = true;
  };

  // The tree of `commit`. With `read_work_tree`, contents are read from the work tree instead
  // of blobs: only for the commit checked out in a clean work tree, where they are the same
  // (and reading files is several times faster than inflating packed objects).
  static git::Result<Snapshot> FromCommit(const git::Repository& repo, const git::Oid& commit,
                                          bool read_work_tree = false);
  // The tree of `head` with `changes` (DiffCommitToWorkTree(head)) applied: added and
  // modified files are read from the work tree, deleted ones are gone.
  static git::Result<Snapshot> FromWorkTree(const git::Repository& repo, const git::Oid& head,
                                            const std::vector<git::TreeChange>& changes);
  // For tests: files with their contents, no repository.
  static Snapshot FromMemory(const std::vector<std::pair<std::string, std::string>>& files);

  Snapshot(Snapshot&&) noexcept;
  Snapshot& operator=(Snapshot&&) noexcept;
  ~Snapshot() override;

  bool IsFile(std::string_view path) const override;
  bool IsDirectory(std::string_view path) const override;
  bool Exists(std::string_view path) const { return IsFile(path) || IsDirectory(path); }
  const File* Find(std::string_view path) const;

  // `(root / dir).glob("**/*.py")`, relative to the root, in the order pathlib yields them
  // (a directory's own files, then each subdirectory in turn; names in sorted order, since a
  // tree has no on-disk order).
  std::vector<std::string> GlobPython(std::string_view dir) const;
  // `(root / dir).glob(prefix + "*" + suffix)`: the files directly in `dir`.
  std::vector<std::string> GlobFiles(std::string_view dir, std::string_view prefix,
                                     std::string_view suffix) const;
  struct Child {
    std::string name;
    bool is_directory = false;
  };
  // os.listdir(dir), sorted.
  std::vector<Child> ListDirectory(std::string_view dir) const;

  // Where contents come from; null for an in-memory snapshot.
  const git::Repository* repository() const { return repo_; }
  // In-memory contents (FromMemory only).
  const std::string* MemoryContent(std::string_view path) const;

 private:
  Snapshot() = default;
  void Index(std::vector<File> files,
             const std::vector<std::pair<std::string, std::string>>& symlinks);
  std::optional<std::string> Normalize(std::string_view path) const;

  struct Directory {
    std::vector<std::string> files;    // names, sorted
    std::vector<std::string> subdirs;  // names, sorted
  };
  const git::Repository* repo_ = nullptr;
  std::vector<File> files_;
  std::unordered_map<std::string, size_t> file_index_;
  std::unordered_map<std::string, Directory> directories_;  // "" is the root
  std::unordered_map<std::string, std::string> memory_;
};

// Reads many files of a snapshot in parallel: each worker thread opens its own handle on the
// repository. Results are raw bytes, or the error message ("[Errno 2] ..." style is up to the
// caller).
class ContentReader {
 public:
  explicit ContentReader(const Snapshot& snapshot) : snapshot_(snapshot) {}

  // Calls visit(i, bytes, error) for each path, from up to `threads` threads (0: all cores);
  // `bytes` is null when the file cannot be read. visit must be thread-safe across i.
  void ReadAll(const std::vector<std::string>& paths,
               const std::function<void(size_t, const std::string*, const std::string&)>& visit,
               unsigned threads = 0) const;

  // One file, on the calling thread, with the snapshot's own repository handle.
  git::Result<std::string> Read(std::string_view path) const;

 private:
  const Snapshot& snapshot_;
};

}  // namespace kensa::select
