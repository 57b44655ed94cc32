// DiskTree: a SourceTree over a directory on disk (the work tree). Follows symbolic links and
// reports each directory's device and inode so that walks can detect loops. Stateless apart
// from the root path, so it is safe to use from several threads.
#pragma once

#include <string>

#include "project/source_tree.h"

namespace kensa::project {

class DiskTree : public SourceTree {
 public:
  // `root` is an absolute directory path without a trailing slash.
  explicit DiskTree(std::string root) : root_(std::move(root)) {}

  const std::string& root() const { return root_; }
  // The absolute path of a tree-relative path.
  std::string Absolute(const std::string& path) const;

  std::string Describe() const override { return "work tree " + root_; }
  bool ListDirectory(const std::string& dir, std::vector<DirEntry>* entries,
                     std::string* error) const override;
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  uint64_t DirectoryIdentity(const std::string& dir) const override;
  std::optional<FileStamp> Stamp(const std::string& path) const override;

 private:
  std::string root_;
};

}  // namespace kensa::project
