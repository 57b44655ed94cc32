#include "query/name_lookup.h"

#include <gtest/gtest.h>

#include "project/memory_tree.h"

namespace kensa::query {
namespace {

// A src-layout package with the ways a name reaches its definition.
std::unique_ptr<project::MemoryTree> Tree() {
  auto tree = std::make_unique<project::MemoryTree>();
  tree->AddFile("setup.py", "setup(name='pkg', packages=find_packages('src'))\n");
  tree->AddFile("src/pkg/__init__.py",
                "from typing import TYPE_CHECKING\n"
                "_import_structure = {'models': ['Model'], 'lazy': ['Lazy']}\n"
                "from .utils import helper as public_helper\n"
                "if TYPE_CHECKING:\n"
                "    from .models import Model\n");
  tree->AddFile("src/pkg/lazy.py", "class Lazy:\n    def run(self):\n        pass\n");
  tree->AddFile("src/pkg/models.py",
                "from .base import Base\n"
                "class Model(Base):\n"
                "    @classmethod\n"
                "    @other\n"
                "    def from_pretrained(cls):\n"
                "        def inner():\n"
                "            pass\n"
                "    __call__ = from_pretrained\n");
  tree->AddFile("src/pkg/base.py", "class Base:\n    def save(self):\n        pass\n");
  tree->AddFile("src/pkg/utils.py",
                "import posixpath as path\n"
                "def helper():\n    pass\n"
                "alias = helper\n"
                "from .star_source import *\n");
  tree->AddFile("src/pkg/star_source.py",
                "__all__ = ['starred']\ndef starred(): pass\n"
                "def hidden(): pass\n");
  tree->AddFile("src/posixpath.py", "def join(a, *p):\n    pass\n");
  tree->AddFile("tests/test_models.py", "def from_pretrained():\n    pass\n");
  return tree;
}

class NameLookupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(project::LoadProject(Tree(), {}, &files_, &error)) << error;
    index_ = std::make_unique<index::ProjectIndex>(index::ProjectIndex::Build(files_, {}));
  }

  // "path:line kind name" of each match, and its hops as "how@path:line".
  std::vector<std::string> Lookup(const std::string& query) {
    std::vector<std::string> out;
    for (const NameMatch& m : LookupName(*index_, query).matches) {
      std::string s = index_->file(m.symbol.file).path;
      s.append(":").append(std::to_string(m.symbol.line)).append(" ");
      s.append(SymbolKindName(m.symbol.kind)).append(" ").append(m.name);
      for (const LookupHop& h : m.via) {
        s.append(" ").append(HopHowName(h.how)).append("@").append(index_->file(h.file).path);
        s.append(":").append(std::to_string(h.line));
      }
      out.push_back(s);
    }
    return out;
  }

  project::ProjectFiles files_;
  std::unique_ptr<index::ProjectIndex> index_;
};

TEST_F(NameLookupTest, FullNamesAreDefinitionsInTheirModule) {
  EXPECT_EQ(
      Lookup("pkg.models.Model.from_pretrained"),
      std::vector<std::string>{"src/pkg/models.py:5 function pkg.models.Model.from_pretrained"});
  EXPECT_EQ(Lookup("pkg.models.Model.from_pretrained.inner"),
            std::vector<std::string>{
                "src/pkg/models.py:6 function pkg.models.Model.from_pretrained.inner"});
  EXPECT_EQ(Lookup("pkg.models"),
            std::vector<std::string>{"src/pkg/models.py:1 module pkg.models"});
}

TEST_F(NameLookupTest, ReExportsLazyExportsAliasesAndBasesAreFollowed) {
  // A statement binding the name (the TYPE_CHECKING import) wins over the lazy export, which
  // is only looked at when none does.
  EXPECT_EQ(Lookup("pkg.Model"),
            std::vector<std::string>{"src/pkg/models.py:2 class pkg.models.Model "
                                     "import@src/pkg/__init__.py:5"});
  EXPECT_EQ(Lookup("pkg.Lazy.run"),
            std::vector<std::string>{"src/pkg/lazy.py:2 function pkg.lazy.Lazy.run "
                                     "lazy-export@src/pkg/__init__.py:2"});
  EXPECT_EQ(Lookup("pkg.public_helper"),
            std::vector<std::string>{
                "src/pkg/utils.py:2 function pkg.utils.helper import@src/pkg/__init__.py:3"});
  EXPECT_EQ(Lookup("pkg.utils.alias"),
            std::vector<std::string>{
                "src/pkg/utils.py:2 function pkg.utils.helper binding@src/pkg/utils.py:4"});
  EXPECT_EQ(Lookup("pkg.utils.path.join"),
            std::vector<std::string>{
                "src/posixpath.py:1 function posixpath.join import@src/pkg/utils.py:1"});
  EXPECT_EQ(
      Lookup("pkg.models.Model.__call__"),
      std::vector<std::string>{"src/pkg/models.py:5 function pkg.models.Model.from_pretrained "
                               "binding@src/pkg/models.py:8"});
  EXPECT_EQ(Lookup("pkg.models.Model.save"),
            std::vector<std::string>{
                "src/pkg/base.py:2 function pkg.base.Base.save inherited@src/pkg/models.py:2"});
  EXPECT_EQ(Lookup("pkg.utils.starred"),
            std::vector<std::string>{"src/pkg/star_source.py:2 function pkg.star_source.starred "
                                     "star-import@src/pkg/utils.py:5"});
  // __all__ keeps `hidden` out of the star import.
  EXPECT_TRUE(LookupName(*index_, "pkg.utils.hidden").matches.empty());
}

TEST_F(NameLookupTest, PartialNamesListEveryMatchLibraryFirst) {
  EXPECT_EQ(Lookup("from_pretrained"),
            (std::vector<std::string>{
                "src/pkg/models.py:5 function pkg.models.Model.from_pretrained",
                "tests/test_models.py:1 function tests.test_models.from_pretrained"}));
  EXPECT_EQ(Lookup("Model.save"),
            std::vector<std::string>{
                "src/pkg/base.py:2 function pkg.base.Base.save inherited@src/pkg/models.py:2"});
  EXPECT_TRUE(LookupName(*index_, "nothing_like_it").matches.empty());
}

TEST_F(NameLookupTest, FileAndLineNameTheInnermostScope) {
  EXPECT_EQ(Lookup("src/pkg/models.py:7"),
            std::vector<std::string>{
                "src/pkg/models.py:6 function pkg.models.Model.from_pretrained.inner"});
  // A decorator line belongs to the function it decorates.
  EXPECT_EQ(
      Lookup("src/pkg/models.py:3"),
      std::vector<std::string>{"src/pkg/models.py:5 function pkg.models.Model.from_pretrained"});
  EXPECT_EQ(Lookup("src/pkg/models.py:1"),
            std::vector<std::string>{"src/pkg/models.py:1 module pkg.models"});
  EXPECT_FALSE(LookupName(*index_, "src/nope.py:3").error.empty());
  EXPECT_FALSE(LookupName(*index_, "not a name").error.empty());
}

}  // namespace
}  // namespace kensa::query
