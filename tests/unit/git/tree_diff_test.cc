// DiffCommits against the real `git diff-tree -r -M`, on hand-made and random histories.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "git/repository.h"
#include "temp_repo.h"

namespace kensa::git {
namespace {

using kensa::testing::Lines;
using kensa::testing::TempRepo;

// "R\told\tnew" / "A\tpath" lines, as `git diff-tree --name-status` prints them (minus scores).
std::string Format(const std::vector<TreeChange>& changes) {
  std::string out;
  for (const TreeChange& c : changes) {
    out += static_cast<char>(c.type);
    if (c.type == ChangeType::kRenamed) {
      out += "\t" + c.old_path + "\t" + c.new_path;
    } else {
      out += "\t" + (c.type == ChangeType::kDeleted ? c.old_path : c.new_path);
    }
    out += "\n";
  }
  return out;
}

std::string GitNameStatus(const TempRepo& t, const std::string& from, const std::string& to) {
  std::string raw = t.GitOutput("diff-tree -r -M --name-status " + from + " " + to);
  // Drop rename scores: "R087\ta\tb" -> "R\ta\tb".
  std::string out;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t eol = raw.find('\n', pos);
    std::string line = raw.substr(pos, eol - pos);
    pos = eol == std::string::npos ? raw.size() : eol + 1;
    size_t tab = line.find('\t');
    out += line.substr(0, 1) + line.substr(tab) + "\n";
  }
  return out;
}

std::string Diff(const TempRepo& t, const std::string& from, const std::string& to) {
  Result<Repository> repo = Repository::Discover(t.root());
  EXPECT_TRUE(repo);
  Result<std::vector<TreeChange>> changes =
      repo->DiffCommits(*Oid::FromHex(from), *Oid::FromHex(to));
  EXPECT_TRUE(changes) << changes.error().message;
  return changes ? Format(*changes) : "";
}

TEST(TreeDiffTest, AddDeleteModify) {
  TempRepo t;
  t.Write("keep.py", Lines(0, 10));
  t.Write("gone.py", Lines(100, 10, "gone"));
  t.Write("dir/change.py", Lines(200, 10));
  std::string a = t.Commit("a");
  t.Remove("gone.py");
  t.Write("dir/change.py", Lines(200, 11));
  t.Write("new/file.py", Lines(300, 10, "new"));
  std::string b = t.Commit("b");
  EXPECT_EQ(Diff(t, a, b), "M\tdir/change.py\nD\tgone.py\nA\tnew/file.py\n");
  EXPECT_EQ(Diff(t, a, b), GitNameStatus(t, a, b));
}

TEST(TreeDiffTest, RenameSitsAtItsNewPath) {
  TempRepo t;
  t.Write("a.py", Lines(0, 30, "a"));
  t.Write("m.py", Lines(0, 30, "m"));
  t.Write("z.py", Lines(0, 30, "z"));
  std::string a = t.Commit("a");
  t.Git("mv z.py b.py");
  t.Git("mv a.py y.py");
  t.Write("m.py", Lines(0, 31, "m"));
  std::string b = t.Commit("b");
  EXPECT_EQ(Diff(t, a, b), "R\tz.py\tb.py\nM\tm.py\nR\ta.py\ty.py\n");
  EXPECT_EQ(Diff(t, a, b), GitNameStatus(t, a, b));
}

TEST(TreeDiffTest, InexactRenameAboveHalfSimilar) {
  TempRepo t;
  t.Write("old.py", Lines(0, 20));
  t.Write("other.py", Lines(0, 20, "other"));
  std::string a = t.Commit("a");
  t.Remove("old.py");
  t.Write("renamed.py", Lines(0, 14) + Lines(50, 6, "edited"));  // 70% kept
  t.Remove("other.py");
  t.Write("rewritten.py", Lines(0, 6, "other") + Lines(60, 14, "new"));  // 30% kept
  std::string b = t.Commit("b");
  EXPECT_EQ(Diff(t, a, b), "D\tother.py\nR\told.py\trenamed.py\nA\trewritten.py\n");
  EXPECT_EQ(Diff(t, a, b), GitNameStatus(t, a, b));
}

TEST(TreeDiffTest, IdenticalSourcesPreferTheSameFileName) {
  TempRepo t;
  t.Write("a/one.py", Lines(0, 10));
  t.Write("b/two.py", Lines(0, 10));
  std::string a = t.Commit("a");
  t.Remove("a/one.py");
  t.Remove("b/two.py");
  t.Write("c/two.py", Lines(0, 10));
  std::string b = t.Commit("b");
  EXPECT_EQ(Diff(t, a, b), "D\ta/one.py\nR\tb/two.py\tc/two.py\n");
  EXPECT_EQ(Diff(t, a, b), GitNameStatus(t, a, b));
}

TEST(TreeDiffTest, EmptyFilesAreRenamedToo) {
  TempRepo t;
  t.Write("pkg/__init__.py", "");
  t.Write("pkg/sub/__init__.py", "");
  t.Write("pkg/mod.py", Lines(0, 10));
  std::string a = t.Commit("a");
  t.Git("mv pkg lib");
  std::string b = t.Commit("b");
  EXPECT_EQ(Diff(t, a, b), GitNameStatus(t, a, b));
  EXPECT_EQ(Diff(t, a, b),
            "R\tpkg/__init__.py\tlib/__init__.py\nR\tpkg/mod.py\tlib/mod.py\n"
            "R\tpkg/sub/__init__.py\tlib/sub/__init__.py\n");
}

TEST(TreeDiffTest, SameFileNameWinsOverABetterMatchElsewhere) {
  // git pairs unique file names first (at 75% similarity) before the global matrix.
  TempRepo t;
  std::string base = Lines(0, 40);
  t.Write("x/util.py", base);
  t.Write("y/helpers.py", Lines(1000, 40, "unrelated"));
  std::string a = t.Commit("a");
  t.Remove("x/util.py");
  t.Write("z/util.py", Lines(0, 32) + Lines(500, 8, "changed"));  // 80%
  t.Write("z/copy.py", base);                                     // 100%, another name
  std::string b = t.Commit("b");
  EXPECT_EQ(Diff(t, a, b), GitNameStatus(t, a, b));
}

TEST(TreeDiffTest, CarriageReturnsDoNotCountAsChanges) {
  TempRepo t;
  std::string crlf;
  for (int i = 0; i < 30; ++i)
    crlf += "value_" + std::to_string(i) + " = compute(" + std::to_string(i) + ")\r\n";
  t.Write("a/__init__.py", crlf);
  std::string a = t.Commit("a");
  std::string lf;
  for (int i = 0; i < 30; ++i)
    lf += "value_" + std::to_string(i) + " = compute(" + std::to_string(i) + ")\n";
  t.Remove("a/__init__.py");
  t.Write("b/__init__.py", lf);
  std::string b = t.Commit("b");
  EXPECT_EQ(Diff(t, a, b), "R\ta/__init__.py\tb/__init__.py\n");
  EXPECT_EQ(Diff(t, a, b), GitNameStatus(t, a, b));
}

TEST(TreeDiffTest, TypeChangeAndModeChange) {
  TempRepo t;
  t.Write("link.py", "x = 1\n");
  t.Write("script.py", "print(1)\n");
  std::string a = t.Commit("a");
  t.Remove("link.py");
  std::filesystem::create_symlink("script.py", t.root() + "/link.py");
  std::filesystem::permissions(t.root() + "/script.py", std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  std::string b = t.Commit("b");
  EXPECT_EQ(Diff(t, a, b), "T\tlink.py\nM\tscript.py\n");
  EXPECT_EQ(Diff(t, a, b), GitNameStatus(t, a, b));
}

TEST(TreeDiffTest, RandomHistoriesMatchGit) {
  std::mt19937 rng(1234);
  for (int round = 0; round < 4; ++round) {
    TempRepo t;
    const int kFiles = 40;
    std::vector<std::string> contents(kFiles);
    std::vector<std::string> paths(kFiles);
    const char* dirs[] = {"", "a/", "b/", "a/c/"};
    for (int i = 0; i < kFiles; ++i) {
      paths[i] = std::string(dirs[rng() % 4]) + "f" + std::to_string(rng() % 25) + ".py";
      contents[i] = Lines(static_cast<int>(rng() % 50), 5 + static_cast<int>(rng() % 30),
                          "t" + std::to_string(rng() % 3));
      t.Write(paths[i], contents[i]);
    }
    std::string previous = t.Commit("start");
    for (int step = 0; step < 3; ++step) {
      for (int i = 0; i < kFiles; ++i) {
        switch (rng() % 6) {
          case 0:  // move, maybe edited
            t.Remove(paths[i]);
            paths[i] = std::string(dirs[rng() % 4]) + "g" + std::to_string(rng() % 25) + ".py";
            if (rng() % 2) contents[i] += Lines(900, static_cast<int>(rng() % 8), "edit");
            t.Write(paths[i], contents[i]);
            break;
          case 1:  // edit in place
            contents[i] = Lines(0, 3, "head") + contents[i];
            t.Write(paths[i], contents[i]);
            break;
          case 2:  // copy to a new name
            t.Write(std::string(dirs[rng() % 4]) + "h" + std::to_string(rng() % 25) + ".py",
                    contents[i]);
            break;
          default:
            break;
        }
      }
      std::string next = t.Commit("step");
      EXPECT_EQ(Diff(t, previous, next), GitNameStatus(t, previous, next))
          << "round " << round << " step " << step;
      previous = next;
    }
  }
}

TEST(TreeDiffTest, WorkTreeChangesIncludeUntrackedFiles) {
  TempRepo t;
  t.Write("a.py", Lines(0, 10));
  t.Write("b.py", Lines(0, 10, "b"));
  t.Write("c.py", Lines(0, 10, "c"));
  std::string a = t.Commit("a");
  t.Write("a.py", Lines(0, 11));   // unstaged
  t.Remove("b.py");                // deleted
  t.Write("d/new.py", "x = 1\n");  // untracked
  t.Git("mv c.py moved_c.py");     // staged rename
  Result<Repository> repo = Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  Result<std::vector<TreeChange>> changes = repo->DiffCommitToWorkTree(*Oid::FromHex(a));
  ASSERT_TRUE(changes) << changes.error().message;
  EXPECT_EQ(Format(*changes), "M\ta.py\nD\tb.py\nA\td/new.py\nR\tc.py\tmoved_c.py\n");

  Result<std::vector<StatusEntry>> status = repo->Status(true);
  ASSERT_TRUE(status);
  std::string s;
  for (const StatusEntry& e : *status) s += std::string{e.index, e.work_tree} + " " + e.path + "\n";
  // Like `git status --porcelain --no-renames`.
  EXPECT_EQ(s, " M a.py\n D b.py\nD  c.py\n?? d/new.py\nA  moved_c.py\n");
  Result<std::vector<StatusEntry>> tracked = repo->Status(false);
  ASSERT_TRUE(tracked);
  EXPECT_EQ(tracked->size(), 4u);
}

TEST(TreeFilesTest, ListAndReadAtARevision) {
  TempRepo t;
  t.Write("src/pkg/__init__.py", "");
  t.Write("src/pkg/mod.py", "x = 1\n");
  t.Write("src/pkg.py", "y = 2\n");
  std::string first = t.Commit("a");
  t.Write("src/pkg/mod.py", "x = 2\n");
  t.Commit("b");
  Result<Repository> repo = Repository::Discover(t.root());
  ASSERT_TRUE(repo);
  Oid commit = *Oid::FromHex(first);
  Result<std::vector<TreeFile>> files = repo->ListFiles(commit);
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].path, "src/pkg.py");  // '.' sorts before '/'
  EXPECT_EQ((*files)[1].path, "src/pkg/__init__.py");
  EXPECT_EQ((*files)[2].path, "src/pkg/mod.py");
  EXPECT_EQ(*repo->ReadFileAt(commit, "src/pkg/mod.py"), "x = 1\n");
  EXPECT_EQ(*repo->ReadBlob((*files)[2].oid), "x = 1\n");
  Result<std::string> missing = repo->ReadFileAt(commit, "nope.py");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(repo->ReadFileAt(commit, "src/pkg"));
}

}  // namespace
}  // namespace kensa::git
