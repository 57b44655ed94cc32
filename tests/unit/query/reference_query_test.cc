#include "query/reference_query.h"

#include <gtest/gtest.h>

#include "project/memory_tree.h"

namespace kensa::query {
namespace {

std::unique_ptr<project::MemoryTree> Tree() {
  auto tree = std::make_unique<project::MemoryTree>();
  tree->AddFile("setup.py", "setup(name='pkg', packages=find_packages('src'))\n");
  tree->AddFile("src/pkg/__init__.py", "from .core import helper, Base\n");
  tree->AddFile("src/pkg/core.py",
                "def helper():\n"
                "    pass\n"
                "class Base:\n"
                "    def run(self):\n"
                "        return self.run\n"
                "x = helper()\n");
  tree->AddFile("src/pkg/user.py",
                "import pkg\n"
                "from pkg.core import helper as h, Base\n"
                "@h\n"
                "def f(helper):\n"
                "    return helper(), h(), pkg.helper\n"
                "def g():\n"
                "    from .core import helper\n"
                "    helper()\n"
                "class Child(Base):\n"
                "    def run(self):\n"
                "        super().run()\n"
                "        self.run()\n"
                "        other.run()\n");
  return tree;
}

class ReferenceQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(project::LoadProject(Tree(), {}, &files_, &error)) << error;
    index_ = std::make_unique<index::ProjectIndex>(index::ProjectIndex::Build(files_, {}));
  }

  // "path:line:col kind how in function" (1-based column).
  std::vector<std::string> Refs(const std::string& name) {
    LookupResult lookup = LookupName(*index_, name);
    EXPECT_EQ(lookup.matches.size(), 1u) << name;
    if (lookup.matches.empty()) return {};
    std::vector<std::string> out;
    for (const Reference& r : FindReferences(*index_, lookup.matches[0].symbol, {}).refs) {
      std::string s = index_->file(r.file).path;
      s.append(":").append(std::to_string(r.line)).append(":").append(std::to_string(r.column + 1));
      s.append(" ").append(ReferenceKindName(r.kind)).append(" ").append(r.how);
      s.append(" in ").append(r.function);
      out.push_back(s);
    }
    return out;
  }

  project::ProjectFiles files_;
  std::unique_ptr<index::ProjectIndex> index_;
};

TEST_F(ReferenceQueryTest, ImportsAliasesDecoratorsAndLocalImportsButNotShadowingNames) {
  EXPECT_EQ(Refs("pkg.core.helper"),
            (std::vector<std::string>{
                "src/pkg/__init__.py:1:19 import import in pkg",
                "src/pkg/core.py:6:5 call name in pkg.core",
                "src/pkg/user.py:2:22 import import in pkg.user",
                "src/pkg/user.py:3:2 call name in pkg.user",          // @h
                "src/pkg/user.py:5:22 call name in pkg.user.f",       // h(), not helper()
                "src/pkg/user.py:5:31 read attribute in pkg.user.f",  // pkg.helper
                "src/pkg/user.py:7:23 import import in pkg.user.g",
                "src/pkg/user.py:8:5 call name in pkg.user.g",
            }));
}

TEST_F(ReferenceQueryTest, MethodsThroughSelfAndSuperOnly) {
  EXPECT_EQ(Refs("pkg.core.Base.run"), (std::vector<std::string>{
                                           "src/pkg/core.py:5:21 read self in pkg.core.Base.run",
                                           "src/pkg/user.py:11:17 call super in pkg.user.Child.run",
                                       }));
  // Child.run overrides it: self.run() in Child is Child.run; other.run() is unknown.
  EXPECT_EQ(Refs("pkg.user.Child.run"),
            (std::vector<std::string>{"src/pkg/user.py:12:14 call self in pkg.user.Child.run"}));
}

}  // namespace
}  // namespace kensa::query
