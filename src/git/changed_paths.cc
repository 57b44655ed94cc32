#include "git/changed_paths.h"

#include <algorithm>
#include <set>

namespace kensa::git {

Result<std::vector<std::string>> ChangedPathsSince(const Repository& repo, const Oid& base) {
  Result<std::vector<TreeChange>> changes = repo.DiffCommitToWorkTree(base);
  if (!changes) return changes.error();
  // DiffCommitToWorkTree counts untracked files as added; `git diff BASE` does not see them.
  Result<std::vector<StatusEntry>> status = repo.Status(true);
  if (!status) return status.error();
  std::set<std::string> untracked;
  for (const StatusEntry& e : *status) {
    if (e.index == '?' || e.work_tree == '?') untracked.insert(e.path);
  }
  std::vector<std::string> paths;
  for (const TreeChange& c : *changes) {
    bool new_untracked = !c.new_path.empty() && untracked.count(c.new_path) > 0;
    switch (c.type) {
      case ChangeType::kAdded:
        if (!new_untracked) paths.push_back(c.new_path);
        break;
      case ChangeType::kDeleted:
        paths.push_back(c.old_path);
        break;
      case ChangeType::kRenamed:
        paths.push_back(new_untracked ? c.old_path : c.new_path);
        break;
      default:
        paths.push_back(c.new_path.empty() ? c.old_path : c.new_path);
        break;
    }
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

}  // namespace kensa::git
