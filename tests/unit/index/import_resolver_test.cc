#include "index/import_resolver.h"

#include <gtest/gtest.h>

#include <map>

#include "project/memory_tree.h"

namespace kensa::index {
namespace {

Import From(std::string module, std::vector<std::string> names, uint32_t line, int level = 0,
            uint16_t flags = 0) {
  Import imp;
  imp.module = std::move(module);
  imp.level = static_cast<uint8_t>(level);
  imp.line = line;
  imp.flags = static_cast<uint16_t>(flags | kImportFrom);
  for (std::string& n : names) {
    if (n == "*") imp.flags |= kImportStar;
    size_t as = n.find(" as ");
    if (as == std::string::npos) {
      imp.names.push_back({n, ""});
    } else {
      imp.names.push_back({n.substr(0, as), n.substr(as + 4)});
    }
  }
  return imp;
}

Import Plain(std::string module, uint32_t line, std::string asname = "", uint16_t flags = 0) {
  Import imp;
  imp.module = std::move(module);
  imp.asname = std::move(asname);
  imp.line = line;
  imp.flags = flags;
  return imp;
}

Definition Def(std::string name, uint32_t line, Definition::Kind kind = Definition::Kind::kClass) {
  return {std::move(name), line, kind, false};
}

// A miniature diffusers: a lazy top-level init, a lazy sub-package, dummies, tests.
class ResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tree = std::make_unique<project::MemoryTree>();
    std::map<std::string, ModuleSummary> by_path;
    auto add = [&](const std::string& path, ModuleSummary s) {
      tree->AddFile(path, "");
      by_path[path] = std::move(s);
    };
    tree->AddFile("setup.py", "setup(name='pkg', packages=find_packages('src'))");
    {
      ModuleSummary s;
      s.has_lazy_structure = true;
      s.lazy_exports = {{"models", "UNet", 3}, {"utils", "helper", 4}, {"schedulers", "", 5}};
      s.imports = {From("utils", {"is_torch_available"}, 1, 1),
                   From("models", {"UNet"}, 10, 1, kTypeChecking),
                   From("utils.dummy_pt_objects", {"*"}, 12, 1, kTypeChecking | kImportGuarded),
                   Plain("sys", 20, "", kConditional)};
      s.definitions = {Def("_import_structure", 3, Definition::Kind::kVariable)};
      add("src/pkg/__init__.py", s);
    }
    {
      ModuleSummary s;
      s.has_lazy_structure = true;
      s.lazy_exports = {{"unet", "UNet", 2}};
      add("src/pkg/models/__init__.py", s);
    }
    {
      ModuleSummary s;
      s.imports = {Plain("os", 1), Plain("torch.nn", 2, "nn"),
                   From("utils", {"helper", "missing_name"}, 3, 2),
                   From("...outside", {"x"}, 4, 4)};
      s.definitions = {Def("UNet", 10)};
      add("src/pkg/models/unet.py", s);
    }
    {
      ModuleSummary s;
      s.imports = {From("helpers", {"helper", "is_torch_available"}, 1, 1)};
      add("src/pkg/utils/__init__.py", s);
    }
    {
      ModuleSummary s;
      s.definitions = {Def("helper", 1, Definition::Kind::kFunction),
                       Def("is_torch_available", 5, Definition::Kind::kFunction)};
      add("src/pkg/utils/helpers.py", s);
    }
    {
      ModuleSummary s;
      s.definitions = {Def("UNet", 4)};
      s.dummies = {{"UNet", {"torch"}, 4, true}};
      add("src/pkg/utils/dummy_pt_objects.py", s);
    }
    add("src/pkg/schedulers/__init__.py", {});
    {
      ModuleSummary s;
      s.imports = {From("pkg", {"UNet", "schedulers", "NotThere"}, 1),
                   From("pkg.models.unet", {"UNet as U2"}, 2),
                   Plain("pkg.models.unet", 3),
                   From("common", {"helper_t"}, 4, 1),
                   Plain("pkg.nonexistent", 5),
                   Plain("numpy", 6, "np"),
                   From("pkg", {"*"}, 7)};
      add("tests/models/test_unet.py", s);
    }
    {
      ModuleSummary s;
      s.definitions = {Def("helper_t", 1, Definition::Kind::kFunction)};
      add("tests/models/common.py", s);
    }
    {
      ModuleSummary s;
      s.imports = {Plain("train_utils", 1)};
      add("examples/train/train.py", s);
    }
    add("examples/train/train_utils.py", {});
    {
      ModuleSummary s;
      s.imports = {From("b", {"B"}, 1, 1)};
      s.definitions = {Def("A", 2)};
      add("src/pkg/a.py", s);
    }
    {
      ModuleSummary s;
      s.imports = {From("a", {"A"}, 1, 1, kInFunction)};
      s.definitions = {Def("B", 2)};
      add("src/pkg/b.py", s);
    }
    std::string error;
    ASSERT_TRUE(project::LoadProject(std::move(tree), {}, &files_, &error)) << error;
    for (const project::SourceFile& f : files_.files) summaries_.push_back(by_path[f.path]);
    modules_ = ModuleTable(files_);
    resolved_ = ResolveImports(files_, modules_, summaries_);
  }

