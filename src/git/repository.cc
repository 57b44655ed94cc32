// Opening a repository, revisions, references and history.
#include "git/repository.h"

#include <limits.h>
#include <stdlib.h>

#include <utility>

#include "git/git_handles.h"

namespace kensa::git {

namespace {

std::string RealPathNoSlash(const char* path) {
  std::string out = path;
  char resolved[PATH_MAX];
  if (realpath(path, resolved) != nullptr) out = resolved;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string ShallowHint(const Repository& repo) {
  return repo.is_shallow()
             ? " (this is a shallow clone and the history needed is cut off; fetch more of it "
               "with `git fetch --deepen=N` or `git fetch --unshallow`)"
             : "";
}

Result<Repository> OpenAt(const std::string& start, unsigned flags) {
  LibraryRef library;
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, start.c_str(), flags, nullptr) != 0) {
    RepositoryPtr guard(raw);
    const git_error* e = git_error_last();
    if (e != nullptr && e->klass == GIT_ERROR_OS) {
      return Error{ErrorCode::kNotARepository, "cannot open " + start + ": " + e->message};
    }
    return Error{ErrorCode::kNotARepository,
                 "not a git repository (nor any of its parent directories): " + start};
  }
  auto impl = std::make_unique<Repository::Impl>();
  impl->repo.reset(raw);
  if (const char* wd = git_repository_workdir(raw)) impl->work_dir = RealPathNoSlash(wd);
  impl->git_dir = git_repository_path(raw);
  return Repository::FromImpl(std::move(impl));
}

}  // namespace

Error LastError(ErrorCode code, std::string_view what) {
  const git_error* e = git_error_last();
  std::string message(what);
  if (e != nullptr && e->message != nullptr) {
    message += ": ";
    message += e->message;
  }
  return Error{code, std::move(message)};
}

Result<CommitPtr> LookupCommit(git_repository* repo, const Oid& oid) {
  git_oid id = ToGitOid(oid);
  git_commit* commit = nullptr;
  if (git_commit_lookup(&commit, repo, &id) != 0) {
    return Error{ErrorCode::kMissingObject, "commit " + oid.Hex() + " is not in the repository"};
  }
  return CommitPtr(commit);
}

Result<TreePtr> LookupCommitTree(git_repository* repo, const Oid& oid) {
  Result<CommitPtr> commit = LookupCommit(repo, oid);
  if (!commit) return commit.error();
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, commit->get()) != 0) {
    return LastError(ErrorCode::kMissingObject, "cannot read the tree of commit " + oid.Hex());
  }
  return TreePtr(tree);
}

Repository Repository::FromImpl(std::unique_ptr<Impl> impl) {
  return Repository(std::move(impl));
}

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

Result<Repository> Repository::Discover(const std::string& start) {
  return OpenAt(start.empty() ? std::string(".") : start, 0);
}

Result<Repository> Repository::Reopen() const {
  return OpenAt(impl_->git_dir, GIT_REPOSITORY_OPEN_NO_SEARCH);
}

const std::string& Repository::work_dir() const {
  return impl_->work_dir;
}
const std::string& Repository::git_dir() const {
  return impl_->git_dir;
}
bool Repository::is_shallow() const {
  return git_repository_is_shallow(impl_->repo.get()) == 1;
}

Result<Oid> Repository::ResolveCommit(std::string_view revision) const {
  std::string spec(revision);
  git_object* raw = nullptr;
  int rc = git_revparse_single(&raw, impl_->repo.get(), spec.c_str());
  ObjectPtr object(raw);
  if (rc == GIT_EAMBIGUOUS) {
    return Error{ErrorCode::kUnknownRevision, "ambiguous revision '" + spec + "'"};
  }
  if (rc != 0) {
    return Error{ErrorCode::kUnknownRevision,
                 "unknown revision '" + spec + "'" + ShallowHint(*this)};
  }
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
    return Error{ErrorCode::kUnknownRevision, "revision '" + spec + "' is not a commit"};
  }
  ObjectPtr commit(peeled);
  return FromGitOid(*git_object_id(commit.get()));
}

Result<std::optional<Oid>> Repository::FindReference(std::string_view full_name) const {
  std::string name(full_name);
  git_reference* raw = nullptr;
  int rc = git_reference_lookup(&raw, impl_->repo.get(), name.c_str());
  ReferencePtr ref(raw);
  if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) return std::optional<Oid>();
  if (rc != 0) return LastError(ErrorCode::kOther, "cannot read reference " + name);
  git_object* peeled = nullptr;
  if (git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT) != 0) {
    return Error{ErrorCode::kMissingObject,
                 "reference " + name + " does not point to a commit in the repository"};
  }
  ObjectPtr commit(peeled);
  return std::optional<Oid>(FromGitOid(*git_object_id(commit.get())));
}

Result<HeadState> Repository::Head() const {
  HeadState head;
  git_repository* repo = impl_->repo.get();
  if (git_repository_head_unborn(repo) == 1) {
    head.unborn = true;
    return head;
  }
  head.detached = git_repository_head_detached(repo) == 1;
  git_reference* raw = nullptr;
  if (git_repository_head(&raw, repo) != 0) return LastError(ErrorCode::kOther, "cannot read HEAD");
  ReferencePtr ref(raw);
  if (!head.detached && git_reference_is_branch(ref.get())) {
    head.branch = git_reference_shorthand(ref.get());
  }
  git_object* peeled = nullptr;
  if (git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT) != 0) {
    return LastError(ErrorCode::kMissingObject, "HEAD does not point to a commit");
  }
  ObjectPtr commit(peeled);
  head.commit = FromGitOid(*git_object_id(commit.get()));
  return head;
}

Result<std::vector<Oid>> Repository::Parents(const Oid& oid) const {
  Result<CommitPtr> commit = LookupCommit(impl_->repo.get(), oid);
  if (!commit) return commit.error();
  std::vector<Oid> parents;
  unsigned count = git_commit_parentcount(commit->get());
  for (unsigned i = 0; i < count; ++i) {
    const git_oid* id = git_commit_parent_id(commit->get(), i);
    Oid parent = FromGitOid(*id);
    if (!LookupCommit(impl_->repo.get(), parent)) {
      return Error{ErrorCode::kMissingObject, "the parent " + parent.Hex() + " of commit " +
                                                  oid.Hex() + " is not in the repository" +
                                                  ShallowHint(*this)};
    }
    parents.push_back(parent);
  }
  return parents;
}

Result<Oid> Repository::MergeBase(const Oid& a, const Oid& b) const {
  git_oid ga = ToGitOid(a), gb = ToGitOid(b), out;
  int rc = git_merge_base(&out, impl_->repo.get(), &ga, &gb);
  if (rc == 0) return FromGitOid(out);
  std::string what = "no merge base between " + a.Hex() + " and " + b.Hex();
  if (rc == GIT_ENOTFOUND && !is_shallow()) return Error{ErrorCode::kNoMergeBase, what};
  return Error{ErrorCode::kNoMergeBase, what + ShallowHint(*this)};
}

Result<std::string> Repository::CommitMessage(const Oid& oid) const {
  Result<CommitPtr> commit = LookupCommit(impl_->repo.get(), oid);
  if (!commit) return commit.error();
  const char* message = git_commit_message(commit->get());
  return std::string(message == nullptr ? "" : message);
}

}  // namespace kensa::git
