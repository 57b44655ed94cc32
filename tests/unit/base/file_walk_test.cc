#include "base/file_walk.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace kensa {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A fresh directory under the system temp dir, removed at the end of the test.
class FileWalkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "kensa_file_walk_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }

  void Touch(const std::string& rel) {
    fs::create_directories((fs::path(root_) / rel).parent_path());
    std::ofstream(fs::path(root_) / rel) << "x = 1\n";
  }
  std::string P(const std::string& rel) const { return root_ + "/" + rel; }

  std::vector<std::string> Paths(const std::vector<FoundFile>& found) {
    std::vector<std::string> out;
    for (const FoundFile& f : found) out.push_back(f.path + (f.error.empty() ? "" : " !"));
    return out;
  }

  std::string root_;
};

TEST_F(FileWalkTest, FindsPythonFilesRecursivelyInSortedOrder) {
  Touch("b.py");
  Touch("a/z.py");
  Touch("a/y.txt");
  Touch("a/deep/x.py");
  Touch("c.pyc");
  EXPECT_THAT(Paths(FindFiles({root_}, ".py")),
              ElementsAre(P("a/deep/x.py"), P("a/z.py"), P("b.py")));
}

TEST_F(FileWalkTest, ExplicitFilesAreTakenWhateverTheirName) {
  Touch("script");
  Touch("m.py");
  EXPECT_THAT(Paths(FindFiles({P("script"), P("m.py"), P("m.py")}, ".py")),
              ElementsAre(P("m.py"), P("script")));
}

TEST_F(FileWalkTest, TrailingSlashDoesNotDoubleTheSeparator) {
  Touch("m.py");
  EXPECT_THAT(Paths(FindFiles({root_ + "/"}, ".py")), ElementsAre(P("m.py")));
}

TEST_F(FileWalkTest, SymlinkLoopsAreEnteredOnce) {
  Touch("pkg/m.py");
  fs::create_directory_symlink(root_, P("pkg/loop"));
  fs::create_directory_symlink(P("pkg"), P("alias"));
  // "alias" sorts before "pkg", so the package is reached (and listed) through it once.
  EXPECT_THAT(Paths(FindFiles({root_}, ".py")), ElementsAre(P("alias/m.py")));
}

TEST_F(FileWalkTest, MissingPathsAndDanglingLinksAreReported) {
  Touch("ok.py");
  fs::create_symlink(P("nowhere.py"), P("broken.py"));
  fs::create_symlink(P("nowhere"), P("broken_other"));  // not a .py name: not ours
  std::vector<FoundFile> found = FindFiles({root_, P("missing")}, ".py");
  EXPECT_THAT(Paths(found), ElementsAre(P("broken.py !"), P("missing !"), P("ok.py")));
  EXPECT_EQ(found[1].error, "No such file or directory");
}

TEST_F(FileWalkTest, UnreadableDirectoryIsReported) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  Touch("locked/m.py");
  fs::permissions(P("locked"), fs::perms::none);
  std::vector<FoundFile> found = FindFiles({root_}, ".py");
  fs::permissions(P("locked"), fs::perms::owner_all);
  EXPECT_THAT(Paths(found), ElementsAre(P("locked !")));
}

TEST_F(FileWalkTest, EmptyDirectoryGivesNothing) {
  EXPECT_THAT(FindFiles({root_}, ".py"), IsEmpty());
}

}  // namespace
}  // namespace kensa
