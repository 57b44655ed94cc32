#include "query/call_query.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "project/project_files.h"

namespace kensa::query {
namespace {

// The call graph reads the disk, so the project is written to a temporary folder.
class CallQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kensa_calls_XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    Write("pyproject.toml", "[project]\nname = 'pkg'\n");
    Write("pkg/__init__.py", "");
    Write("pkg/a.py",
          "from .b import middle, direct\n"
          "def start():\n"
          "    middle()\n"
          "    direct()\n");
    Write("pkg/b.py",
          "from .c import target\n"
          "def middle():\n"
          "    other()\n"
          "def other():\n"
          "    target()\n"
          "def direct():\n"
          "    target()\n");
    Write("pkg/c.py", "def target():\n    pass\n");
    project::OpenOptions open;
    open.start_dir = dir_;
    std::string error;
    ASSERT_TRUE(project::OpenProject(open, &files_, &error)) << error;
    index_ = std::make_unique<index::ProjectIndex>(index::ProjectIndex::Build(files_, {}));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(dir_ + "/" + path).parent_path());
    std::ofstream(dir_ + "/" + path) << text;
  }

  NameMatch One(const std::string& name) {
    LookupResult r = LookupName(*index_, name);
    EXPECT_EQ(r.matches.size(), 1u) << name;
    return r.matches.empty() ? NameMatch{} : r.matches[0];
  }

  std::string dir_;
  project::ProjectFiles files_;
  std::unique_ptr<index::ProjectIndex> index_;
};

std::string Describe(const std::vector<CallHop>& path) {
  std::string s;
  for (const CallHop& h : path) s.append(h.callee.substr(h.callee.rfind('.') + 1)).append(" ");
  return s;
}

TEST_F(CallQueryTest, CallersLevelByLevel) {
  CallQueryOptions options;
  options.depth = 2;
  CallQueryResult r = FindCallers(*index_, One("pkg.c.target"), options);
  ASSERT_EQ(r.hops.size(), 4u);
  EXPECT_EQ(r.hops[0].caller, "pkg.b.other");
  EXPECT_EQ(r.hops[0].file, "pkg/b.py");
  EXPECT_EQ(r.hops[0].line, 5u);
  EXPECT_EQ(r.hops[1].caller, "pkg.b.direct");
  EXPECT_EQ(r.hops[2].depth, 2);
  EXPECT_EQ(r.hops[2].caller, "pkg.a.start");  // calls direct (pkg/a.py sorts first)
  EXPECT_EQ(r.hops[2].line, 4u);
  EXPECT_EQ(r.hops[3].caller, "pkg.b.middle");  // calls other
}

TEST_F(CallQueryTest, CalleesWithCallSites) {
  CallQueryResult r = FindCallees(*index_, One("pkg.a.start"), {});
  ASSERT_EQ(r.hops.size(), 2u);
  EXPECT_EQ(r.hops[0].callee, "pkg.b.middle");
  EXPECT_EQ(r.hops[0].line, 3u);
  EXPECT_EQ(r.hops[0].column, 4u);
  EXPECT_EQ(r.hops[1].callee, "pkg.b.direct");
}

TEST_F(CallQueryTest, WhyGivesPathsShortestFirst) {
  CallQueryResult r = FindCallPaths(*index_, One("pkg.a.start"), {One("pkg.c.target")}, {});
  ASSERT_EQ(r.paths.size(), 2u);
  EXPECT_EQ(Describe(r.paths[0]), "direct target ");
  EXPECT_EQ(Describe(r.paths[1]), "middle other target ");
  CallQueryOptions short_only;
  short_only.max_length = 2;
  EXPECT_EQ(
      FindCallPaths(*index_, One("pkg.a.start"), {One("pkg.c.target")}, short_only).paths.size(),
      1u);
}

}  // namespace
}  // namespace kensa::query
