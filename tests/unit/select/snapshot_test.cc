// The file-system questions of the reference script, answered from a listing.
#include "select/snapshot.h"

#include <gtest/gtest.h>

namespace kensa::select {
namespace {

Snapshot Tree() {
  return Snapshot::FromMemory({
      {"src/pkg/__init__.py", "init"},
      {"src/pkg/b.py", "b"},
      {"src/pkg/a.py", "a"},
      {"src/pkg/sub/z.py", "z"},
      {"src/pkg/sub/deeper/y.py", "y"},
      {"src/pkg/aa/x.py", "x"},
      {"src/pkg/notes.txt", "n"},
      {"tests/test_a.py", "t"},
      {"tests/helper.py", "h"},
      {"tests/fixtures/data.json", "{}"},
  });
}

TEST(SnapshotTest, FilesAndDirectoriesWithPathlibNormalization) {
  Snapshot s = Tree();
  EXPECT_TRUE(s.IsFile("src/pkg/a.py"));
  EXPECT_TRUE(s.IsFile("src//pkg/./a.py"));
  EXPECT_TRUE(s.IsFile("src/pkg/sub/../a.py"));
  EXPECT_FALSE(s.IsFile("src/pkg/nope/../a.py"));  // ".." needs its directory to exist
  EXPECT_FALSE(s.IsFile("src/pkg"));
  EXPECT_TRUE(s.IsDirectory("src/pkg"));
  EXPECT_TRUE(s.IsDirectory("src/pkg/"));
  EXPECT_TRUE(s.IsDirectory("src/pkg/sub/deeper"));
  EXPECT_TRUE(s.IsDirectory(""));
  EXPECT_FALSE(s.IsDirectory("src/pkg/a.py"));
  EXPECT_TRUE(s.Exists("tests/fixtures"));
  EXPECT_FALSE(s.Exists("/src/pkg/a.py"));  // absolute paths are outside the repository
  EXPECT_FALSE(s.Exists("../src"));
}

TEST(SnapshotTest, GlobInPathlibOrder) {
  Snapshot s = Tree();
  // A directory's own files first, then each subdirectory, names sorted.
  EXPECT_EQ(
      s.GlobPython("src/pkg"),
      (std::vector<std::string>{"src/pkg/__init__.py", "src/pkg/a.py", "src/pkg/b.py",
                                "src/pkg/aa/x.py", "src/pkg/sub/z.py", "src/pkg/sub/deeper/y.py"}));
  EXPECT_EQ(s.GlobPython("nowhere"), std::vector<std::string>{});
  EXPECT_EQ(s.GlobFiles("tests", "test_", ".py"), std::vector<std::string>{"tests/test_a.py"});
  std::vector<std::string> names;
  for (const Snapshot::Child& c : s.ListDirectory("tests")) {
    names.push_back(c.name + (c.is_directory ? "/" : ""));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"fixtures/", "helper.py", "test_a.py"}));
}

TEST(SnapshotTest, ReadsContents) {
  Snapshot s = Tree();
  ContentReader reader(s);
  EXPECT_EQ(*reader.Read("src/pkg/sub/z.py"), "z");
  EXPECT_FALSE(reader.Read("src/pkg/missing.py"));
  std::vector<std::string> paths = {"src/pkg/a.py", "tests/helper.py", "nope.py"};
  std::vector<std::string> got(paths.size());
  reader.ReadAll(paths, [&](size_t i, const std::string* bytes, const std::string& error) {
    got[i] = bytes != nullptr ? *bytes : "error: " + error;
  });
  EXPECT_EQ(got[0], "a");
  EXPECT_EQ(got[1], "h");
  EXPECT_EQ(got[2].rfind("error:", 0), 0u);
}

}  // namespace
}  // namespace kensa::select
