// Rendering of the call queries (callers, callees, why): one call as a `path:line:col: caller
// -> callee [how]` line or a JSON object, the notes on what was not followed, and the common
// JSON tail, so the three commands print alike.
#pragma once

#include <string>

#include "cli/json_writer.h"
#include "query/call_query.h"

namespace kensa::cli {

std::string DescribeHop(const query::CallHop& hop);
// {"file", "line", "column", "function" (the caller), "callee", "how", "depth"}
void WriteHopJson(JsonWriter& w, const query::CallHop& hop);
// "unresolved", "unresolved_examples", "files" keys.
void WriteCallNotesJson(JsonWriter& w, const query::CallQueryResult& r);
// The notes on stderr: what was not followed, files that could not be parsed.
void PrintCallNotes(const char* command, const query::CallQueryResult& r, bool quiet);

}  // namespace kensa::cli
