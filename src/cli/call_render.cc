#include "cli/call_render.h"

#include <cstdio>

namespace kensa::cli {

std::string DescribeHop(const query::CallHop& hop) {
  std::string s = hop.file;
  s.append(":").append(std::to_string(hop.line)).append(":").append(std::to_string(hop.column + 1));
  s.append(": ").append(hop.caller).append(" -> ").append(hop.callee);
  s.append(" [").append(hop.how);
  if (!hop.note.empty()) s.append(": ").append(hop.note);
  s.append("]");
  return s;
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
