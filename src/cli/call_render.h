// Rendering of the call queries (callers, callees, why): one call as a `path:line:col: caller
// -> callee [how]` line or a JSON object, the notes on what was not followed, and the common
// JSON tail, so the three commands print alike.
#pragma once

#include <string>

#include "query/call_query.h"

namespace kensa::cli {

std::string DescribeHop(const query::CallHop& hop);
// The notes on stderr: what was not followed, files that could not be parsed.
void PrintCallNotes(const char* command, const query::CallQueryResult& r, bool quiet);

}  // namespace kensa::cli
