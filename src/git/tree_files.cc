// Listing a commit's files and reading blobs.
#include <algorithm>

#include "git/git_handles.h"
#include "git/repository.h"

namespace kensa::git {

namespace {

struct WalkState {
  std::vector<TreeFile>* files;
};

int CollectEntry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* state = static_cast<WalkState*>(payload);
  if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) return 0;
  TreeFile file;
  file.path = root;
  file.path += git_tree_entry_name(entry);
  file.oid = FromGitOid(*git_tree_entry_id(entry));
  file.mode = static_cast<uint32_t>(git_tree_entry_filemode_raw(entry));
  state->files->push_back(std::move(file));
  return 0;
}

}  // namespace

Result<std::vector<TreeFile>> Repository::ListFiles(const Oid& commit) const {
  Result<TreePtr> tree = LookupCommitTree(impl_->repo.get(), commit);
  if (!tree) return tree.error();
  std::vector<TreeFile> files;
  WalkState state{&files};
  if (git_tree_walk(tree->get(), GIT_TREEWALK_PRE, CollectEntry, &state) != 0) {
    return LastError(ErrorCode::kMissingObject, "cannot list the tree of commit " + commit.Hex());
  }
  std::sort(files.begin(), files.end(),
            [](const TreeFile& a, const TreeFile& b) { return a.path < b.path; });
  return files;
}

Result<std::string> Repository::ReadBlob(const Oid& oid) const {
  git_oid id = ToGitOid(oid);
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, impl_->repo.get(), &id) != 0) {
    return LastError(ErrorCode::kMissingObject, "cannot read blob " + oid.Hex());
  }
  BlobPtr blob(raw);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(blob.get())));
}

Result<std::string> Repository::ReadFileAt(const Oid& commit, std::string_view path) const {
  Result<TreePtr> tree = LookupCommitTree(impl_->repo.get(), commit);
  if (!tree) return tree.error();
  std::string p(path);
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree->get(), p.c_str()) != 0) {
    return Error{ErrorCode::kNotFound, p + " does not exist in commit " + commit.Hex()};
  }
  TreeEntryPtr entry(raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return Error{ErrorCode::kNotFound, p + " is not a file in commit " + commit.Hex()};
  }
  return ReadBlob(FromGitOid(*git_tree_entry_id(entry.get())));
}

}  // namespace kensa::git
