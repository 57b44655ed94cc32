// SortInitText on small inits, against what utils/custom_init_isort.py does with them.
#include "checks/init_isort.h"

#include <gtest/gtest.h>

#include <string>

#include "project/memory_tree.h"

namespace kensa::checks {
namespace {

std::string Sorted(const std::string& code) {
  std::string type, error;
  std::optional<std::string> out = SortInitText(code, &type, &error);
  EXPECT_TRUE(out.has_value()) << type << ": " << error;
  return out.value_or("");
}

TEST(InitIsortTest, SortsKeysAndNamesAsIsortDoes) {
  std::string code =
      "import os\n"
      "_import_structure = {\n"
      "    \"schedulers\": [\"b_func\", \"Zeta\", \"ALPHA\", \"Alpha\"],\n"
      "    \"models\": [],\n"
      "}\n"
      "\n"
      "if TYPE_CHECKING:\n"
      "    pass\n";
  EXPECT_EQ(Sorted(code),
            "import os\n"
            "_import_structure = {\n"
            "    \"models\": [],\n"
            "    \"schedulers\": [\"ALPHA\", \"Alpha\", \"Zeta\", \"b_func\"],\n"
            "}\n"
            "\n"
            "if TYPE_CHECKING:\n"
            "    pass\n");
}

TEST(InitIsortTest, AnInitOpeningWithTheDictionaryGainsALeadingNewlineAsInTheScript) {
  // The text before `_import_structure = {` is a block of its own, "" here, joined with "\n".
  std::string code = "_import_structure = {\n    \"a\": [],\n}\nif TYPE_CHECKING:\n    pass\n";
  EXPECT_EQ(Sorted(code), "\n" + code);
}

TEST(InitIsortTest, AnUnderscoredConstantIsListedTwiceAsTheScriptDoes) {
  // "_X".isupper() and not "_"[0].isupper(): a constant and a function at once.
  std::string code =
      "_import_structure = {\n"
      "    \"a\": [\"_X\", \"y\"],\n"
      "}\n"
      "if TYPE_CHECKING:\n"
      "    pass\n";
  EXPECT_NE(Sorted(code).find("[\"_X\", \"_X\", \"y\"]"), std::string::npos) << Sorted(code);
}

TEST(InitIsortTest, OddInitsFailAsTheScriptDoes) {
  std::string type, error;
  EXPECT_FALSE(SortInitText("_import_structure: dict = {}\n", &type, &error));
  EXPECT_EQ(type, "IndexError");
  EXPECT_EQ(Sorted("import os\n"), "import os\n");  // no _import_structure: untouched
}

// transformers' script skips the inits that build their structure with define_import_structure;
// diffusers' sorts them like any other.
TEST(InitIsortTest, TransformersSkipsDefineImportStructure) {
  std::string code =
      "from ..utils import define_import_structure\n"
      "_import_structure = {\n    \"b\": [],\n    \"a\": [],\n}\nif TYPE_CHECKING:\n    pass\n";
  std::string type, error;
  EXPECT_EQ(SortInitText(code, &type, &error, InitIsortFlavour::kTransformers), code);
  EXPECT_NE(Sorted(code), code);
}

TEST(InitIsortTest, TheScriptCountsOneFileUnlessStrict) {
  project::MemoryTree tree;
  std::string unsorted =
      "_import_structure = {\n    \"b\": [],\n    \"a\": [],\n}\nif TYPE_CHECKING:\n    pass\n";
  tree.AddFile("src/diffusers/__init__.py", unsorted);
  tree.AddFile("src/diffusers/models/__init__.py", unsorted);
  InitIsortOptions options;
  EXPECT_EQ(CheckInitIsort(tree, options).exception, "Would overwrite 1 files, run `make style`.");
  options.strict = true;
  InitIsortReport strict = CheckInitIsort(tree, options);
  EXPECT_EQ(strict.exception, "Would overwrite 2 files, run `make style`.");
  EXPECT_EQ(strict.unsorted.size(), 2u);
  options.fix = true;
  InitIsortReport fix = CheckInitIsort(tree, options);
  EXPECT_TRUE(fix.exception.empty());
  ASSERT_EQ(fix.edits.size(), 2u);
  EXPECT_EQ(fix.printed[0], "Overwriting src/diffusers/__init__.py.");
}

}  // namespace
}  // namespace kensa::checks
