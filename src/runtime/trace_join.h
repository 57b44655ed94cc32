// Joining what ran to what the code says: for an event whose emitting statement does not spell
// its message out (the text was built in a variable, a helper or a constant), the template
// `kensa emits` reconstructs for that statement (query/message_query.h) is attached to the
// event as its template_site. Each project (found from the innermost frame's file, as git finds
// a repository) is opened once. Reads files; not thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "runtime/trace_event.h"

namespace kensa::runtime {

// Joins the events at `which` (indices into *events), at most `max_events` of them.
void JoinTemplateSites(std::vector<TraceEvent>* events, const std::vector<size_t>& which,
                       size_t max_events);

}  // namespace kensa::runtime
