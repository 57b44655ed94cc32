#include "project/project_root.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>

namespace kensa::project {
namespace {

std::string MakeTempDir() {
  char tmpl[] = "/tmp/kensa_root_XXXXXX";
  return ::mkdtemp(tmpl);
}

TEST(ProjectRootTest, FindsTheDirectoryHoldingDotGitFromASubfolder) {
  std::string dir = MakeTempDir();
  std::system(("mkdir -p " + dir + "/.git " + dir + "/src/pkg/sub").c_str());
  std::string error;
  auto root = FindProjectRoot(dir + "/src/pkg/sub", &error);
  ASSERT_TRUE(root) << error;
  EXPECT_EQ(root->root, dir);
  EXPECT_TRUE(root->in_git);
  EXPECT_TRUE(root->warning.empty());
  std::system(("rm -rf " + dir).c_str());
}

TEST(ProjectRootTest, DotGitFileCounts) {
  std::string dir = MakeTempDir();
  std::ofstream(dir + "/.git") << "gitdir: /elsewhere\n";
  std::string error;
  auto root = FindProjectRoot(dir, &error);
  ASSERT_TRUE(root);
  EXPECT_TRUE(root->in_git);
  std::system(("rm -rf " + dir).c_str());
}

TEST(ProjectRootTest, OutsideGitFallsBackToPyprojectWithAWarning) {
  std::string dir = MakeTempDir();
  std::system(("mkdir -p " + dir + "/a/b").c_str());
  std::ofstream(dir + "/a/pyproject.toml") << "";
  std::string error;
  auto root = FindProjectRoot(dir + "/a/b", &error);
  ASSERT_TRUE(root);
  EXPECT_FALSE(root->in_git);
  EXPECT_EQ(root->root, dir + "/a");
  EXPECT_NE(root->warning.find("not a git repository"), std::string::npos);
  std::system(("rm -rf " + dir).c_str());
}

TEST(ProjectRootTest, MissingDirectoryIsAnError) {
  std::string error;
  EXPECT_FALSE(FindProjectRoot("/nonexistent/kensa/dir", &error));
  EXPECT_EQ(error, "/nonexistent/kensa/dir: No such file or directory");
}

}  // namespace
}  // namespace kensa::project