  FileId Id(const std::string& path) { return static_cast<FileId>(files_.FindPath(path)); }

  // "line -> path [via a, b]" for the edges leaving `path`.
  std::vector<std::string> EdgesFrom(const std::string& path) {
    std::vector<std::string> out;
    for (const ImportEdge& e : resolved_.edges) {
      if (e.from != Id(path)) continue;
      std::string s = std::to_string(e.line) + " -> " + files_.files[e.to].path;
      if (e.to_dummy) s += " (dummy)";
      if (e.how == ImportEdge::How::kNameNotFound) s += " (name not found)";
      if (e.how == ImportEdge::How::kScriptLocal) s += " (script-local)";
      for (uint32_t i = 0; i < e.via_count; ++i) {
        s += (i == 0 ? " via " : ", ") + files_.files[resolved_.via[e.via_begin + i]].path;
      }
      out.push_back(s);
    }
    return out;
  }

  project::ProjectFiles files_;
  std::vector<ModuleSummary> summaries_;
  ModuleTable modules_;
  ResolvedImports resolved_;
};

TEST_F(ResolverTest, ModuleTable) {
  EXPECT_EQ(modules_.Find("pkg"), Id("src/pkg/__init__.py"));
  EXPECT_EQ(modules_.Find("pkg.models.unet"), Id("src/pkg/models/unet.py"));
  EXPECT_EQ(modules_.Find("tests.models.test_unet"), Id("tests/models/test_unet.py"));
  EXPECT_TRUE(modules_.IsNamespacePackage("tests"));
  EXPECT_TRUE(modules_.IsNamespacePackage("tests.models"));
  EXPECT_FALSE(modules_.IsNamespacePackage("pkg"));
  EXPECT_TRUE(modules_.IsTopLevel("pkg"));
  EXPECT_FALSE(modules_.IsTopLevel("torch"));
}

TEST_F(ResolverTest, FromPackageFollowsReExportsToTheDefiningModule) {
  EXPECT_EQ(EdgesFrom("tests/models/test_unet.py"),
            (std::vector<std::string>{
                "1 -> src/pkg/models/unet.py via src/pkg/__init__.py, src/pkg/models/__init__.py",
                "1 -> src/pkg/schedulers/__init__.py",
                "1 -> src/pkg/__init__.py (name not found)",
                "2 -> src/pkg/models/unet.py",
                "3 -> src/pkg/models/unet.py",
                "4 -> tests/models/common.py",
                "7 -> src/pkg/__init__.py",
            }));
}

TEST_F(ResolverTest, RelativeImportsAndExternals) {
  EXPECT_EQ(EdgesFrom("src/pkg/models/unet.py"),
            (std::vector<std::string>{
                "3 -> src/pkg/utils/helpers.py via src/pkg/utils/__init__.py",
                "3 -> src/pkg/utils/__init__.py (name not found)",
            }));
  std::vector<std::string> externals;
  for (const ExternalImport& e : resolved_.externals) {
    externals.push_back(files_.files[e.from].path + ":" + std::to_string(e.line) + " " + e.module +
                        (e.stdlib ? " stdlib" : " third-party"));
  }
  EXPECT_EQ(externals, (std::vector<std::string>{
                           "src/pkg/__init__.py:20 sys stdlib",
                           "src/pkg/models/unet.py:1 os stdlib",
                           "src/pkg/models/unet.py:2 torch.nn third-party",
                           "tests/models/test_unet.py:6 numpy third-party",
                       }));
}

TEST_F(ResolverTest, UnresolvedImportsAreReported) {
  std::vector<std::string> unresolved;
  for (const UnresolvedImport& u : resolved_.unresolved) {
    unresolved.push_back(files_.files[u.from].path + ":" + std::to_string(u.line) + " " + u.reason);
  }
  EXPECT_EQ(unresolved,
            (std::vector<std::string>{
                "src/pkg/models/unet.py:3 cannot find 'missing_name' in 'pkg.utils' "
                "(src/pkg/utils/__init__.py)",
                "src/pkg/models/unet.py:4 attempted relative import beyond top-level package",
                "tests/models/test_unet.py:1 cannot find 'NotThere' in 'pkg' (src/pkg/__init__.py)",
                "tests/models/test_unet.py:5 no module named 'pkg.nonexistent'",
            }));
}

TEST_F(ResolverTest, LazyInitEdgesAndDummiesLoseToRealDefinitions) {
  // The init's TYPE_CHECKING import resolves through the lazy sub-package; the dummy star
  // import is an edge of its own.
  EXPECT_EQ(EdgesFrom("src/pkg/__init__.py"),
            (std::vector<std::string>{
                "1 -> src/pkg/utils/helpers.py via src/pkg/utils/__init__.py",
                "10 -> src/pkg/models/unet.py via src/pkg/models/__init__.py",
                "12 -> src/pkg/utils/dummy_pt_objects.py",
            }));
}

TEST_F(ResolverTest, ScriptsImportTheirSiblings) {
  EXPECT_EQ(EdgesFrom("examples/train/train.py"),
            (std::vector<std::string>{"1 -> examples/train/train_utils.py (script-local)"}));
}

}  // namespace
}  // namespace kensa::index
