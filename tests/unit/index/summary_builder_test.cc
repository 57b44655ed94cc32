#include "index/summary_builder.h"

#include <gtest/gtest.h>

namespace kensa::index {
namespace {

std::string Describe(const Import& imp) {
  std::string s = std::to_string(imp.line) + " " + std::string(imp.level, '.') + imp.module;
  if (!imp.asname.empty()) s += " as " + imp.asname;
  if (imp.flags & kImportFrom) {
    s += " [";
    for (size_t i = 0; i < imp.names.size(); ++i) {
      s += (i ? "," : "") + imp.names[i].name;
      if (!imp.names[i].asname.empty()) s += " as " + imp.names[i].asname;
    }
    s += "]";
  }
  static const std::pair<uint16_t, const char*> kFlags[] = {
      {kImportStar, "star"},     {kInFunction, "function"},   {kInClass, "class"},
      {kTypeChecking, "typing"}, {kImportGuarded, "guarded"}, {kConditional, "cond"},
  };
  for (const auto& [bit, name] : kFlags) {
    if (imp.flags & bit) s += std::string(" ") + name;
  }
  return s;
}

std::vector<std::string> Imports(const ModuleSummary& s) {
  std::vector<std::string> out;
  for (const Import& imp : s.imports) out.push_back(Describe(imp));
  return out;
}

TEST(SummaryBuilderTest, ImportKindsAndContexts) {
  ModuleSummary s = SummarizeModule(
      "import os, torch.nn as nn\n"
      "from . import a\n"
      "from ..pkg.mod import (X,\n    Y as Z)\n"
      "from .dummy import *\n"
      "from typing import TYPE_CHECKING\n"
      "if TYPE_CHECKING or SLOW:\n"
      "    from .heavy import H\n"
      "else:\n"
      "    import sys\n"
      "try:\n"
      "    import numpy\n"
      "except (ImportError, OSError):\n"
      "    numpy = None\n"
      "try:\n"
      "    import json\n"
      "finally:\n"
      "    import re\n"
      "def f():\n"
      "    from .lazy import L\n"
      "class C:\n"
      "    import abc\n"
      "if x:\n"
      "    import cond\n"
      "with ctx:\n"
      "    import inwith\n");
  ASSERT_FALSE(s.error);
  EXPECT_EQ(Imports(s), (std::vector<std::string>{
                            "1 os",
                            "1 torch.nn as nn",
                            "2 . [a]",
                            "3 ..pkg.mod [X,Y as Z]",
                            "5 .dummy [*] star",
                            "6 typing [TYPE_CHECKING]",
                            "8 .heavy [H] typing",
                            "10 sys cond",
                            "12 numpy guarded",
                            "16 json cond",
                            "18 re",
                            "20 .lazy [L] function",
                            "22 abc class",
                            "24 cond cond",
                            "26 inwith",
                        }));
}

TEST(SummaryBuilderTest, DefinitionsAndAll) {
  ModuleSummary s = SummarizeModule(
      "class A: pass\n"
      "def b(): pass\n"
      "async def c(): pass\n"
      "D, (E, *F) = 1, (2, 3)\n"
      "G: int = 1\n"
      "if cond:\n"
      "    H = 1\n"
      "def outer():\n"
      "    inner = 1\n"
      "__all__ = ['A', 'b']\n"
      "__all__ += ['c']\n"
      "__all__.extend(['D'])\n"
      "__all__.append('G')\n");
  std::vector<std::string> defs;
  for (const Definition& d : s.definitions) {
    defs.push_back(std::to_string(d.line) + " " + d.name + (d.conditional ? " cond" : ""));
  }
  EXPECT_EQ(defs, (std::vector<std::string>{"1 A", "2 b", "3 c", "4 D", "4 E", "4 F", "5 G",
                                            "7 H cond", "8 outer", "10 __all__"}));
  EXPECT_TRUE(s.has_all);
  EXPECT_EQ(s.all, (std::vector<std::string>{"A", "b", "c", "D", "G"}));
  EXPECT_FALSE(s.has_lazy_structure);
}

TEST(SummaryBuilderTest, LazyInitExports) {
  ModuleSummary s = SummarizeModule(
      "_import_structure = {\n"
      "    'models': ['UNet'],\n"
      "    'schedulers': [],\n"
      "}\n"
      "_import_structure['pipelines'] = ['Pipe']\n"
      "try:\n"
      "    pass\n"
      "except OptionalDependencyNotAvailable:\n"
      "    pass\n"
      "else:\n"
      "    _import_structure['models'].extend(['VQ', 'KL'])\n"
      "    _import_structure['models'].append('Prior')\n"
      "_import_structure.update({'utils': ('logging',)})\n"
      "_import_structure['loaders'] += ['Mixin']\n");
  EXPECT_TRUE(s.has_lazy_structure);
  std::vector<std::string> exports;
  for (const LazyExport& e : s.lazy_exports) {
    exports.push_back(std::to_string(e.line) + " " + e.submodule + ":" + e.name);
  }
  EXPECT_EQ(exports, (std::vector<std::string>{"1 models:UNet", "1 schedulers:", "5 pipelines:Pipe",
                                               "11 models:VQ", "11 models:KL", "12 models:Prior",
                                               "13 utils:logging", "14 loaders:Mixin"}));
}

TEST(SummaryBuilderTest, DummyObjects) {
  ModuleSummary s = SummarizeModule(
      "from ..utils import DummyObject, requires_backends\n"
      "class UNet(metaclass=DummyObject):\n"
      "    _backends = ['torch', 'flax']\n"
      "    def __init__(self, *a, **k):\n"
      "        requires_backends(self, ['torch'])\n"
      "class Real:\n"
      "    pass\n"
      "def randn(*a, **k):\n"
      "    requires_backends(randn, ['torch'])\n");
  ASSERT_EQ(s.dummies.size(), 2u);
  EXPECT_EQ(s.dummies[0].name, "UNet");
  EXPECT_EQ(s.dummies[0].backends, (std::vector<std::string>{"torch", "flax"}));
  EXPECT_EQ(s.dummies[0].line, 2u);
  EXPECT_TRUE(s.dummies[0].is_class);
  EXPECT_EQ(s.dummies[1].name, "randn");
  EXPECT_FALSE(s.dummies[1].is_class);
  EXPECT_EQ(s.dummies[1].backends, std::vector<std::string>{"torch"});
}

TEST(SummaryBuilderTest, SyntaxErrorIsRecorded) {
  ModuleSummary s = SummarizeModule("import os\ndef f(:\n    pass\n");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->type, "SyntaxError");
  EXPECT_EQ(s.error->message, "invalid syntax");
  EXPECT_EQ(s.error->line, 2u);
  EXPECT_EQ(s.error->offset, 7u);
  EXPECT_TRUE(s.imports.empty());

