// Diffs between two commits, or a commit and the work tree, with git's rename detection and
// `git diff-tree`'s output order. libgit2 lists the changed paths; renames are ours.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "git/git_handles.h"
#include "git/rename_detection.h"
#include "git/repository.h"
#include "git/similarity.h"

namespace kensa::git {

namespace {

// Converts libgit2's deltas (no rename detection asked of libgit2: its similarity measure is
// not git's).
std::vector<TreeChange> ToChanges(git_diff* diff, std::vector<bool>* new_oid_valid) {
  std::vector<TreeChange> changes;
  size_t n = git_diff_num_deltas(diff);
  changes.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff, i);
    TreeChange c;
    switch (d->status) {
      case GIT_DELTA_ADDED:
      case GIT_DELTA_UNTRACKED:
        c.type = ChangeType::kAdded;
        break;
      case GIT_DELTA_DELETED:
        c.type = ChangeType::kDeleted;
        break;
      case GIT_DELTA_MODIFIED:
        c.type = ChangeType::kModified;
        break;
      case GIT_DELTA_TYPECHANGE:
        c.type = ChangeType::kTypeChanged;
        break;
      default:
        continue;  // unmodified, ignored, unreadable, conflicted, copied (not requested)
    }
    if (c.type != ChangeType::kAdded) {
      c.old_path = d->old_file.path;
      c.old_oid = FromGitOid(d->old_file.id);
      c.old_mode = d->old_file.mode;
    }
    if (c.type != ChangeType::kDeleted) {
      c.new_path = d->new_file.path;
      c.new_oid = FromGitOid(d->new_file.id);
      c.new_mode = d->new_file.mode;
    }
    new_oid_valid->push_back(c.type != ChangeType::kDeleted &&
                             (d->new_file.flags & GIT_DIFF_FLAG_VALID_ID) != 0);
    changes.push_back(std::move(c));
  }
  return changes;
}

// Where the content of a changed path comes from: blobs, or the work tree for the new side.
struct ContentSource {
  git_repository* repo;
  const std::string* work_dir;  // non-null: new sides are read from the work tree
};

std::optional<std::string> ReadWorkTreeFile(const std::string& path, uint32_t mode) {
  if ((mode & 0170000) == kModeSymlink) {
    std::string target(4096, '\0');
    ssize_t n = readlink(path.c_str(), target.data(), target.size());
    if (n < 0) return std::nullopt;
    target.resize(static_cast<size_t>(n));
    return target;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::optional<std::string> ReadBlobContent(git_repository* repo, const Oid& oid) {
  git_oid id = ToGitOid(oid);
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, &id) != 0) return std::nullopt;
  BlobPtr blob(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<size_t>(git_blob_rawsize(blob.get())));
}

