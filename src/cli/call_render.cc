#include "cli/call_render.h"

#include <cstdio>

namespace kensa::cli {

std::string DescribeHop(const query::CallHop& hop) {
  std::string s = hop.file;
  s.append(":").append(std::to_string(hop.line)).append(":").append(std::to_string(hop.column + 1));
  s.append(": ").append(hop.caller).append(" -> ").append(hop.callee);
  s.append(" [").append(hop.how).append("]");
  return s;
}

void WriteHopJson(JsonWriter& w, const query::CallHop& hop) {
  w.BeginObject();
  w.Key("file").String(hop.file);
  w.Key("line").Int(hop.line);
  w.Key("column").Int(hop.column + 1);
  w.Key("function").String(hop.caller);
  w.Key("callee").String(hop.callee);
  w.Key("how").String(hop.how);
  w.Key("depth").Int(hop.depth);
  w.EndObject();
}

void WriteCallNotesJson(JsonWriter& w, const query::CallQueryResult& r) {
  w.Key("unresolved").Int(static_cast<int64_t>(r.unresolved));
  w.Key("unresolved_examples").StringArray(r.unresolved_examples);
  w.Key("files").Int(static_cast<int64_t>(r.files));
  w.Key("complete").Bool(!r.incomplete);
}

void PrintCallNotes(const char* command, const query::CallQueryResult& r, bool quiet) {
  if (r.unresolved > 0) {
    std::fprintf(stderr, "kensa %s: not followed: %zu calls whose callee is not known statically",
                 command, r.unresolved);
    if (!r.unresolved_examples.empty()) {
      std::fprintf(stderr, " (%s", r.unresolved_examples.front().c_str());
      if (r.unresolved > 1) std::fprintf(stderr, ", ...");
      std::fprintf(stderr, ")");
    }
    std::fprintf(stderr, "\n");
  }
  if (r.incomplete) {
    std::fprintf(stderr,
                 "kensa %s: warning: the call graph stopped at its time budget; calls may be "
                 "missing\n",
                 command);
  }
  if (!quiet && !r.problems.empty()) {
    std::fprintf(stderr, "kensa %s: warning: %zu files left out of the call graph (first: %s)\n",
                 command, r.problems.size(), r.problems.front().c_str());
  }
}

}  // namespace kensa::cli
