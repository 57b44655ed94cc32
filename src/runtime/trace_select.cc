#include "runtime/trace_select.h"

namespace kensa::runtime {

EventSelection SelectEvents(const std::vector<TraceEvent>& events,
                            const std::optional<checks::PyRe>& match, bool all) {
  EventSelection out;
  for (size_t i = 0; i < events.size(); ++i) {
    if (match && !match->Search(events[i].message)) continue;
    ++out.matching;
    if (!match || all || out.selected.empty()) out.selected.push_back(i);
  }
  return out;
}

}  // namespace kensa::runtime
