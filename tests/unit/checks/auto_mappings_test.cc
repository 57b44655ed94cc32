// SortAutoMapping: transformers' sort_auto_mapping (utils/sort_auto_mappings.py at 0a8c149f1e2f).
// The expected texts and exception types are what CPython 3.11 wrote or raised running the real
// function with overwrite=True on each input (the script saved under /tmp, not committed).
#include "checks/auto_mappings.h"

#include <gtest/gtest.h>

#include <string>

namespace kensa::checks {
namespace {

struct Case {
  std::string input;
  std::string sorted;     // what the script wrote ("" when it raised)
  std::string exception;  // the type it raised, or ""
};

const Case kCases[] = {
    {"", "", ""},
    {"X = 1\n", "X = 1\n", ""},
    {"A_MAPPING = OrderedDict(\n    [\n        (\"bb\", 1),\n        (\"aa\", 2),\n    ]\n)\n",
     "A_MAPPING = OrderedDict(\n    [\n        (\"aa\", 2),\n        (\"bb\", 1),\n    ]\n)\n", ""},
    {"A_MAPPING_NAMES  =  OrderedDict(\n    [\n        (\n            \"zz\",\n        ),\n        "
     "(\"Zz\", 2),\n    ]\n)",
     "A_MAPPING_NAMES  =  OrderedDict(\n    [\n        (\"Zz\", 2),\n        (\n            "
     "\"zz\",\n        ),\n    ]\n)",
     ""},
    {"\tT_MAPPING = OrderedDict(\n         (\"bb\", 1),\n         (\"ab\", 1),\n         ]\n",
     "\tT_MAPPING = OrderedDict(\n         (\"ab\", 1),\n         (\"bb\", 1),\n         ]\n", ""},
    {"A_MAPPING = OrderedDict(\n    [\n        (\"bb\", 1),\n        # c\n    ]\n)\n", "",
     "AttributeError"},
    {"A_MAPPING = OrderedDict(\n    [\n", "", "IndexError"},
    {"a_MAPPING = OrderedDict(\n        (\"bb\", 1),\n        (\"aa\", 2),\n]\n",
     "a_MAPPING = OrderedDict(\n        (\"bb\", 1),\n        (\"aa\", 2),\n]\n", ""},
    // U+3000 is one column of indent (len() counts code points); é sorts after e.
    {"\u3000B_MAPPING\u00a0= OrderedDict(\n         (\"bb\", 1),\n         (\"éa\", 1),\n         "
     "(\"ea\", 1),\n]\n",
     "\u3000B_MAPPING\u00a0= OrderedDict(\n         (\"bb\", 1),\n         (\"ea\", 1),\n         "
     "(\"éa\", 1),\n]\n",
     ""},
};

TEST(SortAutoMapping, AsTheScript) {
  for (const Case& c : kCases) {
    AutoMappingSort got = SortAutoMapping(c.input);
    EXPECT_EQ(got.exception_type, c.exception) << c.input;
    if (c.exception.empty()) {
      EXPECT_EQ(got.sorted, c.sorted) << c.input;
      EXPECT_EQ(got.first_changed_line == 0, c.sorted == c.input) << c.input;
    }
  }
}

}  // namespace
}  // namespace kensa::checks