// Pairs deletions with additions as `git diff -M` does, then orders the changes as git
// prints them: by path, a rename at its new path and a deletion at its old one (git's
// diffcore emits a rename where the added file was in the path-sorted queue).
void DetectRenamesAndSort(std::vector<TreeChange>* changes, std::vector<bool> new_oid_valid,
                          const RenameOptions& options, const ContentSource& source) {
  std::vector<size_t> deleted, added;
  for (size_t i = 0; i < changes->size(); ++i) {
    if ((*changes)[i].type == ChangeType::kDeleted) deleted.push_back(i);
    if ((*changes)[i].type == ChangeType::kAdded) added.push_back(i);
  }
  auto by_path = [&](bool old_side) {
    return [&, old_side](size_t a, size_t b) {
      const TreeChange& x = (*changes)[a];
      const TreeChange& y = (*changes)[b];
      return old_side ? x.old_path < y.old_path : x.new_path < y.new_path;
    };
  };
  std::sort(deleted.begin(), deleted.end(), by_path(true));
  std::sort(added.begin(), added.end(), by_path(false));

  if (options.detect && !deleted.empty() && !added.empty()) {
    std::vector<std::optional<std::string>> added_content(added.size());
    std::vector<RenameEndpoint> sources, destinations;
    for (size_t i : deleted) {
      const TreeChange& c = (*changes)[i];
      sources.push_back({c.old_path, c.old_oid, c.old_mode});
    }
    for (size_t k = 0; k < added.size(); ++k) {
      TreeChange& c = (*changes)[added[k]];
      if (source.work_dir != nullptr && !new_oid_valid[added[k]]) {
        // Work-tree files have no blob yet: hash their content, as git does.
        added_content[k] = ReadWorkTreeFile(*source.work_dir + "/" + c.new_path, c.new_mode);
        git_oid id;
        if (added_content[k] && git_odb_hash(&id, added_content[k]->data(),
                                             added_content[k]->size(), GIT_OBJECT_BLOB) == 0) {
          c.new_oid = FromGitOid(id);
        }
      }
      destinations.push_back({c.new_path, c.new_oid, c.new_mode});
    }
    std::vector<std::optional<std::string>> source_content(sources.size());
    RenameContentLoader load = [&](bool is_source, size_t index) -> const std::string* {
      if (is_source) {
        source_content[index] = ReadBlobContent(source.repo, sources[index].oid);
        return source_content[index] ? &*source_content[index] : nullptr;
      }
      if (!added_content[index]) {
        if (source.work_dir != nullptr && !new_oid_valid[added[index]]) return nullptr;
        added_content[index] = ReadBlobContent(source.repo, destinations[index].oid);
      }
      return added_content[index] ? &*added_content[index] : nullptr;
    };
    std::vector<RenameMatch> renames = FindRenames(sources, destinations, options, load);
    std::vector<bool> drop(changes->size(), false);
    for (const RenameMatch& m : renames) {
      TreeChange& from = (*changes)[deleted[m.source]];
      TreeChange& to = (*changes)[added[m.destination]];
      to.type = ChangeType::kRenamed;
      to.old_path = from.old_path;
      to.old_oid = from.old_oid;
      to.old_mode = from.old_mode;
      to.similarity = m.score * 100 / kMaxSimilarityScore;
      drop[deleted[m.source]] = true;
    }
    std::vector<TreeChange> kept;
    kept.reserve(changes->size());
    for (size_t i = 0; i < changes->size(); ++i) {
      if (!drop[i]) kept.push_back(std::move((*changes)[i]));
    }
    *changes = std::move(kept);
  }
  auto key = [](const TreeChange& c) -> const std::string& {
    return c.type == ChangeType::kDeleted ? c.old_path : c.new_path;
  };
  std::stable_sort(changes->begin(), changes->end(),
                   [&](const TreeChange& a, const TreeChange& b) { return key(a) < key(b); });
}

}  // namespace

Result<std::vector<TreeChange>> Repository::DiffCommits(const Oid& from, const Oid& to,
                                                        const RenameOptions& renames) const {
  git_repository* repo = impl_->repo.get();
  Result<TreePtr> old_tree = LookupCommitTree(repo, from);
  if (!old_tree) return old_tree.error();
  Result<TreePtr> new_tree = LookupCommitTree(repo, to);
  if (!new_tree) return new_tree.error();
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repo, old_tree->get(), new_tree->get(), &options) != 0) {
    return LastError(ErrorCode::kOther, "cannot diff " + from.Hex() + " and " + to.Hex());
  }
  DiffPtr diff(raw);
  std::vector<bool> new_oid_valid;
  std::vector<TreeChange> changes = ToChanges(diff.get(), &new_oid_valid);
  DetectRenamesAndSort(&changes, std::move(new_oid_valid), renames, {repo, nullptr});
  return changes;
}

Result<std::vector<TreeChange>> Repository::DiffCommitToWorkTree(
    const Oid& from, const RenameOptions& renames) const {
  git_repository* repo = impl_->repo.get();
  if (git_repository_is_bare(repo) == 1) {
    return Error{ErrorCode::kBareRepository, "a bare repository has no work tree"};
  }
  Result<TreePtr> old_tree = LookupCommitTree(repo, from);
  if (!old_tree) return old_tree.error();
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags =
      GIT_DIFF_INCLUDE_TYPECHANGE | GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
  git_diff* raw = nullptr;
  if (git_diff_tree_to_workdir_with_index(&raw, repo, old_tree->get(), &options) != 0) {
    return LastError(ErrorCode::kIo, "cannot diff " + from.Hex() + " and the work tree");
  }
  DiffPtr diff(raw);
  std::vector<bool> new_oid_valid;
  std::vector<TreeChange> changes = ToChanges(diff.get(), &new_oid_valid);
  DetectRenamesAndSort(&changes, std::move(new_oid_valid), renames, {repo, &impl_->work_dir});
  return changes;
}

}  // namespace kensa::git
