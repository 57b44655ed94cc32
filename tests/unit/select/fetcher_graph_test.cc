// The reference's dependency map: direct dependencies through inits, the closure that stops at
// inits, an init's own entry, the example tests, and the reference's own exceptions.
#include "select/fetcher_graph.h"

#include <gtest/gtest.h>

namespace kensa::select {
namespace {

using Strings = std::vector<std::string>;

FetcherGraph Build(const Snapshot& s) {
  FetcherImportScanner scanner("diffusers");
  return FetcherGraph::Build(s, scanner, DiffusersPreset(), 1);
}

Snapshot Repo() {
  return Snapshot::FromMemory({
      // The top init re-exports from a subpackage init, which re-exports from a module.
      {"src/diffusers/__init__.py", "from .models import Net, helpers\n"},
      {"src/diffusers/models/__init__.py", "from .net import Net\nLOCAL = 1\n"},
      {"src/diffusers/models/net.py", "from ..utils import tool\n"},
      {"src/diffusers/models/helpers.py", "X = 1\n"},
      {"src/diffusers/utils/__init__.py", "from .tool_impl import tool\n"},
      {"src/diffusers/utils/tool_impl.py", "Y = 2\n"},
      {"src/diffusers/pipe.py", "from .models import LOCAL\n"},
      {"tests/test_net.py", "from diffusers import Net\n"},
      {"tests/test_helpers.py", "from diffusers.models import helpers\n"},
      {"tests/test_pipe.py", "from diffusers.pipe import run\n"},
  });
}

TEST(FetcherGraphTest, DirectDependenciesGoThroughInits) {
  FetcherGraph g = Build(Repo());
  ASSERT_FALSE(g.error()) << *g.error();
  EXPECT_EQ(g.DirectDependencies("tests/test_net.py"), Strings{"src/diffusers/models/net.py"});
  // A name that is a submodule of the init's package.
  EXPECT_EQ(g.DirectDependencies("tests/test_helpers.py"),
            Strings{"src/diffusers/models/helpers.py"});
  EXPECT_EQ(g.DirectDependencies("src/diffusers/models/net.py"),
            Strings{"src/diffusers/utils/tool_impl.py"});
  // A name defined in the init itself keeps the init.
  EXPECT_EQ(g.DirectDependencies("src/diffusers/pipe.py"),
            Strings{"src/diffusers/models/__init__.py"});
}

TEST(FetcherGraphTest, ReverseDependenciesStopAtInits) {
  FetcherGraph g = Build(Repo());
  std::unordered_map<std::string, DependencyChain> chains;
  EXPECT_EQ(g.ReverseDependencies("src/diffusers/utils/tool_impl.py", &chains),
            (Strings{"src/diffusers/__init__.py", "src/diffusers/models/__init__.py",
                     "src/diffusers/models/net.py", "src/diffusers/utils/__init__.py",
                     "tests/test_net.py"}));
  EXPECT_EQ(chains.at("tests/test_net.py").files,
            (Strings{"tests/test_net.py", "src/diffusers/models/net.py",
                     "src/diffusers/utils/tool_impl.py"}));
  // pipe.py depends on models/__init__.py, but nothing goes on through an init: changing
  // net.py does not reach pipe.py or its test.
  Strings from_net = g.ReverseDependencies("src/diffusers/models/net.py", nullptr);
  EXPECT_EQ(std::count(from_net.begin(), from_net.end(), "tests/test_pipe.py"), 0);
}

TEST(FetcherGraphTest, AnInitImpactsWhatItImports) {
  FetcherGraph g = Build(Repo());
  std::unordered_map<std::string, DependencyChain> chains;
  Strings from_init = g.ReverseDependencies("src/diffusers/models/__init__.py", &chains);
  // Its direct dependencies (net.py) and what depends on those; not what net.py needs.
  EXPECT_EQ(from_init, (Strings{"src/diffusers/__init__.py", "src/diffusers/models/net.py",
                                "tests/test_net.py"}));
  EXPECT_TRUE(chains.at("tests/test_net.py").through_init);
}

TEST(FetcherGraphTest, ExampleTestsMapToTheScriptsTheyName) {
  FetcherImportScanner scanner("diffusers");
  Snapshot s = Snapshot::FromMemory({
      {"src/diffusers/__init__.py", "X = 1\n"},
      {"examples/pytorch/test_examples.py", "# runs train_a.py\n"},
      {"examples/pytorch/a/train_a.py", "from diffusers import X\n"},
      {"examples/pytorch/b/train_b.py", "from diffusers import X\n"},
  });
  FetcherGraph g = FetcherGraph::Build(s, scanner, DiffusersPreset(), 1);
  ASSERT_FALSE(g.error());
  EXPECT_EQ(g.DirectDependencies("examples/pytorch/test_examples.py"),
            (Strings{"examples/pytorch/a/train_a.py", "examples/pytorch/test_examples.py"}));
  EXPECT_EQ(g.ReverseDependencies("examples/pytorch/a/train_a.py", nullptr),
            Strings{"examples/pytorch/test_examples.py"});
}

TEST(FetcherGraphTest, TheReferencesExceptions) {
  // A dependency on a module that does not exist, reached from a module earlier in the
  // reference's order: the first module whose closure meets it is named.
  Snapshot missing = Snapshot::FromMemory({
      {"src/diffusers/a.py", "from .b import thing\n"},
      {"src/diffusers/b.py", "from .gone import thing\n"},
  });
  EXPECT_EQ(Build(missing).error().value_or(""),
            "KeyError:src/diffusers/gone. From src/diffusers/a.py");
  // A file that is not UTF-8.
  Snapshot latin1 = Snapshot::FromMemory({{"tests/test_x.py", "# caf\xe9\n"}});
  EXPECT_EQ(Build(latin1).error().value_or(""),
            "'utf-8' codec can't decode byte 0xe9 in position 5: invalid continuation byte");
}

}  // namespace
}  // namespace kensa::select
