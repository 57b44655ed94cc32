// SnippetFormatter: the code formatter a check consults (ruff, for check_copies), behind an
// interface so that checks stay pure: the CLI hands in one that runs the real tool, tests hand
// in a fake. A check collects every snippet it needs formatted and asks for them in one batch,
// so a whole run costs one formatter start instead of one per snippet. Implementations need not
// be thread-safe; a check calls them from one thread.
#pragma once

#include <string>
#include <vector>

namespace kensa::checks {

class SnippetFormatter {
 public:
  virtual ~SnippetFormatter() = default;

  // Formats each of `snippets` on its own, as `ruff format -` would format it read from stdin.
  // On success sets (*formatted)[i] to what that command prints for snippets[i] — the empty
  // string when the formatter rejects the snippet (a syntax error), since that is all a script
  // reading its stdout sees — and returns true. Returns false with *error set when the
  // formatter cannot be run at all (not installed, bad configuration).
  virtual bool FormatBatch(const std::vector<std::string>& snippets,
                           std::vector<std::string>* formatted, std::string* error) = 0;
};

}  // namespace kensa::checks
