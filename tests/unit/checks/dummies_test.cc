// CheckDummies on small inits, against what diffusers' utils/check_dummies.py does with them
// (read line by line: guards, `else:`, one-line and multi-line imports, the generated text).
#include "checks/dummies.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "project/memory_tree.h"

namespace kensa::checks {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kInit[] =
    "from .utils import is_torch_available, is_scipy_available\n"
    "\n"
    "if TYPE_CHECKING or DIFFUSERS_SLOW_IMPORT:\n"
    "    try:\n"
    "        if not is_torch_available():\n"
    "            raise OptionalDependencyNotAvailable()\n"
    "    except OptionalDependencyNotAvailable:\n"
    "        from .utils.dummy_pt_objects import *  # noqa F403\n"
    "    else:\n"
    "        from .models import (\n"
    "            AutoencoderKL,\n"
    "            UNet2DModel,\n"
    "        )\n"
    "        from .utils import DEFAULT_SCALE, get_scheduler\n"
    "\n"
    "    try:\n"
    "        if not (is_torch_available() and is_scipy_available()):\n"
    "            raise OptionalDependencyNotAvailable()\n"
    "    except OptionalDependencyNotAvailable:\n"
    "        pass\n"
    "    else:\n"
    "        from .schedulers import LMSDiscreteScheduler\n"
    "\n"
    "else:\n"
    "    import sys\n";

project::MemoryTree TreeWith(const std::string& init) {
  project::MemoryTree tree;
  tree.AddFile("src/diffusers/__init__.py", init);
  return tree;
}

DummiesReport Check(const project::MemoryTree& tree, bool fix = false, bool strict = false) {
  DummiesOptions options;
  options.fix = fix;
  options.strict = strict;
  return CheckDummies(tree, options);
}

TEST(DummiesTest, GeneratesClassesFunctionsAndConstantsPerBackend) {
  std::string pt = DummyFileText("torch", {"AutoencoderKL", "get_scheduler", "DEFAULT_SCALE"});
  EXPECT_THAT(pt, HasSubstr("from ..utils import DummyObject, requires_backends\n\n\n"
                            "class AutoencoderKL(metaclass=DummyObject):\n"
                            "    _backends = [\"torch\"]\n"));
  EXPECT_THAT(pt, HasSubstr("\n\ndef get_scheduler(*args, **kwargs):\n"
                            "    requires_backends(get_scheduler, [\"torch\"])\n"));
  EXPECT_THAT(pt, HasSubstr("\n\nDEFAULT_SCALE = None\n"));
  EXPECT_THAT(DummyFileText("torch_and_scipy", {"LMSDiscreteScheduler"}),
              HasSubstr("_backends = [\"torch\", \"scipy\"]\n"));
}

TEST(DummiesTest, MissingFilesAreStaleAndTheFixCreatesThem) {
  project::MemoryTree tree = TreeWith(kInit);
  DummiesReport check = Check(tree);
  EXPECT_EQ(check.exception_type, "ValueError");
  EXPECT_EQ(check.exception,
            "The main __init__ has objects that are not present in "
            "diffusers.utils.dummy_pt_objects.py. Run `make fix-copies` to fix this.");

  DummiesReport fix = Check(tree, true);
  EXPECT_TRUE(fix.exception.empty());
  EXPECT_THAT(fix.printed,
              ElementsAre("Updating diffusers.utils.dummy_pt_objects.py as the main __init__ "
                          "has new objects.",
                          "Updating diffusers.utils.dummy_torch_and_scipy_objects.py as the "
                          "main __init__ has new objects."));
  EXPECT_THAT(fix.created, ElementsAre("src/diffusers/utils/dummy_pt_objects.py",
                                       "src/diffusers/utils/dummy_torch_and_scipy_objects.py"));
  ASSERT_EQ(fix.edits.size(), 2u);
  EXPECT_TRUE(fix.edits[0].create);
  // The multi-line list, then the one-line import split on ", ", in the init's order.
  EXPECT_EQ(fix.edits[0].replacement, DummyFileText("torch", {"AutoencoderKL", "UNet2DModel",
                                                              "DEFAULT_SCALE", "get_scheduler"}));
}

TEST(DummiesTest, UpToDateFilesPass) {
  project::MemoryTree tree = TreeWith(kInit);
  tree.AddFile(
      "src/diffusers/utils/dummy_pt_objects.py",
      DummyFileText("torch", {"AutoencoderKL", "UNet2DModel", "DEFAULT_SCALE", "get_scheduler"}));
  tree.AddFile("src/diffusers/utils/dummy_torch_and_scipy_objects.py",
               DummyFileText("torch_and_scipy", {"LMSDiscreteScheduler"}));
  DummiesReport r = Check(tree);
  EXPECT_TRUE(r.exception.empty()) << r.exception;
  EXPECT_TRUE(r.findings.empty());
  EXPECT_TRUE(Check(tree, true).edits.empty());  // a fix that finds nothing writes nothing
}

TEST(DummiesTest, AStaleFileNamesItsFirstDifferentLine) {
  project::MemoryTree tree = TreeWith(kInit);
  std::string pt =
      DummyFileText("torch", {"AutoencoderKL", "UNet2DModel", "DEFAULT_SCALE", "get_scheduler"});
  pt.replace(pt.find("UNet2DModel"), 4, "Unet");
  tree.AddFile("src/diffusers/utils/dummy_pt_objects.py", pt);
  DummiesReport r = Check(tree);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].path, "src/diffusers/utils/dummy_pt_objects.py");
  size_t line = 1;
  for (size_t k = 0; k < pt.find("Unet"); ++k) line += pt[k] == '\n';
  EXPECT_EQ(r.findings[0].line, line);
}

