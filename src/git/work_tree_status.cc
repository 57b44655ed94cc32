// `git status` through libgit2.
#include "git/git_handles.h"
#include "git/repository.h"

namespace kensa::git {

namespace {

char IndexCode(unsigned s) {
  if (s & GIT_STATUS_INDEX_NEW) return 'A';
  if (s & GIT_STATUS_INDEX_DELETED) return 'D';
  if (s & GIT_STATUS_INDEX_RENAMED) return 'R';
  if (s & GIT_STATUS_INDEX_TYPECHANGE) return 'T';
  if (s & GIT_STATUS_INDEX_MODIFIED) return 'M';
  return ' ';
}

char WorkTreeCode(unsigned s) {
  if (s & GIT_STATUS_WT_NEW) return '?';
  if (s & GIT_STATUS_WT_DELETED) return 'D';
  if (s & GIT_STATUS_WT_RENAMED) return 'R';
  if (s & GIT_STATUS_WT_TYPECHANGE) return 'T';
  if (s & GIT_STATUS_WT_MODIFIED) return 'M';
  return ' ';
}

}  // namespace

Result<std::vector<StatusEntry>> Repository::Status(bool include_untracked) const {
  git_repository* repo = impl_->repo.get();
  if (git_repository_is_bare(repo) == 1) {
    return Error{ErrorCode::kBareRepository, "a bare repository has no work tree"};
  }
  git_status_options options = GIT_STATUS_OPTIONS_INIT;
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_SORT_CASE_SENSITIVELY | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  if (include_untracked) {
    options.flags |= GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
  }
  git_status_list* raw = nullptr;
  if (git_status_list_new(&raw, repo, &options) != 0) {
    return LastError(ErrorCode::kIo, "cannot read the work tree's status");
  }
  StatusListPtr list(raw);
  std::vector<StatusEntry> entries;
  size_t n = git_status_list_entrycount(list.get());
  for (size_t i = 0; i < n; ++i) {
    const git_status_entry* e = git_status_byindex(list.get(), i);
    if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED)) continue;
    const git_diff_delta* delta =
        e->head_to_index != nullptr ? e->head_to_index : e->index_to_workdir;
    if (delta == nullptr) continue;
    StatusEntry entry;
    entry.path = delta->new_file.path != nullptr ? delta->new_file.path : delta->old_file.path;
    entry.index = IndexCode(e->status);
    entry.work_tree = WorkTreeCode(e->status);
    if (entry.work_tree == '?') entry.index = '?';
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace kensa::git
