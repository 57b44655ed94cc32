// The modes of `kensa tests` on small git repositories: which commits are compared, what is
// printed about them, and the clear errors for bad input.
#include "select/fetcher_plan.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "../git/temp_repo.h"

namespace kensa::select {
namespace {

using kensa::testing::TempRepo;

git::Result<FetcherPlan> Plan(const git::Repository& repo, PlanOptions options = {}) {
  return PlanFetcherRun(repo, options);
}

std::string Head(const TempRepo& t) {
  std::string sha = t.GitOutput("rev-parse HEAD");
  sha.pop_back();
  return sha;
}

TEST(FetcherPlanTest, LastCommitComparesWithEveryParent) {
  TempRepo t;
  t.Write("a.py", "a = 1\n");
  std::string root = t.Commit("root");
  t.Git("checkout -q -b side");
  t.Write("b.py", "b = 1\n");
  std::string side = t.Commit("side");
  t.Git("checkout -q main");
  t.Write("c.py", "c = 1\n");
  std::string main = t.Commit("main");
  t.Git("merge -q --no-edit side");
  std::string merge = Head(t);
  git::Result<git::Repository> repo = git::Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  PlanOptions options;
  options.diff_with_last_commit = true;
  git::Result<FetcherPlan> plan = Plan(*repo, options);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->inputs.header_lines,
            (std::vector<std::string>{"main is at " + merge, "Parent commit: " + main,
                                      "Parent commit: " + side}));
  ASSERT_EQ(plan->inputs.diffs.size(), 2u);
  ASSERT_EQ(plan->inputs.diffs[0].size(), 1u);
  EXPECT_EQ(plan->inputs.diffs[0][0].new_path, "b.py");  // main -> merge brings b.py
  EXPECT_EQ(plan->inputs.diffs[1][0].new_path, "c.py");  // side -> merge brings c.py
  EXPECT_FALSE(plan->inputs.main_branch_detected);
  EXPECT_EQ(plan->inputs.commit_message.rfind("Merge branch 'side'", 0), 0u);
}

TEST(FetcherPlanTest, OnMainTheDefaultIsTheLastCommit) {
  TempRepo t;
  t.Write("a.py", "a = 1\n");
  std::string first = t.Commit("first");
  t.Write("a.py", "a = 2\n");
  t.Commit("second");
  git::Result<git::Repository> repo = git::Repository::Discover(t.root());
  git::Result<FetcherPlan> plan = Plan(*repo);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->inputs.main_branch_detected);
  EXPECT_EQ(plan->inputs.header_lines[1], "Parent commit: " + first);
}

TEST(FetcherPlanTest, ABranchIsComparedWithItsMergeBase) {
  TempRepo t;
  t.Write("a.py", "a = 1\n");
  std::string base = t.Commit("base");
  t.Write("m.py", "m = 1\n");
  std::string main = t.Commit("on main");
  t.Git("checkout -q -b feature " + base);
  t.Write("f.py", "f = 1\n");
  std::string feature = t.Commit("on feature");
  git::Result<git::Repository> repo = git::Repository::Discover(t.root());
  git::Result<FetcherPlan> plan = Plan(*repo);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->inputs.header_lines,
            (std::vector<std::string>{"main is at " + main, "Current head is at " + feature,
                                      "Branching commit: " + base}));
  ASSERT_EQ(plan->inputs.diffs.size(), 1u);
  ASSERT_EQ(plan->inputs.diffs[0].size(), 1u);
  EXPECT_EQ(plan->inputs.diffs[0][0].new_path, "f.py");

  // origin/main wins over the local main, as in the reference.
  t.Git("update-ref refs/remotes/origin/main " + base);
  plan = Plan(*repo);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->inputs.header_lines[0], "main is at " + base);

  // --base and --head name any two revisions.
  PlanOptions options;
  options.base = "main";
  options.head = "HEAD";
  plan = Plan(*repo, options);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->inputs.header_lines[0], "main is at " + main);
  EXPECT_EQ(plan->inputs.header_lines[2], "Branching commit: " + base);
}

