#include "index/project_index.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>

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

// A memory tree whose files have stamps the test sets, as the disk would give them, and which
// counts the files read: a warm run must not read the ones whose stamps it trusts.
class StampedTree : public project::MemoryTree {
 public:
  void Set(const std::string& path, std::string contents, project::FileStamp stamp) {
    AddFile(path, std::move(contents));
    stamps_[path] = stamp;
  }
  std::optional<project::FileStamp> Stamp(const std::string& path) const override {
    auto it = stamps_.find(path);
    if (it == stamps_.end()) return std::nullopt;
    return it->second;
  }
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override {
    ++reads_;
    return MemoryTree::ReadFile(path, contents, error);
  }
  int reads() const { return reads_; }
  // Opening the project reads its config (setup.py): count only what the index reads.
  void ResetReads() const { reads_ = 0; }

 private:
  std::map<std::string, project::FileStamp> stamps_;
  mutable std::atomic<int> reads_{0};
};

constexpr int64_t kSecond = 1'000'000'000;

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
  // Summaries stay encoded until asked for; the syntax error is known without decoding.
  std::vector<std::string> cold_problems, warm_problems;
  for (const project::Diagnostic& d : cold.diagnostics()) cold_problems.push_back(d.ToString());
  for (const project::Diagnostic& d : warm.diagnostics()) warm_problems.push_back(d.ToString());
  EXPECT_EQ(warm_problems, cold_problems);
  FileId core = warm.Find("pkg.core");
  EXPECT_EQ(warm.summary(core), cold.summary(core));
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

// The files of a stamped project; stamps as the disk gives them, written at second 1.
struct StampedProject {
  StampedTree* tree = nullptr;
  project::ProjectFiles files;
};

void MakeStamped(StampedProject* p, const std::map<std::string, std::string>& contents,
                 const std::map<std::string, project::FileStamp>& stamps) {
  auto tree = std::make_unique<StampedTree>();
  uint64_t inode = 100;
  for (const auto& [path, text] : contents) {
    ++inode;  // the same file keeps its inode from one project to the next
    auto it = stamps.find(path);
    tree->Set(
        path, text,
        it != stamps.end() ? it->second : project::FileStamp{text.size(), kSecond, inode, kSecond});
  }
  p->tree = tree.get();
  std::string error;
  ASSERT_TRUE(project::LoadProject(std::move(tree), {}, &p->files, &error)) << error;
  p->tree->ResetReads();
}

const std::map<std::string, std::string> kStampedFiles = {
    {"setup.py", "setup(name='pkg', packages=find_packages('src'))\n"},
    {"src/pkg/__init__.py", "from .core import Core\n"},
    {"src/pkg/core.py", "import os\n\nclass Core:\n    pass\n"},
    {"tests/test_core.py", "from pkg import Core\n"},
};

ProjectIndex BuildAt(const StampedProject& p, const std::string& cache, int64_t taken) {
  IndexOptions options;
  options.cache_path = cache;
  options.stamps_taken_ns = taken;
  return ProjectIndex::Build(p.files, options);
}

TEST_F(ProjectIndexTest, AWarmRunReadsNoFileWhoseStampIsUnchanged) {
  const std::string cache = dir_ + "/index.bin";
  StampedProject cold;
  MakeStamped(&cold, kStampedFiles, {});
  ProjectIndex first = BuildAt(cold, cache, 10 * kSecond);
  EXPECT_EQ(first.stats().parsed, 4u);
  StampedProject warm;
  MakeStamped(&warm, kStampedFiles, {});
  ProjectIndex second = BuildAt(warm, cache, 20 * kSecond);
  EXPECT_EQ(warm.tree->reads(), 0);
  EXPECT_EQ(second.stats().stamp_hits, 4u);
  EXPECT_EQ(second.stats().bytes_read, 0u);
  EXPECT_FALSE(second.stats().cache_written);
  EXPECT_EQ(second.summaries(), first.summaries());
}

