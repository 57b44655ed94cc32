// MemoryTree: a SourceTree held in memory — a map from relative path to contents. The fake
// used by tests, and the form a git revision can be materialized into. Directories exist
// implicitly (as prefixes of file paths). Not thread-safe while being filled; safe for
// concurrent reads afterwards.
#pragma once

#include <map>
#include <string>

#include "project/source_tree.h"

namespace kensa::project {

class MemoryTree : public SourceTree {
 public:
  explicit MemoryTree(std::string description = "memory") : description_(description) {}

  void AddFile(const std::string& path, std::string contents) {
    files_[path] = std::move(contents);
  }
  // A file that exists but cannot be read (ReadFile fails with `reason`).
  void AddUnreadableFile(const std::string& path, std::string reason);

  std::string Describe() const override { return description_; }
  bool ListDirectory(const std::string& dir, std::vector<DirEntry>* entries,
                     std::string* error) const override;
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;

 private:
  std::string description_;
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> unreadable_;  // path -> reason
};

}  // namespace kensa::project
