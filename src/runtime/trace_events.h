// Reading the hook's channel back: one JSON object per line, appended by every traced Python
// process to the same file (see hook/_kensa_trace_hook.py for the writer). A process killed in
// the middle of a write leaves a partial last line; such lines are counted, not fatal. Pure;
// thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "runtime/trace_event.h"

namespace kensa::runtime {

struct TraceLog {
  std::vector<TracedProcess> processes;  // in the order they started
  std::vector<TraceEvent> events;        // in the order they were written
  size_t malformed_lines = 0;
  size_t not_recorded = 0;  // events past the hook's limit per process (counted, not written)
};

TraceLog ParseTraceEvents(std::string_view jsonl);

}  // namespace kensa::runtime
