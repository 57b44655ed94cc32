#include "project/module_name.h"

#include <gtest/gtest.h>

namespace kensa::project {
namespace {

TEST(ModuleNameTest, SrcLayoutStripsTheSourceRoot) {
  std::vector<std::string> roots = {"src", ""};
  EXPECT_EQ(ModuleNameForPath("src/diffusers/models/unet.py", roots), "diffusers.models.unet");
  EXPECT_EQ(ModuleNameForPath("src/diffusers/__init__.py", roots), "diffusers");
  EXPECT_EQ(ModuleNameForPath("src/diffusers/models/__init__.py", roots), "diffusers.models");
  EXPECT_EQ(ModuleNameForPath("tests/models/test_unet.py", roots), "tests.models.test_unet");
  EXPECT_EQ(ModuleNameForPath("setup.py", roots), "setup");
  EXPECT_EQ(ModuleNameForPath("__init__.py", roots), "");
}

TEST(ModuleNameTest, FlatLayout) {
  std::vector<std::string> roots = {""};
  EXPECT_EQ(ModuleNameForPath("pkg/sub/mod.py", roots), "pkg.sub.mod");
  EXPECT_EQ(ModuleNameForPath("src/x.py", roots), "src.x");
}

TEST(ModuleNameTest, LongestRootWins) {
  std::vector<std::string> roots = {"", "src", "src/inner"};
  EXPECT_EQ(ModuleNameForPath("src/inner/a/b.py", roots), "a.b");
  EXPECT_EQ(ModuleNameForPath("srcx/a.py", roots), "srcx.a");
}

TEST(ModuleNameTest, PackageInit) {
  EXPECT_TRUE(IsPackageInit("a/__init__.py"));
  EXPECT_TRUE(IsPackageInit("__init__.py"));
  EXPECT_FALSE(IsPackageInit("a/x__init__.py"));
  EXPECT_FALSE(IsPackageInit("a/__init__.pyi"));
}

TEST(ModuleNameTest, DottedIdentifier) {
  EXPECT_TRUE(IsDottedIdentifier("a.b_c.D9"));
  EXPECT_FALSE(IsDottedIdentifier("a..b"));
  EXPECT_FALSE(IsDottedIdentifier("a.9b"));
  EXPECT_FALSE(IsDottedIdentifier("stable-diffusion.train"));
  EXPECT_FALSE(IsDottedIdentifier(""));
  EXPECT_FALSE(IsDottedIdentifier("a."));
}

}  // namespace
}  // namespace kensa::project