TEST_F(ProjectIndexTest, ASameSizeEditInTheTickOfTheStampsIsSeen) {
  const std::string cache = dir_ + "/index.bin";
  // Stamps taken in the very tick the files were written: all racy.
  StampedProject cold;
  MakeStamped(&cold, kStampedFiles, {});
  BuildAt(cold, cache, kSecond);
  // core.py rewritten in that same tick, to the same size: its stamp is exactly the same.
  std::map<std::string, std::string> edited = kStampedFiles;
  edited["src/pkg/core.py"] = "import re\n\nclass Base:\n    pass\n";
  ASSERT_EQ(edited["src/pkg/core.py"].size(), kStampedFiles.at("src/pkg/core.py").size());
  StampedProject warm;
  MakeStamped(&warm, edited, {});
  ASSERT_EQ(warm.tree->Stamp("src/pkg/core.py"), cold.tree->Stamp("src/pkg/core.py"));
  ProjectIndex second = BuildAt(warm, cache, 2 * kSecond);
  EXPECT_EQ(warm.tree->reads(), 4);  // every racy file is read and hashed
  EXPECT_EQ(second.stats().parsed, 1u);
  EXPECT_EQ(second.stats().cache_hits, 3u);
  EXPECT_EQ(second.stats().stamp_hits, 0u);
  const ModuleSummary& core = second.summaries()[second.Find("pkg.core")];
  ASSERT_EQ(core.imports.size(), 1u);
  EXPECT_EQ(core.imports[0].module, "re");
  EXPECT_TRUE(second.stats().cache_written);
  // That run's stamps are older than its own start: trusted from now on.
  StampedProject third;
  MakeStamped(&third, edited, {});
  ProjectIndex again = BuildAt(third, cache, 3 * kSecond);
  EXPECT_EQ(third.tree->reads(), 0);
  EXPECT_EQ(again.stats().stamp_hits, 4u);
  EXPECT_EQ(again.summaries(), second.summaries());
}

TEST_F(ProjectIndexTest, ATouchedFileIsRehashedAndItsSummaryKept) {
  const std::string cache = dir_ + "/index.bin";
  StampedProject cold;
  MakeStamped(&cold, kStampedFiles, {});
  BuildAt(cold, cache, 10 * kSecond);
  std::string core = kStampedFiles.at("src/pkg/core.py");
  project::FileStamp touched = *cold.tree->Stamp("src/pkg/core.py");
  touched.mtime_ns = touched.ctime_ns = 5 * kSecond;
  StampedProject warm;
  MakeStamped(&warm, kStampedFiles, {{"src/pkg/core.py", touched}});
  ProjectIndex second = BuildAt(warm, cache, 20 * kSecond);
  EXPECT_EQ(warm.tree->reads(), 1);
  EXPECT_EQ(second.stats().bytes_read, core.size());
  EXPECT_EQ(second.stats().parsed, 0u);
  EXPECT_EQ(second.stats().cache_hits, 4u);
  EXPECT_EQ(second.stats().stamp_hits, 3u);
  EXPECT_TRUE(second.stats().resolution_from_cache);  // same contents, same snapshot
  EXPECT_TRUE(second.stats().cache_written);          // the new stamp is recorded
  StampedProject third;
  MakeStamped(&third, kStampedFiles, {{"src/pkg/core.py", touched}});
  EXPECT_EQ(BuildAt(third, cache, 30 * kSecond).stats().stamp_hits, 4u);
  EXPECT_EQ(third.tree->reads(), 0);
}

TEST_F(ProjectIndexTest, AFileWithANewStampAndNewContentIsReparsed) {
  const std::string cache = dir_ + "/index.bin";
  StampedProject cold;
  MakeStamped(&cold, kStampedFiles, {});
  BuildAt(cold, cache, 10 * kSecond);
  std::map<std::string, std::string> edited = kStampedFiles;
  edited["tests/test_core.py"] = "import pkg.core\n";
  StampedProject warm;
  MakeStamped(&warm, edited,
              {{"tests/test_core.py",
                {edited["tests/test_core.py"].size(), 15 * kSecond, 104, 15 * kSecond}}});
  ProjectIndex second = BuildAt(warm, cache, 20 * kSecond);
  EXPECT_EQ(warm.tree->reads(), 1);
  EXPECT_EQ(second.stats().parsed, 1u);
  EXPECT_EQ(second.stats().stamp_hits, 3u);
  EXPECT_FALSE(second.stats().resolution_from_cache);
  EXPECT_EQ(Edges(second, "tests/test_core.py"), std::vector<std::string>{"1 -> src/pkg/core.py"});
}

}  // namespace
}  // namespace kensa::index
