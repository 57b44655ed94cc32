#include "server/confined_tree.h"

#include <gtest/gtest.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "project/disk_tree.h"

namespace kensa::server {
namespace {

namespace fs = std::filesystem;

class ConfinedTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/kensa-confined-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    char real[PATH_MAX];
    ASSERT_NE(::realpath(dir, real), nullptr);
    base_ = real;
    root_ = base_ + "/root";
    fs::create_directories(root_ + "/pkg");
    fs::create_directories(base_ + "/outside");
    std::ofstream(root_ + "/pkg/inside.py") << "x = 1\n";
    std::ofstream(base_ + "/outside/secret.py") << "secret = 1\n";
    fs::create_symlink(base_ + "/outside/secret.py", root_ + "/pkg/secret.py");
    fs::create_symlink(base_ + "/outside", root_ + "/pkg/outside_dir");
    fs::create_symlink(root_ + "/pkg/inside.py", root_ + "/pkg/alias.py");
  }
  void TearDown() override { fs::remove_all(base_); }

  std::string base_, root_;
};

TEST_F(ConfinedTreeTest, ReadsInsideAndRefusesLinksLeavingTheRoot) {
  ConfinedTree tree(std::make_unique<project::DiskTree>(root_), root_);
  std::string contents, error;
  EXPECT_TRUE(tree.ReadFile("pkg/inside.py", &contents, &error));
  EXPECT_EQ(contents, "x = 1\n");
  EXPECT_TRUE(tree.ReadFile("pkg/alias.py", &contents, &error));  // a link inside is fine
  EXPECT_FALSE(tree.ReadFile("pkg/secret.py", &contents, &error));
  EXPECT_FALSE(tree.ReadFile("pkg/outside_dir/secret.py", &contents, &error));
  EXPECT_FALSE(tree.ReadFile("../outside/secret.py", &contents, &error));
  EXPECT_FALSE(tree.IsFile("pkg/secret.py"));
  EXPECT_FALSE(tree.IsDirectory("pkg/outside_dir"));
  EXPECT_FALSE(tree.Stamp("pkg/secret.py").has_value());
}

TEST_F(ConfinedTreeTest, ListingsLeaveOutLinksLeavingTheRoot) {
  ConfinedTree tree(std::make_unique<project::DiskTree>(root_), root_);
  std::vector<project::DirEntry> entries;
  std::string error;
  ASSERT_TRUE(tree.ListDirectory("pkg", &entries, &error));
  std::vector<std::string> names;
  for (const project::DirEntry& e : entries) names.push_back(e.name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"alias.py", "inside.py"}));
  EXPECT_FALSE(tree.ListDirectory("pkg/outside_dir", &entries, &error));
}

}  // namespace
}  // namespace kensa::server
