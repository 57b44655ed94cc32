// Joining what ran to what the code says: for an event whose emitting statement does not spell
// its message out (the text was built in a variable, a helper or a constant), the template
// `kensa emits` reconstructs for that statement (query/message_query.h) is attached to the
// event as its template_site. Each project (found from the innermost frame's file, as git finds
// a repository) is opened once, and searched through `kensa emits`' cache, so that the events
// after the first, and later runs, read only the files that changed. Reads files; not
// thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "runtime/trace_event.h"

namespace kensa::runtime {

// The emits cache file for a project root ("" for none).
using CachePathFor = std::function<std::string(const std::string& root)>;

// Joins the events at `which` (indices into *events), at most `max_events` of them.
void JoinTemplateSites(std::vector<TraceEvent>* events, const std::vector<size_t>& which,
                       size_t max_events, const CachePathFor& cache_path_for);

}  // namespace kensa::runtime
