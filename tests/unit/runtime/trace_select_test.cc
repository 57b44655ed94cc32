// SelectEvents: --match searches the text as re.search does; first match unless --all.
#include "runtime/trace_select.h"

#include <gtest/gtest.h>

namespace kensa::runtime {
namespace {

std::vector<TraceEvent> Events(std::vector<std::string> messages) {
  std::vector<TraceEvent> out;
  for (std::string& m : messages) {
    TraceEvent e;
    e.message = std::move(m);
    out.push_back(std::move(e));
  }
  return out;
}

TEST(TraceSelectTest, FirstMatchUnlessAll) {
  auto events = Events({"loading", "module a-b is not a valid Python identifier", "done",
                        "x is not a valid Python identifier"});
  std::string error;
  auto re = checks::PyRe::Compile("not a valid (?P<what>Python) identifier", &error);
  ASSERT_TRUE(re) << error;
  EventSelection first = SelectEvents(events, re, false);
  EXPECT_EQ(first.selected, std::vector<size_t>{1});
  EXPECT_EQ(first.matching, 2u);
  EventSelection all = SelectEvents(events, re, true);
  EXPECT_EQ(all.selected, (std::vector<size_t>{1, 3}));
}

TEST(TraceSelectTest, PythonSemanticsAndNoPattern) {
  auto events = Events({"line one\nline two", "Zeta"});
  std::string error;
  // Python's \Z is the very end (PCRE2's \z); $ without MULTILINE matches before a final "\n".
  auto re = checks::PyRe::Compile("two\\Z", &error);
  ASSERT_TRUE(re) << error;
  EXPECT_EQ(SelectEvents(events, re, true).selected, std::vector<size_t>{0});
  EventSelection every = SelectEvents(events, std::nullopt, false);
  EXPECT_EQ(every.selected, (std::vector<size_t>{0, 1}));
}

}  // namespace
}  // namespace kensa::runtime
