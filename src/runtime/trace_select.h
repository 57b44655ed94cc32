// Which recorded events `kensa trace` reports: those whose text (as the user saw it) matches
// --match, a Python regular expression searched as re.search does (checks/py_re.h), the first
// one unless --all. Without --match every event is selected. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "checks/py_re.h"
#include "runtime/trace_event.h"

namespace kensa::runtime {

struct EventSelection {
  std::vector<size_t> selected;  // indices into the events, in order
  size_t matching = 0;           // how many matched (more than selected without --all)
};

EventSelection SelectEvents(const std::vector<TraceEvent>& events,
                            const std::optional<checks::PyRe>& match, bool all);

}  // namespace kensa::runtime