TEST(DummiesTest, OddInitsFailAsTheScriptDoes) {
  EXPECT_EQ(Check(TreeWith("import os\n")).exception_type, "IndexError");
  // A guard without `    else:` runs off the end of the file.
  EXPECT_EQ(Check(TreeWith("if TYPE_CHECKING:\n    if not is_torch_available():\n")).exception,
            "list index out of range");
  DummiesReport r = Check(TreeWith(std::string(kInit) + "# \xff\n"));
  EXPECT_EQ(r.exception_type, "UnicodeDecodeError");
  EXPECT_THAT(r.exception, HasSubstr("can't decode byte 0xff"));
  project::MemoryTree empty;
  EXPECT_EQ(Check(empty).exception_type, "FileNotFoundError");
}

TEST(DummiesTest, ABackendMetTwiceKeepsItsPlaceAndItsLastObjects) {
  std::string init = kInit;
  init.insert(init.find("\nelse:\n    import sys"),
              "    try:\n"
              "        if not is_torch_available():\n"
              "            raise OptionalDependencyNotAvailable()\n"
              "    except OptionalDependencyNotAvailable:\n"
              "        pass\n"
              "    else:\n"
              "        from .quantizers import LiteConfig\n");
  DummiesReport r = Check(TreeWith(init), true);
  ASSERT_EQ(r.edits.size(), 2u);
  EXPECT_EQ(r.edits[0].path, "src/diffusers/utils/dummy_pt_objects.py");
  EXPECT_EQ(r.edits[0].replacement, DummyFileText("torch", {"LiteConfig"}));
}

TEST(DummiesTest, ACommentLineIsAnObjectUnlessStrict) {
  std::string init = kInit;
  init.insert(init.find("            AutoencoderKL"), "            # keep sorted\n");
  DummiesReport quirk = Check(TreeWith(init), true);
  // line[12:-2]: the comment minus its last character, all lower case, so a "function".
  EXPECT_THAT(quirk.edits[0].replacement, HasSubstr("\ndef # keep sorte(*args, **kwargs):\n"));

  DummiesReport strict = Check(TreeWith(init), true, true);
  EXPECT_THAT(strict.edits[0].replacement, ::testing::Not(HasSubstr("# keep")));
  ASSERT_EQ(strict.findings.size(), 3u);  // two files updated, then the comment
  EXPECT_EQ(strict.findings[2].kind, DummiesFinding::Kind::kCommentObject);
  EXPECT_EQ(strict.findings[2].path, "src/diffusers/__init__.py");
  EXPECT_EQ(strict.findings[2].line, 11u);
}

