#include "base/file_walk.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

namespace kensa {
namespace {

// The identity of a directory, so that a directory reached through a symbolic link is
// entered once.
using DirId = std::pair<dev_t, ino_t>;

class Walker {
 public:
  explicit Walker(std::string_view extension) : extension_(extension) {}

  void AddRoot(const std::string& root) {
    struct stat st;
    if (stat(root.c_str(), &st) != 0) {
      Fail(root, errno);
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      WalkDirectory(root, st);
    } else {
      found_.push_back({root, ""});
    }
  }

  std::vector<FoundFile> Take() {
    std::sort(found_.begin(), found_.end(),
              [](const FoundFile& a, const FoundFile& b) { return a.path < b.path; });
    found_.erase(
        std::unique(found_.begin(), found_.end(),
                    [](const FoundFile& a, const FoundFile& b) { return a.path == b.path; }),
        found_.end());
    return std::move(found_);
  }

 private:
  void Fail(const std::string& path, int err) { found_.push_back({path, std::strerror(err)}); }

  bool HasExtension(std::string_view name) const {
    return name.size() >= extension_.size() &&
           name.substr(name.size() - extension_.size()) == extension_;
  }

  void WalkDirectory(const std::string& dir, const struct stat& st) {
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return;
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) {
      Fail(dir, errno);
      return;
    }
    std::vector<std::string> names;
    while (const dirent* entry = readdir(d)) {
      std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      names.emplace_back(name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    std::string prefix = dir;
    if (prefix.empty() || prefix.back() != '/') prefix += '/';
    for (const std::string& name : names) {
      std::string path = prefix + name;
      struct stat child;
      if (stat(path.c_str(), &child) != 0) {
        // A dangling symbolic link or a file removed meanwhile: report it if it looks like
        // one of ours, since the user would expect it to be read.
        if (HasExtension(name)) Fail(path, errno);
        continue;
      }
      if (S_ISDIR(child.st_mode)) {
        WalkDirectory(path, child);
      } else if (HasExtension(name) && !S_ISFIFO(child.st_mode) && !S_ISSOCK(child.st_mode)) {
        found_.push_back({std::move(path), ""});
      }
    }
  }

  std::string_view extension_;
  std::set<DirId> visited_;
  std::vector<FoundFile> found_;
};

}  // namespace

std::vector<FoundFile> FindFiles(const std::vector<std::string>& roots,
                                 std::string_view extension) {
  Walker walker(extension);
  for (const std::string& root : roots) walker.AddRoot(root);
  return walker.Take();
}

}  // namespace kensa
