#include "project/file_discovery.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "project/disk_tree.h"
#include "project/memory_tree.h"

namespace kensa::project {
namespace {

TEST(FileDiscoveryTest, FindsPythonFilesSortedAndSkipsNoise) {
  MemoryTree tree;
  tree.AddFile("src/pkg/__init__.py", "");
  tree.AddFile("src/pkg/b.py", "");
  tree.AddFile("src/pkg/a.py", "");
  tree.AddFile("src/pkg/__pycache__/a.cpython-311.py", "");
  tree.AddFile(".git/hooks/x.py", "");
  tree.AddFile("src/.hidden/x.py", "");
  tree.AddFile("src/pkg/.x.py", "");
  tree.AddFile("src/pkg/data.json", "");
  tree.AddFile("venv/pyvenv.cfg", "");
  tree.AddFile("venv/lib/site.py", "");
  tree.AddFile("pkg.egg-info/x.py", "");
  tree.AddFile("setup.py", "");
  DiscoveredFiles found = DiscoverFiles(tree);
  EXPECT_EQ(found.paths, (std::vector<std::string>{"setup.py", "src/pkg/__init__.py",
                                                   "src/pkg/a.py", "src/pkg/b.py"}));
  EXPECT_TRUE(found.diagnostics.empty());
}

TEST(FileDiscoveryTest, RootsRestrictTheWalk) {
  MemoryTree tree;
  tree.AddFile("a/x.py", "");
  tree.AddFile("b/y.py", "");
  DiscoveryOptions options;
  options.roots = {"b", "missing"};
  EXPECT_EQ(DiscoverFiles(tree, options).paths, std::vector<std::string>{"b/y.py"});
}

TEST(FileDiscoveryTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("caf\xc3\xa9.py"));
  EXPECT_FALSE(IsValidUtf8("caf\xe9.py"));
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong
  EXPECT_EQ(EscapeInvalidUtf8("caf\xe9.py"), "caf\\xe9.py");
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/kensa_discovery_XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }
  void Write(const std::string& rel, const std::string& text) {
    std::string full = path_ + "/" + rel;
    std::system(("mkdir -p \"$(dirname '" + full + "')\"").c_str());
    std::ofstream(full) << text;
  }

 private:
  std::string path_;
};

TEST(FileDiscoveryTest, DiskSymlinkLoopIsReportedAndTheWalkGoesOn) {
  TempDir dir;
  dir.Write("pkg/__init__.py", "");
  dir.Write("pkg/sub/mod.py", "");
  ASSERT_EQ(::symlink("..", (dir.path() + "/pkg/sub/up").c_str()), 0);
  ASSERT_EQ(::symlink("self", (dir.path() + "/pkg/self").c_str()), 0);  // ELOOP on stat
  ASSERT_EQ(::symlink("nowhere.py", (dir.path() + "/pkg/dangling.py").c_str()), 0);
  ASSERT_EQ(::symlink("sub", (dir.path() + "/pkg/alias").c_str()), 0);
  DiskTree tree(dir.path());
  DiscoveredFiles found = DiscoverFiles(tree);
  EXPECT_EQ(found.paths,
            (std::vector<std::string>{"pkg/__init__.py", "pkg/alias/mod.py", "pkg/sub/mod.py"}));
  std::vector<std::string> messages;
  for (const Diagnostic& d : found.diagnostics) messages.push_back(d.ToString());
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "pkg/alias/up: symbolic link loop (leads back to an enclosing directory); skipped",
                "pkg/dangling.py: dangling symbolic link; skipped",
                "pkg/self: symbolic link loop; skipped",
                "pkg/sub/up: symbolic link loop (leads back to an enclosing directory); skipped",
            }));
}

TEST(FileDiscoveryTest, DiskNonUtf8NameIsReported) {
  TempDir dir;
  dir.Write("good.py", "");
  dir.Write("bad\xe9.py", "");
  DiskTree tree(dir.path());
  DiscoveredFiles found = DiscoverFiles(tree);
  EXPECT_EQ(found.paths, std::vector<std::string>{"good.py"});
  ASSERT_EQ(found.diagnostics.size(), 1u);
  EXPECT_EQ(found.diagnostics[0].ToString(), "bad\\xe9.py: path is not valid UTF-8; skipped");
}

}  // namespace
}  // namespace kensa::project
