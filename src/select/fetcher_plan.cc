#include "select/fetcher_plan.h"

#include <utility>

namespace kensa::select {

namespace {

git::Error Usage(std::string message) {
  return git::Error{git::ErrorCode::kOther, std::move(message)};
}

// The commit `main` names for the default mode, from the preset's references.
git::Result<std::optional<git::Oid>> FindMainRef(const git::Repository& repo,
                                                 const FetcherPreset& preset) {
  for (const std::string& name : preset.main_refs) {
    git::Result<std::optional<git::Oid>> ref = repo.FindReference(name);
    if (!ref) return ref.error();
    if (ref->has_value()) return ref;
  }
  return std::optional<git::Oid>();
}

git::Result<git::Oid> FindMain(const git::Repository& repo, const FetcherPreset& preset) {
  git::Result<std::optional<git::Oid>> ref = FindMainRef(repo, preset);
  if (!ref) return ref.error();
  if (ref->has_value()) return **ref;
  std::string names;
  for (const std::string& name : preset.main_refs) {
    names += (names.empty() ? "" : " nor ") + name;
  }
  return git::Error{git::ErrorCode::kNotFound,
                    "no `main` branch to compare with (neither " + names +
                        " exists); pass --base REV, or --diff-with-last-commit"};
}

}  // namespace

git::Result<bool> WorkTreeIsClean(const git::Repository& repo) {
  git::Result<std::vector<git::StatusEntry>> status = repo.Status(false);
  if (!status) return status.error();
  return status->empty();
}

git::Error UncommittedChangesError(const git::Repository& repo) {
  git::Result<std::vector<git::StatusEntry>> status = repo.Status(false);
  if (!status || status->empty()) return Usage("the work tree has uncommitted changes");
  std::string message = "the work tree has uncommitted changes (" + std::to_string(status->size()) +
                        " file" + (status->size() == 1 ? "" : "s") + ", e.g. " +
                        status->front().path +
                        "); kensa compares commits: commit or stash them, add --worktree to "
                        "include them, or --allow-dirty to ignore them";
  return Usage(message);
}

std::optional<FetcherPreset> DetectPreset(const git::Repository& repo, const git::Oid& commit) {
  for (const char* name : {"diffusers", "transformers"}) {
    if (repo.ReadFileAt(commit, std::string("src/") + name + "/__init__.py")) {
      return PresetNamed(name);
    }
  }
  return std::nullopt;
}

git::Result<FetcherPlan> PlanFetcherRun(const git::Repository& repo, const PlanOptions& options,
                                        const FetcherPreset& preset) {
  if (options.work_tree && options.head) {
    return Usage("--worktree and --head cannot be combined (the work tree is the head)");
  }
  if (options.diff_with_last_commit && options.base) {
    return Usage("--diff-with-last-commit and --base cannot be combined");
  }
  if (options.work_tree && repo.work_dir().empty()) {
    return Usage("--worktree needs a work tree, and this repository is bare");
  }
  git::Result<git::HeadState> head_state = repo.Head();
  if (!head_state) return head_state.error();
  if (head_state->unborn && !options.head) return Usage("the repository has no commit yet");

  git::Oid head = head_state->commit;
  // When the head is the checked-out commit and nothing differs from it, its files are read
  // from the work tree (what the reference reads, and faster than blobs).
  bool read_work_tree = false;
  if (options.head) {
    git::Result<git::Oid> resolved = repo.ResolveCommit(*options.head);
    if (!resolved) return resolved.error();
    head = *resolved;
  } else if (!options.work_tree && !repo.work_dir().empty()) {
    if (options.assume_clean) {
      read_work_tree = true;
    } else {
      git::Result<bool> clean = WorkTreeIsClean(repo);
      if (!clean) return clean.error();
      if (!*clean && !options.allow_dirty) return UncommittedChangesError(repo);
      read_work_tree = *clean;
    }
  }

  FetcherInputs inputs;
  inputs.head = head;
  git::Result<std::string> message = repo.CommitMessage(head);
  if (!message) return message.error();
  inputs.commit_message = std::move(*message);

  bool last_commit = options.diff_with_last_commit;
  // The reference: "main branch detected, fetching tests against last commit."
  if (!last_commit && !options.base && !options.head && !options.work_tree &&
      !head_state->detached && head_state->branch == "main") {
    last_commit = true;
    inputs.main_branch_detected = true;
  }

  const std::string head_label =
      options.work_tree ? head.Hex() + " (with the work tree's changes)" : head.Hex();
  if (last_commit) {
    inputs.header_lines.push_back("main is at " + head_label);
    git::Result<std::vector<git::Oid>> parents = repo.Parents(head);
    if (!parents) return parents.error();
    for (const git::Oid& p : *parents) inputs.header_lines.push_back("Parent commit: " + p.Hex());
    inputs.base_commits = std::move(*parents);
  } else if (options.work_tree && !options.base) {
    // Only what is not committed yet.
    inputs.header_lines.push_back("Work tree compared with HEAD " + head.Hex());
    inputs.base_commits = {head};
  } else {
    git::Result<git::Oid> main =
        options.base ? repo.ResolveCommit(*options.base) : FindMain(repo, preset);
    if (!main) return main.error();
    inputs.header_lines.push_back("main is at " + main->Hex());
    inputs.header_lines.push_back("Current head is at " + head_label);
    git::Result<git::Oid> branching = repo.MergeBase(*main, head);
    if (!branching) return branching.error();
    inputs.header_lines.push_back("Branching commit: " + branching->Hex());
    inputs.base_commits = {*branching};
  }

  std::optional<Snapshot> snapshot;
  if (options.work_tree) {
    git::Result<std::vector<git::TreeChange>> changes = repo.DiffCommitToWorkTree(head);
    if (!changes) return changes.error();
    git::Result<Snapshot> s = Snapshot::FromWorkTree(repo, head, *changes);
    if (!s) return s.error();
    snapshot.emplace(std::move(s).value());
  } else {
    git::Result<Snapshot> s = Snapshot::FromCommit(repo, head, read_work_tree);
    if (!s) return s.error();
    snapshot.emplace(std::move(s).value());
  }

  for (const git::Oid& base : inputs.base_commits) {
    git::Result<std::vector<git::TreeChange>> diff =
        options.work_tree ? repo.DiffCommitToWorkTree(base) : repo.DiffCommits(base, head);
    if (!diff) return diff.error();
    inputs.diffs.push_back(std::move(*diff));
  }
  if (preset.flavor != FetcherFlavor::kDiffusers) {
    // get_doctest_files: always HEAD against its merge-base with the local main.
    FetcherInputs::DoctestInputs doctest;
    git::Result<std::optional<git::Oid>> main = FindMainRef(repo, preset);
    if (!main) return main.error();
    if (!main->has_value()) {
      doctest.error = "'IterableList' object has no attribute 'main'";  // repo.refs.main
    } else {
      doctest.header_lines.push_back("main is at " + (*main)->Hex());
      doctest.main_commit = **main;
      if (preset.flavor == FetcherFlavor::kTransformers) {
        git::Result<std::vector<git::TreeChange>> diff =
            options.work_tree ? repo.DiffCommitToWorkTree(**main) : repo.DiffCommits(**main, head);
        if (!diff) return diff.error();
        doctest.main_diff = std::move(*diff);
      }
      doctest.header_lines.push_back("Current head is at " + head_label);
      git::Result<git::Oid> branching = repo.MergeBase(**main, head);
      if (branching) {
        doctest.header_lines.push_back("Branching commit: " + branching->Hex());
        doctest.base_commits = {*branching};
        git::Result<std::vector<git::TreeChange>> diff = options.work_tree
                                                             ? repo.DiffCommitToWorkTree(*branching)
                                                             : repo.DiffCommits(*branching, head);
        if (!diff) return diff.error();
        doctest.diffs.push_back(std::move(*diff));
      }
    }
    inputs.doctest = std::move(doctest);
  }
  inputs.read_old = [&repo](const git::TreeChange& change) -> std::optional<std::string> {
    git::Result<std::string> bytes = repo.ReadBlob(change.old_oid);
    if (!bytes) return std::nullopt;
    return std::move(bytes).value();
  };
  return FetcherPlan{std::move(inputs), std::move(*snapshot)};
}

}  // namespace kensa::select
