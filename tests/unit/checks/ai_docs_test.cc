// SkillDescription: diffusers' `_skill_description` (src/diffusers/commands/skills.py at
// 58eb52c), which utils/check_ai.py imports. The expected strings are what CPython 3.11 returned
// calling the real function on each input (its source compiled from the diffusers clone).
#include <gtest/gtest.h>

#include <string>

#include "checks/ai_docs.h"

namespace kensa::checks {
namespace {

struct Case {
  std::string skill_md;
  std::string description;
};

const Case kCases[] = {
    {"", ""},
    {"---\n", ""},
    {"name: x\ndescription: y\n", ""},
    {"---\nname: x\ndescription: plain text  \n---\n", "plain text"},
    {"---\ndescription: >\n  folded one\n  folded two\n---\n", "folded one folded two"},
    {"---\ndescription: |-\n\tTabbed\n   \n  after blank-ish\nnot indented\n",
     "Tabbed  after blank-ish"},
    {"---\ndescription: >\n---\n", ""},
    {"---\ndescription: >\n  \n  \n---\n", " "},
    {"---\nname: x\n---\ndescription: after the end\n", ""},
    {" --- \ndescription:x\n", "x"},
    {"---\u2028description: after U+2028\n", "after U+2028"},
    {"---\ndescription: >\f  form feed folded\n", "form feed folded"},
    {"---\ndescription:\u00a0\u3000\n\u00a0not folded\n", ""},
    {"---\n  description: indented key\n", ""},
    {"---\ndescription: >\n  a\n  ---\n  b\n", "a"},
    {"---\r\ndescription: cr\r\n", "cr"},
};

TEST(SkillDescription, AsDiffusersSkillsPy) {
  for (const Case& c : kCases) EXPECT_EQ(SkillDescription(c.skill_md), c.description) << c.skill_md;
}

}  // namespace
}  // namespace kensa::checks
