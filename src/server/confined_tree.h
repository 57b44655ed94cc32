// ConfinedTree: a SourceTree that reads nothing outside the project root. It wraps the work
// tree and, for every read and listing, resolves symbolic links first: a file or folder whose
// real path leaves the root is refused (reads) or left out (listings). The MCP server answers
// clients it does not know; a link in a repository must not let them read ~/.ssh.
#pragma once

#include <memory>
#include <string>

#include "project/source_tree.h"

namespace kensa::server {

// Whether `path` (absolute, or relative to `root`) exists and its real path, links resolved, is
// `root` (absolute, links resolved) or inside it. The one test of confinement: the tree's reads
// and the check tools' writes (cli/check_command.cc) both ask it.
bool ResolvesInside(const std::string& root, const std::string& path);

class ConfinedTree : public project::SourceTree {
 public:
  // `root` is absolute with links resolved (ProjectRoot::root).
  ConfinedTree(std::unique_ptr<project::SourceTree> inner, std::string root)
      : inner_(std::move(inner)), root_(std::move(root)) {}

  std::string Describe() const override { return inner_->Describe(); }
  bool ListDirectory(const std::string& dir, std::vector<project::DirEntry>* entries,
                     std::string* error) const override;
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  uint64_t DirectoryIdentity(const std::string& dir) const override {
    return inner_->DirectoryIdentity(dir);
  }
  std::optional<project::FileStamp> Stamp(const std::string& path) const override {
    return Inside(path) ? inner_->Stamp(path) : std::nullopt;
  }

  // Whether `path` (relative to the root) resolves to a place inside the root.
  bool Inside(const std::string& path) const;

 private:
  std::unique_ptr<project::SourceTree> inner_;
  std::string root_;
};

}  // namespace kensa::server