TEST(FetcherPlanTest, ClearErrors) {
  TempRepo t;
  {
    git::Result<git::Repository> empty = git::Repository::Discover(t.root());
    git::Result<FetcherPlan> plan = Plan(*empty);
    ASSERT_FALSE(plan);
    EXPECT_NE(plan.error().message.find("no commit"), std::string::npos);
  }
  t.Git("checkout -q -b master");
  t.Write("a.py", "a = 1\n");
  t.Commit("first");
  t.Git("checkout -q -b feature");
  git::Result<git::Repository> repo = git::Repository::Discover(t.root());
  git::Result<FetcherPlan> plan = Plan(*repo);
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("no `main` branch"), std::string::npos);

  PlanOptions options;
  options.base = "no-such-rev";
  plan = Plan(*repo, options);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, git::ErrorCode::kUnknownRevision);
  EXPECT_NE(plan.error().message.find("'no-such-rev'"), std::string::npos);

  options = {};
  options.work_tree = true;
  options.head = "HEAD";
  EXPECT_FALSE(Plan(*repo, options));

  // The root commit has no parent: nothing to compare, no error.
  options = {};
  options.diff_with_last_commit = true;
  plan = Plan(*repo, options);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->inputs.base_commits.empty());
}

TEST(FetcherPlanTest, UncommittedChangesNeedWorktreeOrAllowDirty) {
  TempRepo t;
  t.Write("a.py", "a = 1\n");
  std::string first = t.Commit("first");
  t.Write("b.py", "b = 1\n");
  std::string second = t.Commit("second");
  t.Write("untracked.py", "u = 1\n");  // untracked files do not count as dirty
  git::Result<git::Repository> repo = git::Repository::Discover(t.root());
  PlanOptions last;
  last.diff_with_last_commit = true;
  ASSERT_TRUE(Plan(*repo, last));

  t.Write("a.py", "a = 2\n");
  git::Result<FetcherPlan> plan = Plan(*repo, last);
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("uncommitted changes"), std::string::npos);
  EXPECT_NE(plan.error().message.find("--worktree"), std::string::npos);
  EXPECT_NE(plan.error().message.find("a.py"), std::string::npos);

  PlanOptions dirty = last;
  dirty.allow_dirty = true;
  plan = Plan(*repo, dirty);
  ASSERT_TRUE(plan);
  // The commit is read, not the work tree.
  EXPECT_EQ(*ContentReader(plan->snapshot).Read("a.py"), "a = 1\n");

  PlanOptions work_tree;
  work_tree.work_tree = true;
  plan = Plan(*repo, work_tree);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->inputs.header_lines[0], "Work tree compared with HEAD " + second);
  std::vector<std::string> changed;
  for (const git::TreeChange& c : plan->inputs.diffs[0]) {
    changed.push_back(std::string(1, static_cast<char>(c.type)) + " " +
                      (c.new_path.empty() ? c.old_path : c.new_path));
  }
  EXPECT_EQ(changed, (std::vector<std::string>{"M a.py", "A untracked.py"}));
  EXPECT_EQ(*ContentReader(plan->snapshot).Read("a.py"), "a = 2\n");
  EXPECT_EQ(*ContentReader(plan->snapshot).Read("untracked.py"), "u = 1\n");
  EXPECT_TRUE(plan->snapshot.IsFile("b.py"));

  // --worktree with --diff-with-last-commit: the last commit and the work tree together.
  work_tree.diff_with_last_commit = true;
  plan = Plan(*repo, work_tree);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->inputs.base_commits[0].Hex(), first);
  EXPECT_EQ(plan->inputs.diffs[0].size(), 3u);  // a.py, b.py, untracked.py
}

TEST(FetcherPlanTest, ShallowCloneWithoutTheHistoryNeeded) {
  TempRepo upstream;
  upstream.Write("a.py", "a = 1\n");
  upstream.Commit("first");
  upstream.Write("a.py", "a = 2\n");
  std::string second = upstream.Commit("second");
  char tmpl[] = "/tmp/kensa_plan_shallow_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string clone = dir + "/clone";
  std::string command =
      "git clone -q --depth 1 'file://" + upstream.root() + "' '" + clone + "' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  {
    git::Result<git::Repository> repo = git::Repository::Discover(clone);
    ASSERT_TRUE(repo);
    PlanOptions last;
    last.diff_with_last_commit = true;
    git::Result<FetcherPlan> plan = Plan(*repo, last);
    if (plan) {
      // libgit2 may present the boundary commit as a root: then nothing is compared.
      EXPECT_TRUE(plan->inputs.base_commits.empty());
    } else {
      EXPECT_NE(plan.error().message.find("shallow"), std::string::npos);
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kensa::select