  ModuleSummary bad_bytes = SummarizeModule("x = 1\n\xff = 2\n");
  ASSERT_TRUE(bad_bytes.error);
  EXPECT_EQ(bad_bytes.error->type, "SyntaxError");
  EXPECT_EQ(bad_bytes.error->line, 2u);
}

TEST(SummaryBuilderTest, EncodingsAreDecodedLikeCPython) {
  ModuleSummary s = SummarizeModule("# -*- coding: latin-1 -*-\nfrom caf\xe9 import x\n");
  ASSERT_FALSE(s.error) << s.error->message;
  ASSERT_EQ(s.imports.size(), 1u);
  EXPECT_EQ(s.imports[0].module, "caf\xc3\xa9");
  EXPECT_EQ(s.imports[0].line, 2u);
}

TEST(SummaryBuilderTest, ScopesNamedAsPycgWithDecoratorsAndBases) {
  ModuleSummary s = SummarizeModule(
      "import posixpath\n"
      "path = posixpath\n"
      "class Morsel(dict, mixins.Base, make()):\n"
      "    _flags = 1\n"
      "    @property\n"
      "    @other\n"
      "    def key(self):\n"
      "        def inner():\n"
      "            x = y\n"
      "        return 1\n"
      "    __iter__ = key\n"
      "if cond:\n"
      "    async def run(): pass\n");
  ASSERT_EQ(s.scopes.size(), 6u);
  EXPECT_EQ(s.scopes[0],
            (Scope{"Morsel", 3, 0, 3, 11, Scope::Kind::kClass, {"dict", "mixins.Base"}}));
  EXPECT_EQ(s.scopes[1], (Scope{"Morsel._flags", 4, 4, 4, 4, Scope::Kind::kVariable, {}}));
  EXPECT_EQ(s.scopes[2], (Scope{"Morsel.key", 7, 4, 5, 10, Scope::Kind::kFunction, {}}));
  EXPECT_EQ(s.scopes[3], (Scope{"Morsel.key.inner", 8, 8, 8, 9, Scope::Kind::kFunction, {}}));
  EXPECT_EQ(s.scopes[4].qualname, "Morsel.__iter__");
  EXPECT_EQ(s.scopes[5], (Scope{"run", 13, 4, 13, 13, Scope::Kind::kFunction, {}}));
  // Bindings at module and class level only; `x = y` in a function is not one.
  ASSERT_EQ(s.bindings.size(), 2u);
  EXPECT_EQ(s.bindings[0], (NameBinding{"", "path", "posixpath", 2, 0}));
  EXPECT_EQ(s.bindings[1], (NameBinding{"Morsel", "__iter__", "key", 11, 4}));
}

}  // namespace
}  // namespace kensa::index
