#include "project/layout.h"

#include <gtest/gtest.h>

#include "project/memory_tree.h"
#include "project/project_config.h"

namespace kensa::project {
namespace {

Layout Detect(const MemoryTree& tree, std::string preset = "",
              std::vector<Diagnostic>* diagnostics = nullptr) {
  Layout layout;
  std::vector<Diagnostic> local;
  std::string error;
  LayoutOptions options;
  options.preset = preset;
  EXPECT_TRUE(DetectLayout(tree, options, &layout, diagnostics ? diagnostics : &local, &error))
      << error;
  return layout;
}

TEST(LayoutTest, DiffusersLikeSetupPySrcLayout) {
  MemoryTree tree;
  tree.AddFile("setup.py",
               "setup(\n    name=\"diffusers\",\n    package_dir={\"\": \"src\"},\n"
               "    packages=find_packages(\"src\"),\n)\n");
  tree.AddFile("pyproject.toml", "[tool.ruff]\nline-length = 119\n");
  tree.AddFile("src/diffusers/__init__.py", "");
  tree.AddFile("tests/__init__.py", "");
  tree.AddFile("examples/x.py", "");
  tree.AddFile("utils/tests_fetcher.py", "");
  Layout layout = Detect(tree);
  EXPECT_EQ(layout.package, "diffusers");
  EXPECT_EQ(layout.package_dir, "src/diffusers");
  EXPECT_TRUE(layout.src_layout);
  EXPECT_EQ(layout.preset.name, "diffusers");
  EXPECT_EQ(layout.tests_dir, "tests");
  EXPECT_EQ(layout.examples_dir, "examples");
  EXPECT_EQ(layout.utils_dir, "utils");
  EXPECT_EQ(layout.docs_dir, "");
  EXPECT_EQ(layout.source_roots, (std::vector<std::string>{"src", ""}));
}

TEST(LayoutTest, PyprojectNameFlatLayoutGeneric) {
  MemoryTree tree;
  tree.AddFile("pyproject.toml", "[project]\nname = \"my-lib\"\n");
  tree.AddFile("my_lib/__init__.py", "");
  Layout layout = Detect(tree);
  EXPECT_EQ(layout.package, "my_lib");
  EXPECT_EQ(layout.package_dir, "my_lib");
  EXPECT_FALSE(layout.src_layout);
  EXPECT_EQ(layout.preset.name, "generic");
  EXPECT_EQ(layout.source_roots, std::vector<std::string>{""});
}

TEST(LayoutTest, TransformersPickedFromTheSinglePackageUnderSrc) {
  MemoryTree tree;
  tree.AddFile("src/transformers/__init__.py", "");
  Layout layout = Detect(tree);
  EXPECT_EQ(layout.package, "transformers");
  EXPECT_EQ(layout.preset.name, "transformers");
}

TEST(LayoutTest, ToolKensaOverridesDetectionAndOptionOverridesToolKensa) {
  MemoryTree tree;
  tree.AddFile("pyproject.toml",
               "[project]\nname = \"diffusers\"\n[tool.kensa]\npreset = \"generic\"\n"
               "tests = \"checks\"\n");
  tree.AddFile("src/diffusers/__init__.py", "");
  Layout layout = Detect(tree);
  EXPECT_EQ(layout.package, "diffusers");
  EXPECT_EQ(layout.preset.name, "generic");
  EXPECT_EQ(layout.tests_dir, "checks");
  EXPECT_EQ(Detect(tree, "transformers").preset.name, "transformers");
}

TEST(LayoutTest, UnknownPresetIsAnError) {
  MemoryTree tree;
  Layout layout;
  std::vector<Diagnostic> diagnostics;
  std::string error;
  LayoutOptions options;
  options.preset = "torch";
  EXPECT_FALSE(DetectLayout(tree, options, &layout, &diagnostics, &error));
  EXPECT_EQ(error, "unknown preset 'torch' (known: transformers, diffusers, generic)");
}

TEST(LayoutTest, BrokenTomlAndUnknownKeysAreDiagnostics) {
  MemoryTree tree;
  tree.AddFile("pyproject.toml", "[project\nname = 1\n");
  std::vector<Diagnostic> diagnostics;
  Detect(tree, "", &diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].path, "pyproject.toml");
  EXPECT_EQ(diagnostics[0].line, 1u);
  EXPECT_NE(diagnostics[0].message.find("cannot parse TOML"), std::string::npos);

  ProjectConfig config;
  std::vector<Diagnostic> more;
  ParsePyprojectToml("[tool.kensa]\npresett = \"x\"\npackage = 3\n", "pyproject.toml", &config,
                     &more);
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].ToString(),
            "pyproject.toml:2:11: unknown key 'presett' in [tool.kensa]; ignored");
  EXPECT_EQ(more[1].ToString(),
            "pyproject.toml:3:11: [tool.kensa] package must be a string; ignored");
}

TEST(LayoutTest, SetupPyParsing) {
  ProjectConfig config;
  ParseSetupPy("setup(name='accelerate', packages=find_packages('src'))", &config);
  EXPECT_EQ(config.setup_name, "accelerate");
  EXPECT_TRUE(config.setup_src_layout);
  ProjectConfig flat;
  ParseSetupPy("setup(\n  name = \"x-y\",\n  packages=find_packages(),\n)", &flat);
  EXPECT_EQ(flat.setup_name, "x-y");
  EXPECT_FALSE(flat.setup_src_layout);
}

}  // namespace
}  // namespace kensa::project

namespace kensa::project {
namespace {

TEST(SetupPyTest, KeywordSpellings) {
  ProjectConfig a;
  ParseSetupPy("setup(\n    name = 'x_y',\n    package_dir = { '' : 'src' },\n)", &a);
  EXPECT_EQ(a.setup_name, "x_y");
  EXPECT_TRUE(a.setup_src_layout);
  ProjectConfig b;
  ParseSetupPy("fullname='no'\nsetup(name=\"pkg\", packages=find_packages(where='src'))", &b);
  EXPECT_EQ(b.setup_name, "pkg");
  EXPECT_TRUE(b.setup_src_layout);
  ProjectConfig c;
  ParseSetupPy("if name == 'x': pass\nsetup(packages=find_packages('lib'))", &c);
  EXPECT_EQ(c.setup_name, "");
  EXPECT_FALSE(c.setup_src_layout);
}

}  // namespace
}  // namespace kensa::project
