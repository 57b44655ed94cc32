// PlanFetcherRun: turns `kensa tests`' modes into what the reference's run needs — the head
// commit and its snapshot, the base commits with their diffs, and the lines the reference
// prints about them — reading everything from git through libgit2.
//
// Modes (as the reference, plus two of kensa's own):
//   default             the branch against its merge-base with `main` (the preset says which
//                       references: origin/main then main for diffusers, the local main for
//                       transformers); on branch main itself, like the reference, the last
//                       commit is used instead;
//   diff_with_last_commit   HEAD against its parent(s);
//   base / head         any two revisions: head against its merge-base with base;
//   work_tree           the work tree (uncommitted and untracked files) against HEAD, or
//                       against the base of the mode combined with it.
// Every problem is an Error for the user (exit 2): unknown revision, no main, a shallow clone
// cut before the merge-base or the parent, a repository without commits, uncommitted changes
// in a mode that reads commits.
//
// The plan borrows the Repository, which must outlive it. Not thread-safe (the Repository).
#pragma once

#include <optional>
#include <string>

#include "git/git_result.h"
#include "git/repository.h"
#include "select/fetcher_preset.h"
#include "select/fetcher_run.h"
#include "select/snapshot.h"

namespace kensa::select {

struct PlanOptions {
  bool diff_with_last_commit = false;
  std::optional<std::string> base;  // --base REV
  std::optional<std::string> head;  // --head REV
  bool work_tree = false;           // --worktree
  bool allow_dirty = false;         // read commits even with uncommitted changes
  // When the head is HEAD, the plan checks that tracked files have no uncommitted changes
  // (then it reads files from the work tree, else it fails or, with allow_dirty, reads
  // blobs). `assume_clean` skips that check and reads the work tree: the caller must run
  // WorkTreeIsClean itself (in parallel, say) and discard the run if it says no.
  bool assume_clean = false;
};

// Whether tracked files match HEAD (staged or not); untracked files do not count.
git::Result<bool> WorkTreeIsClean(const git::Repository& repo);
// The error for uncommitted changes (names one of the files and the ways out).
git::Error UncommittedChangesError(const git::Repository& repo);

struct FetcherPlan {
  FetcherInputs inputs;
  Snapshot snapshot;  // the head side
};

git::Result<FetcherPlan> PlanFetcherRun(const git::Repository& repo, const PlanOptions& options,
                                        const FetcherPreset& preset = DiffusersPreset());

// The preset whose script the repository at `commit` follows: src/diffusers or
// src/transformers; nullopt when neither.
std::optional<FetcherPreset> DetectPreset(const git::Repository& repo, const git::Oid& commit);

}  // namespace kensa::select
