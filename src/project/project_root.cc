#include "project/project_root.h"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace kensa::project {

namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string Parent(const std::string& dir) {
  size_t slash = dir.rfind('/');
  if (slash == 0 || slash == std::string::npos) return "/";
  return dir.substr(0, slash);
}

std::string Join(const std::string& dir, const char* name) {
  return dir == "/" ? std::string("/") + name : dir + "/" + name;
}

}  // namespace

std::optional<ProjectRoot> FindProjectRoot(const std::string& start, std::string* error) {
  char resolved[PATH_MAX];
  if (::realpath(start.empty() ? "." : start.c_str(), resolved) == nullptr) {
    *error = start + ": " + std::strerror(errno);
    return std::nullopt;
  }
  struct stat st;
  if (::stat(resolved, &st) != 0 || !S_ISDIR(st.st_mode)) {
    *error = start + ": Not a directory";
    return std::nullopt;
  }
  std::string begin = resolved;
  std::string fallback;
  for (std::string dir = begin;; dir = Parent(dir)) {
    if (Exists(Join(dir, ".git"))) {
      ProjectRoot root;
      root.root = dir;
      root.in_git = true;
      root.git_entry = Join(dir, ".git");
      return root;
    }
    if (fallback.empty() &&
        (Exists(Join(dir, "pyproject.toml")) || Exists(Join(dir, "setup.py")))) {
      fallback = dir;
    }
    if (dir == "/") break;
  }
  ProjectRoot root;
  root.root = fallback.empty() ? begin : fallback;
  root.warning = "not a git repository (or any of the parent directories); using " + root.root +
                 " as the project root";
  return root;
}

}  // namespace kensa::project
