#include "git/repository.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "temp_repo.h"

namespace kensa::git {
namespace {

using kensa::testing::TempRepo;

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

TEST(RepositoryTest, DiscoversTheRootFromASubfolder) {
  TempRepo t;
  t.Write("src/pkg/mod.py", "x = 1\n");
  t.Commit("first");
  Result<Repository> repo = Repository::Discover(t.root() + "/src/pkg");
  ASSERT_TRUE(repo) << repo.error().message;
  EXPECT_EQ(repo->work_dir(), t.root());
  EXPECT_FALSE(repo->is_shallow());
}

TEST(RepositoryTest, OutsideARepositoryIsAnError) {
  char tmpl[] = "/tmp/kensa_not_repo_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  Result<Repository> repo = Repository::Discover(dir);
  ASSERT_FALSE(repo);
  EXPECT_EQ(repo.error().code, ErrorCode::kNotARepository);
  EXPECT_NE(repo.error().message.find("not a git repository"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(RepositoryTest, ResolvesRevisionsAsGitDoes) {
  TempRepo t;
  t.Write("a.py", "a\n");
  std::string first = t.Commit("first");
  t.Write("a.py", "b\n");
  std::string second = t.Commit("second");
  Result<Repository> repo = Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  EXPECT_EQ(repo->ResolveCommit("main")->Hex(), second);
  EXPECT_EQ(repo->ResolveCommit("HEAD")->Hex(), second);
  EXPECT_EQ(repo->ResolveCommit("HEAD~1")->Hex(), first);
  EXPECT_EQ(repo->ResolveCommit("main^")->Hex(), first);
  EXPECT_EQ(repo->ResolveCommit(first.substr(0, 8))->Hex(), first);
  EXPECT_EQ(repo->ResolveCommit(first)->Hex(), first);

  Result<Oid> unknown = repo->ResolveCommit("no-such-branch");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnknownRevision);
  EXPECT_NE(unknown.error().message.find("'no-such-branch'"), std::string::npos);
  EXPECT_FALSE(repo->ResolveCommit("HEAD~5"));
}

TEST(RepositoryTest, ResolvesRemoteTrackingBranches) {
  TempRepo upstream;
  upstream.Write("a.py", "a\n");
  std::string sha = upstream.Commit("first");
  TempRepo clone;
  clone.Git("fetch -q '" + upstream.root() + "' main:refs/remotes/origin/main");
  Result<Repository> repo = Repository::Discover(clone.root());
  ASSERT_TRUE(repo);
  EXPECT_EQ(repo->ResolveCommit("origin/main")->Hex(), sha);
  Result<std::optional<Oid>> ref = repo->FindReference("refs/remotes/origin/main");
  ASSERT_TRUE(ref);
  ASSERT_TRUE(ref->has_value());
  EXPECT_EQ((*ref)->Hex(), sha);
  Result<std::optional<Oid>> missing = repo->FindReference("refs/remotes/origin/nope");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST(RepositoryTest, HeadOnABranchAndDetached) {
  TempRepo t;
  {
    Result<Repository> fresh = Repository::Discover(t.root());
    ASSERT_TRUE(fresh);
    EXPECT_TRUE(fresh->Head()->unborn);
  }
  t.Write("a.py", "a\n");
  std::string first = t.Commit("first");
  t.Write("a.py", "b\n");
  t.Commit("second");
  Result<Repository> repo = Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  Result<HeadState> head = repo->Head();
  ASSERT_TRUE(head);
  EXPECT_FALSE(head->detached);
  EXPECT_EQ(head->branch, "main");
  t.Git("checkout -q --detach " + first);
  head = repo->Head();
  ASSERT_TRUE(head);
  EXPECT_TRUE(head->detached);
  EXPECT_EQ(head->branch, "");
  EXPECT_EQ(head->commit.Hex(), first);
}

TEST(RepositoryTest, ParentsAndMergeBase) {
  TempRepo t;
  t.Write("a.py", "a\n");
  std::string root = t.Commit("root");
  t.Git("checkout -q -b feature");
  t.Write("b.py", "b\n");
  std::string feature = t.Commit("feature");
  t.Git("checkout -q main");
  t.Write("c.py", "c\n");
  std::string main = t.Commit("main");
  t.Git("merge -q --no-edit feature");
  std::string merge = Trim(t.GitOutput("rev-parse HEAD"));

  Result<Repository> repo = Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  Result<std::vector<Oid>> parents = repo->Parents(*Oid::FromHex(merge));
  ASSERT_TRUE(parents);
  ASSERT_EQ(parents->size(), 2u);
  EXPECT_EQ((*parents)[0].Hex(), main);
  EXPECT_EQ((*parents)[1].Hex(), feature);
  EXPECT_TRUE(repo->Parents(*Oid::FromHex(root))->empty());

  Result<Oid> base = repo->MergeBase(*Oid::FromHex(main), *Oid::FromHex(feature));
  ASSERT_TRUE(base);
  EXPECT_EQ(base->Hex(), Trim(t.GitOutput("merge-base " + main + " " + feature)));
  EXPECT_EQ(base->Hex(), root);
}

TEST(RepositoryTest, UnrelatedHistoriesHaveNoMergeBase) {
  TempRepo t;
  t.Write("a.py", "a\n");
  std::string first = t.Commit("first");
  t.Git("checkout -q --orphan other");
  t.Write("b.py", "b\n");
  std::string other = t.Commit("other");
  Result<Repository> repo = Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  Result<Oid> base = repo->MergeBase(*Oid::FromHex(first), *Oid::FromHex(other));
  ASSERT_FALSE(base);
  EXPECT_EQ(base.error().code, ErrorCode::kNoMergeBase);
}

TEST(RepositoryTest, ShallowCloneBoundaryIsAClearError) {
  TempRepo upstream;
  upstream.Write("a.py", "a\n");
  upstream.Commit("first");
  upstream.Write("a.py", "b\n");
  std::string second = upstream.Commit("second");
  char tmpl[] = "/tmp/kensa_shallow_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string clone = dir + "/clone";
  std::string command =
      "git clone -q --depth 1 'file://" + upstream.root() + "' '" + clone + "' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  {
    Result<Repository> repo = Repository::Discover(clone);
    ASSERT_TRUE(repo);
    EXPECT_TRUE(repo->is_shallow());
    Result<std::vector<Oid>> parents = repo->Parents(*Oid::FromHex(second));
    // libgit2 may hide the cut-off parent (grafts) or report it missing; never a wrong list.
    if (parents) {
      EXPECT_TRUE(parents->empty());
    } else {
      EXPECT_EQ(parents.error().code, ErrorCode::kMissingObject);
      EXPECT_NE(parents.error().message.find("shallow"), std::string::npos);
    }
    Result<Oid> parent = repo->ResolveCommit("HEAD~1");
    ASSERT_FALSE(parent);
    EXPECT_NE(parent.error().message.find("shallow"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST(RepositoryTest, CommitMessage) {
  TempRepo t;
  t.Write("a.py", "a\n");
  std::string sha = t.Commit("[skip ci] subject");
  Result<Repository> repo = Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  EXPECT_EQ(*repo->CommitMessage(*Oid::FromHex(sha)), "[skip ci] subject\n");
}

TEST(RepositoryTest, ReopenGivesAnIndependentHandle) {
  TempRepo t;
  t.Write("a.py", "a\n");
  std::string sha = t.Commit("first");
  Result<Repository> repo = Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  Result<Repository> other = repo->Reopen();
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(other->work_dir(), t.root());
  EXPECT_EQ(other->ResolveCommit("HEAD")->Hex(), sha);
}

TEST(OidTest, HexRoundTrip) {
  std::string hex = "0123456789abcdef0123456789abcdef01234567";
  std::optional<Oid> oid = Oid::FromHex(hex);
  ASSERT_TRUE(oid);
  EXPECT_EQ(oid->Hex(), hex);
  EXPECT_EQ(oid->ShortHex(7), "0123456");
  EXPECT_FALSE(Oid::FromHex("0123"));
  EXPECT_FALSE(Oid::FromHex("g123456789abcdef0123456789abcdef01234567"));
  EXPECT_TRUE(Oid().IsZero());
}

}  // namespace
}  // namespace kensa::git
