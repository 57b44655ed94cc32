#include "index/project_index.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "project/memory_tree.h"

namespace kensa::index {
namespace {

std::unique_ptr<project::MemoryTree> SampleTree() {
  auto tree = std::make_unique<project::MemoryTree>();
  tree->AddFile("setup.py", "setup(name='pkg', packages=find_packages('src'))\n");
  tree->AddFile("src/pkg/__init__.py",
                "_import_structure = {'core': ['Core']}\n"
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from .core import Core\n");
  tree->AddFile("src/pkg/core.py", "import os\n\nclass Core:\n    pass\n");
  tree->AddFile("src/pkg/broken.py", "from .core import Core\ndef f(:\n");
  tree->AddUnreadableFile("src/pkg/secret.py", "Permission denied");
  tree->AddFile("tests/test_core.py", "from pkg import Core\nfrom pkg.secret import x\n");
  return tree;
}

class ProjectIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(project::LoadProject(SampleTree(), {}, &files_, &error)) << error;
    char tmpl[] = "/tmp/kensa_index_XXXXXX";
    dir_ = ::mkdtemp(tmpl);
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::vector<std::string> Edges(const ProjectIndex& idx, const std::string& path) {
    std::vector<std::string> out;
    for (const ImportEdge& e : idx.EdgesFrom(idx.Find(path))) {
      out.push_back(std::to_string(e.line) + " -> " + idx.file(e.to).path);
    }
    return out;
  }

  project::ProjectFiles files_;
  std::string dir_;
};

TEST_F(ProjectIndexTest, BadFilesAreDiagnosticsAndTheRestIsIndexed) {
  ProjectIndex idx = ProjectIndex::Build(files_, {});
  std::vector<std::string> diagnostics;
  for (const project::Diagnostic& d : idx.diagnostics()) diagnostics.push_back(d.ToString());
  EXPECT_EQ(diagnostics, (std::vector<std::string>{
                             "src/pkg/broken.py:2:7: SyntaxError: invalid syntax",
                             "src/pkg/secret.py: cannot read: Permission denied",
                         }));
  EXPECT_EQ(Edges(idx, "tests/test_core.py"),
            (std::vector<std::string>{"1 -> src/pkg/core.py", "2 -> src/pkg/secret.py"}));
  EXPECT_EQ(Edges(idx, "pkg"), std::vector<std::string>{"4 -> src/pkg/core.py"});
  EXPECT_TRUE(Edges(idx, "src/pkg/broken.py").empty());
  EXPECT_EQ(idx.stats().parsed, 5u);
  EXPECT_EQ(idx.Find("pkg.core"), idx.Find("src/pkg/core.py"));
  EXPECT_EQ(idx.Find("pkg.nothing"), kNoFile);
}

TEST_F(ProjectIndexTest, CacheColdWarmAndCorrupt) {
  IndexOptions options;
  options.cache_path = dir_ + "/index.bin";
  ProjectIndex cold = ProjectIndex::Build(files_, options);
  EXPECT_EQ(cold.stats().parsed, 5u);
  EXPECT_TRUE(cold.stats().cache_written);
  EXPECT_FALSE(cold.stats().resolution_from_cache);

  ProjectIndex warm = ProjectIndex::Build(files_, options);
  EXPECT_EQ(warm.stats().parsed, 0u);
  EXPECT_EQ(warm.stats().cache_hits, 5u);
  EXPECT_TRUE(warm.stats().resolution_from_cache);
  EXPECT_EQ(warm.summaries(), cold.summaries());
  EXPECT_EQ(Edges(warm, "tests/test_core.py"), Edges(cold, "tests/test_core.py"));
  EXPECT_FALSE(warm.stats().cache_written);  // nothing changed

  std::fstream f(options.cache_path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(30);
  f.write("\xff\xff\xff", 3);
  f.close();
  ProjectIndex rebuilt = ProjectIndex::Build(files_, options);
  EXPECT_NE(rebuilt.stats().cache_status.find("ignored and rebuilt"), std::string::npos);
  EXPECT_EQ(rebuilt.stats().parsed, 5u);
  EXPECT_EQ(rebuilt.summaries(), cold.summaries());
  EXPECT_EQ(ProjectIndex::Build(files_, options).stats().parsed, 0u);
}

TEST_F(ProjectIndexTest, AnUnreadableCacheThatCannotBeReplacedGivesBothReasons) {
  IndexOptions options;
  options.cache_path = dir_ + "/cache.bin";
  ASSERT_EQ(::mkdir(options.cache_path.c_str(), 0755), 0);  // neither readable nor replaceable
  ProjectIndex idx = ProjectIndex::Build(files_, options);
  EXPECT_NE(idx.stats().cache_status.find("rebuilding"), std::string::npos)
      << idx.stats().cache_status;
  EXPECT_NE(idx.stats().cache_write_error.find("cannot write the cache"), std::string::npos)
      << idx.stats().cache_write_error;
  EXPECT_FALSE(idx.stats().cache_written);
  EXPECT_EQ(idx.stats().parsed, 5u);
}

TEST_F(ProjectIndexTest, AChangedFileIsReparsedAndResolutionRedone) {
  IndexOptions options;
  options.cache_path = dir_ + "/index.bin";
  ProjectIndex first = ProjectIndex::Build(files_, options);
  auto tree = SampleTree();
  tree->AddFile("tests/test_core.py", "import pkg.core\n");
  project::ProjectFiles changed;
  std::string error;
  ASSERT_TRUE(project::LoadProject(std::move(tree), {}, &changed, &error));
  ProjectIndex second = ProjectIndex::Build(changed, options);
  EXPECT_EQ(second.stats().parsed, 1u);
  EXPECT_FALSE(second.stats().resolution_from_cache);
  EXPECT_EQ(Edges(second, "tests/test_core.py"), std::vector<std::string>{"1 -> src/pkg/core.py"});
}

}  // namespace
}  // namespace kensa::index