TEST(DummiesTest, StrictReportsDummyFilesNoBackendMapsTo) {
  project::MemoryTree tree = TreeWith(kInit);
  tree.AddFile(
      "src/diffusers/utils/dummy_pt_objects.py",
      DummyFileText("torch", {"AutoencoderKL", "UNet2DModel", "DEFAULT_SCALE", "get_scheduler"}));
  tree.AddFile("src/diffusers/utils/dummy_torch_and_scipy_objects.py",
               DummyFileText("torch_and_scipy", {"LMSDiscreteScheduler"}));
  tree.AddFile("src/diffusers/utils/dummy_flax_objects.py", "");
  EXPECT_TRUE(Check(tree).findings.empty());  // the script never looks at it
  DummiesReport r = Check(tree, false, true);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, DummiesFinding::Kind::kOrphanFile);
  EXPECT_EQ(r.findings[0].path, "src/diffusers/utils/dummy_flax_objects.py");
}

// transformers' copy of the script, on a transformers init (its own guard pattern and order).
constexpr char kTransformersInit[] =
    "if TYPE_CHECKING:\n"
    "    from .utils import is_torch_available\n"
    "    if is_tf_available():\n"
    "        pass\n"
    "    try:\n"
    "        if not (is_vision_available() and is_torch_available()):\n"
    "            raise OptionalDependencyNotAvailable()\n"
    "    except OptionalDependencyNotAvailable:\n"
    "        pass\n"
    "    else:\n"
    "        from .models.vit import ViTModel\n"
    "    try:\n"
    "        if not is_empty_available():\n"
    "            raise OptionalDependencyNotAvailable()\n"
    "    except OptionalDependencyNotAvailable:\n"
    "        pass\n"
    "    else:\n"
    "        pass\n"
    "\n"
    "else:\n"
    "    import sys\n";

DummiesReport CheckTransformers(const project::MemoryTree& tree, bool fix) {
  DummiesOptions options;
  options.flavor = DummiesFlavor::kTransformers;
  options.library_path = "src/transformers";
  options.package = "transformers";
  options.fix = fix;
  return CheckDummies(tree, options);
}

TEST(DummiesTest, TransformersGuardsAreNegatedIndentedAndTheirBackendsSorted) {
  project::MemoryTree tree;
  tree.AddFile("src/transformers/__init__.py", kTransformersInit);
  DummiesReport r = CheckTransformers(tree, true);
  // Neither the import line nor `if is_tf_available():` is a guard; an empty one still is.
  EXPECT_THAT(r.created, ElementsAre("src/transformers/utils/dummy_torch_and_vision_objects.py",
                                     "src/transformers/utils/dummy_empty_objects.py"));
  ASSERT_EQ(r.edits.size(), 2u);
  EXPECT_EQ(r.edits[0].replacement,
            DummyFileText("torch_and_vision", {"ViTModel"}, DummiesFlavor::kTransformers));
  EXPECT_THAT(r.edits[0].replacement, ::testing::Not(HasSubstr("from_pretrained")));
  EXPECT_EQ(r.edits[1].replacement,
            "# This file is autogenerated by the command `make fix-copies`, do not edit.\n"
            "from ..utils import DummyObject, requires_backends\n\n");
}

TEST(DummiesTest, TransformersExcerptsComeFromTheTorchDummies) {
  project::MemoryTree tree;
  tree.AddFile("src/transformers/__init__.py", kTransformersInit);
  // No torch backend: the excerpt lookup fails before the ValueError.
  DummiesReport r = CheckTransformers(tree, false);
  EXPECT_EQ(r.exception_type, "KeyError");
  EXPECT_EQ(r.exception, "'torch'");

  std::string init = kTransformersInit;
  init.replace(init.find("is_empty_available"), 18, "is_torch_available");
  tree.AddFile("src/transformers/__init__.py", init);
  // torch stale (missing): the first pieces differ, the actual one is empty.
  r = CheckTransformers(tree, false);
  EXPECT_EQ(r.exception_type, "ValueError");
  EXPECT_THAT(r.exception, HasSubstr("transformers.utils.dummy_torch_and_vision_objects.py.\n"
                                     " It is likely the following objects are responsible"));
  EXPECT_THAT(r.exception, HasSubstr("\n---------------------------------- Actual ---"));
  // torch up to date, another backend stale: nothing to quote.
  tree.AddFile("src/transformers/utils/dummy_pt_objects.py",
               DummyFileText("torch", {}, DummiesFlavor::kTransformers));
  r = CheckTransformers(tree, false);
  EXPECT_EQ(r.exception_type, "UnboundLocalError");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].path, "src/transformers/utils/dummy_torch_and_vision_objects.py");
}

}  // namespace
}  // namespace kensa::checks
