// ParseTraceEvents: the hook's JSON lines back into events; partial and foreign lines counted.
#include "runtime/trace_events.h"

#include <gtest/gtest.h>

namespace kensa::runtime {
namespace {

TEST(TraceEventsTest, ReadsStartsAndEventsInOrder) {
  TraceLog log = ParseTraceEvents(
      R"j({"kind": "start", "pid": 7, "ppid": 1, "python": "3.12.1", "executable": "/py"})j"
      "\n"
      R"j({"kind": "warning", "message": "UserWarning: x", "pid": 7, "frames": [["/a.py", 3, "<module>", "f()"], ["/a.py", 1, "C.f", "warn('x')"]], "category": "UserWarning"})j"
      "\n"
      R"j({"kind": "logging", "message": "hi", "pid": 7, "frames": [], "level": "INFO", "logger": "app", "frames_omitted": 4})j"
      "\n");
  ASSERT_EQ(log.processes.size(), 1u);
  EXPECT_EQ(log.processes[0].pid, 7);
  EXPECT_EQ(log.processes[0].python, "3.12.1");
  ASSERT_EQ(log.events.size(), 2u);
  const TraceEvent& w = log.events[0];
  EXPECT_EQ(w.kind, EventKind::kWarning);
  EXPECT_EQ(w.message, "UserWarning: x");
  ASSERT_EQ(w.frames.size(), 2u);
  EXPECT_EQ(w.frames[1].file, "/a.py");
  EXPECT_EQ(w.frames[1].line, 1);
  EXPECT_EQ(w.frames[1].function, "C.f");
  EXPECT_EQ(w.frames[1].code, "warn('x')");
  ASSERT_NE(w.Detail("category"), nullptr);
  EXPECT_EQ(*w.Detail("category"), "UserWarning");
  EXPECT_EQ(w.Detail("level"), nullptr);
  EXPECT_EQ(log.events[1].kind, EventKind::kLogging);
  EXPECT_EQ(log.events[1].frames_omitted, 4);
  EXPECT_EQ(*log.events[1].Detail("logger"), "app");
  EXPECT_EQ(log.malformed_lines, 0u);
}

TEST(TraceEventsTest, CountsPartialAndUnknownLines) {
  TraceLog log = ParseTraceEvents(
      "not json\n"
      R"j({"kind": "telepathy", "frames": []})j"
      "\n"
      R"j({"kind": "print", "message": "x", "frames": [["/a.py", "one", "f", ""]]})j"
      "\n"
      R"j({"kind": "print", "message": "ok", "pid": 1, "frames": []})j"
      "\n"
      R"j({"kind": "print", "message": "cut off by a kill)j");
  ASSERT_EQ(log.events.size(), 1u);
  EXPECT_EQ(log.events[0].message, "ok");
  EXPECT_EQ(log.malformed_lines, 4u);
}

TEST(TraceEventsTest, CountsEventsPastTheHooksLimit) {
  TraceLog log = ParseTraceEvents(
      "{\"kind\":\"dropped\",\"pid\":3,\"count\":7}\n{\"kind\":\"dropped\",\"pid\":4,\"count\":5}"
      "\n");
  EXPECT_EQ(log.not_recorded, 12u);
  EXPECT_TRUE(log.events.empty());
  EXPECT_EQ(log.malformed_lines, 0u);
}

TEST(TraceEventsTest, KindNamesRoundTrip) {
  for (EventKind k :
       {EventKind::kWarning, EventKind::kLogging, EventKind::kPrint, EventKind::kException}) {
    EXPECT_EQ(ParseEventKind(EventKindName(k)), k);
  }
  EXPECT_FALSE(ParseEventKind("raised"));
}

}  // namespace
}  // namespace kensa::runtime
