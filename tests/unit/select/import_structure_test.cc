// define_import_structure as the current transformers fetcher uses it: `__all__` read line by
// line as fetch__all__ reads it, `@requires` exports, the folders walked, and the graph tracing
// names through an init that only star-imports its submodules.
#include "select/import_structure.h"

#include <gtest/gtest.h>

#include "select/fetcher_graph.h"

namespace kensa::select {
namespace {

using Strings = std::vector<std::string>;

TEST(FetchAllNamesTest, OneLine) {
  EXPECT_EQ(FetchAllNames("x = 1\n__all__ = [\"A\", 'B' ,C]\n"), (Strings{"A", "B", "C"}));
  // split("=")[1]: what stands between the first two '='.
  EXPECT_EQ(FetchAllNames("__all__ = [\"A\"] # = x]\n"), (Strings{"A\"] #"}));
  EXPECT_EQ(FetchAllNames("__all__ = []\n"), (Strings{""}));
}

TEST(FetchAllNamesTest, SeveralLinesAndTheLastDeclarationWins) {
  EXPECT_EQ(FetchAllNames("__all__ = [\"Old\"]\n__all__ = [\n    \"A\",\n    'B',\n]\nX = 1\n"),
            (Strings{"A", "B"}));
  // No closing line: everything up to the end.
  EXPECT_EQ(FetchAllNames("__all__ = (\n  \"A\",\n)\n"), (Strings{"A", ")"}));
}

TEST(FetchAllNamesTest, NoDeclaration) {
  EXPECT_EQ(FetchAllNames("x = 1\n"), Strings{});
  EXPECT_EQ(FetchAllNames("  __all__ = [\"A\"]\n"), Strings{});  // not at the start of a line
}

TEST(RequiresExportedNamesTest, DecoratedClassesAndFunctions) {
  EXPECT_EQ(RequiresExportedNames("@requires(backends=(\"torch\",))\nclass A(B):\n    pass\n"
                                  "@requires(backends=(\"torch\",))\n# comment\ndef f(x):\n"
                                  "    pass\nclass C:\n    pass\n"),
            (Strings{"A", "f"}));
  EXPECT_EQ(RequiresExportedNames("class A:\n    pass\n"), Strings{});
}

TEST(ImportStructuresTest, WalksSubfoldersAndSkipsInitsAndConverters) {
  Snapshot s = Snapshot::FromMemory({
      {"pkg/__init__.py", "__all__ = [\"Init\"]\n"},
      {"pkg/a.py", "__all__ = [\"A\"]\n"},
      {"pkg/convert_a.py", "__all__ = [\"Conv\"]\n"},
      {"pkg/modular_a.py", "__all__ = [\"Mod\"]\n"},
      {"pkg/none.py", "X = 1\n"},
      {"pkg/sub/b.py", "__all__ = [\n    \"B\",\n]\n"},
      {"pkg/nosuffix.txt", "__all__ = [\"T\"]\n"},
  });
  ImportStructures structures(s);
  const auto& modules = structures.Of("pkg");
  ASSERT_EQ(modules.size(), 2u);
  EXPECT_EQ(modules[0].relative, "a");
  EXPECT_EQ(modules[0].names, Strings{"A"});
  EXPECT_EQ(modules[1].relative, "sub/b");
  EXPECT_EQ(modules[1].names, Strings{"B"});
}

TEST(ImportStructuresTest, GraphTracesNamesThroughStarImportingInits) {
  Snapshot s = Snapshot::FromMemory({
      {"src/transformers/__init__.py",
       "if TYPE_CHECKING:\n    from .models.bert import BertModel\n"},
      {"src/transformers/models/__init__.py", ""},
      {"src/transformers/models/bert/__init__.py", "from .modeling_bert import *\n"},
      {"src/transformers/models/bert/modeling_bert.py", "__all__ = [\"BertModel\"]\n"},
      {"src/transformers/models/bert/convert_bert.py", "from .modeling_bert import BertModel\n"},
      {"tests/test_bert.py", "from transformers import BertModel\n"},
      {"tests/test_convert.py", "from transformers.models.bert.convert_bert import BertModel\n"},
  });
  FetcherImportScanner scanner("transformers");
  FetcherGraph now = FetcherGraph::Build(s, scanner, TransformersPreset(), 1);
  ASSERT_FALSE(now.error()) << *now.error();
  EXPECT_EQ(now.DirectDependencies("tests/test_bert.py"),
            Strings{"src/transformers/models/bert/modeling_bert.py"});
  // Conversion scripts are neither modules of the map nor dependencies.
  EXPECT_EQ(now.DirectDependencies("tests/test_convert.py"), Strings{});
  EXPECT_EQ(now.DirectDependencies("src/transformers/models/bert/convert_bert.py"), Strings{});
  // The 2023 rules knew only explicit imports: the name stays with the init that names it.
  FetcherGraph old = FetcherGraph::Build(s, scanner, Transformers2023Preset(), 1);
  EXPECT_EQ(old.DirectDependencies("tests/test_bert.py"),
            Strings{"src/transformers/models/bert/__init__.py"});
}

}  // namespace
}  // namespace kensa::select
