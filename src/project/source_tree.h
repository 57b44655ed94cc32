// SourceTree: where a project's files come from — the work tree on disk, a git revision, or
// memory (tests). Paths are relative to the project root, '/'-separated, "" for the root
// itself. The layers above read files only through this interface, so every analysis runs the
// same on a checkout, on any revision, and on an in-memory fake.
//
// Implementations own their state; const methods are safe to call from several threads at once
// (the index reads files in parallel).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kensa::project {

struct DirEntry {
  enum class Type : uint8_t { kFile, kDirectory, kOther };
  std::string name;
  Type type = Type::kOther;  // after following symbolic links
  bool is_symlink = false;
  // For directories: identifies the real directory (device and inode on disk), so a walk can
  // see that a symbolic link leads back to one of its ancestors. 0 when the tree has no links.
  uint64_t identity = 0;
  // Set when the entry cannot be classified (a dangling symbolic link, a stat error).
  std::string error;
};

// A cheap fingerprint of a file's content, what git's index keeps per file (size, mtime,
// inode, ctime): a write changes mtime and ctime, a rename or a replacing write the inode, and
// ctime cannot be set back by `touch -d`. A cache that finds the same stamp may skip reading
// the file, unless the stamp is racy (project/file_stamp.h).
struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
  int64_t ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

class SourceTree {
 public:
  virtual ~SourceTree() = default;

  // What this tree is, for messages: "work tree /path" or "revision 1a2b3c4".
  virtual std::string Describe() const = 0;
  // Lists the entries of directory `dir`, in no particular order.
  virtual bool ListDirectory(const std::string& dir, std::vector<DirEntry>* entries,
                             std::string* error) const = 0;
  // Reads a whole file. On failure returns false and sets *error to a reason without the path.
  virtual bool ReadFile(const std::string& path, std::string* contents,
                        std::string* error) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
  virtual bool IsDirectory(const std::string& path) const = 0;
  // The identity of directory `dir` (see DirEntry::identity); 0 when the tree has no links.
  virtual uint64_t DirectoryIdentity(const std::string& /*dir*/) const { return 0; }
  // The file's stamp, when this tree has a cheap one (the disk does; a revision does not).
  virtual std::optional<FileStamp> Stamp(const std::string& /*path*/) const { return std::nullopt; }
};

}  // namespace kensa::project
