#include "project/project_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>

#include "project/memory_tree.h"

namespace kensa::project {
namespace {

class GitRepo {
 public:
  GitRepo() {
    char tmpl[] = "/tmp/kensa_project_XXXXXX";
    path_ = ::mkdtemp(tmpl);
    Run("git init -q -b main . && git config user.email t@t && git config user.name t");
  }
  ~GitRepo() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }
  void Write(const std::string& rel, const std::string& text) {
    Run("mkdir -p \"$(dirname '" + rel + "')\"");
    std::ofstream(path_ + "/" + rel) << text;
  }
  void Run(const std::string& cmd) {
    ASSERT_EQ(std::system(("cd '" + path_ + "' && " + cmd + " >/dev/null").c_str()), 0) << cmd;
  }

 private:
  std::string path_;
};

TEST(ProjectFilesTest, WorkTreeAndRevisionSeeTheirOwnFiles) {
  GitRepo repo;
  repo.Write("setup.py", "setup(name='pkg', packages=find_packages('src'))\n");
  repo.Write("src/pkg/__init__.py", "from .a import A\n");
  repo.Write("src/pkg/a.py", "class A: pass\n");
  repo.Write("tests/test_a.py", "from pkg import A\n");
  repo.Run("git add -A && git commit -q -m one");
  repo.Write("src/pkg/b.py", "B = 1\n");
  repo.Write("src/pkg/a.py", "class A: changed\n");

  ProjectFiles work;
  std::string error;
  OpenOptions options;
  options.start_dir = repo.path() + "/src/pkg";
  ASSERT_TRUE(OpenProject(options, &work, &error)) << error;
  EXPECT_EQ(work.root.root, repo.path());
  EXPECT_EQ(work.layout.package, "pkg");
  std::vector<std::string> modules;
  for (const SourceFile& f : work.files) modules.push_back(f.module + "=" + f.path);
  EXPECT_EQ(modules, (std::vector<std::string>{"setup=setup.py", "pkg=src/pkg/__init__.py",
                                               "pkg.a=src/pkg/a.py", "pkg.b=src/pkg/b.py",
                                               "tests.test_a=tests/test_a.py"}));
  EXPECT_TRUE(work.files[1].is_package);
  EXPECT_EQ(work.FindPath("src/pkg/b.py"), 3);
  EXPECT_EQ(work.FindPath("src/pkg/c.py"), -1);

  ProjectFiles head;
  options.revision = "HEAD";
  ASSERT_TRUE(OpenProject(options, &head, &error)) << error;
  EXPECT_EQ(head.files.size(), 4u);
  EXPECT_EQ(head.FindPath("src/pkg/b.py"), -1);
  std::string text;
  ASSERT_TRUE(head.tree->ReadFile("src/pkg/a.py", &text, &error)) << error;
  EXPECT_EQ(text, "class A: pass\n");
  EXPECT_TRUE(head.tree->IsDirectory("src/pkg"));
  EXPECT_FALSE(head.tree->IsFile("src/pkg/b.py"));
  EXPECT_FALSE(head.tree->ReadFile("src/pkg/b.py", &text, &error));

  options.revision = "no-such-branch";
  ProjectFiles bad;
  EXPECT_FALSE(OpenProject(options, &bad, &error));
  EXPECT_NE(error.find("unknown revision 'no-such-branch'"), std::string::npos) << error;
}

TEST(ProjectFilesTest, RevisionOutsideGitIsAnError) {
  char tmpl[] = "/tmp/kensa_nogit_XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  ProjectFiles project;
  std::string error;
  OpenOptions options;
  options.start_dir = dir;
  ASSERT_TRUE(OpenProject(options, &project, &error));
  ASSERT_EQ(project.diagnostics.size(), 1u);
  EXPECT_NE(project.diagnostics[0].message.find("not a git repository"), std::string::npos);
  options.revision = "HEAD";
  EXPECT_FALSE(OpenProject(options, &project, &error));
  EXPECT_EQ(error, dir + ": not a git repository; --rev needs one");
  std::system(("rm -rf " + dir).c_str());
}

TEST(ProjectFilesTest, LoadFromMemory) {
  auto tree = std::make_unique<MemoryTree>();
  tree->AddFile("lib/__init__.py", "");
  tree->AddFile("lib/x.py", "");
  ProjectFiles project;
  std::string error;
  ASSERT_TRUE(LoadProject(std::move(tree), {}, &project, &error));
  ASSERT_EQ(project.files.size(), 2u);
  EXPECT_EQ(project.files[0].module, "lib");
  EXPECT_EQ(project.files[1].module, "lib.x");
}

}  // namespace
}  // namespace kensa::project
