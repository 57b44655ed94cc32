// Several repository checks run as one command over one opened project: repo-consistency
// (all of them, side by side), fix-copies and fixup (fixes in turn, as make runs scripts).
#pragma once

#include <string>
#include <vector>

#include "cli/check_command.h"

namespace kensa::cli {

// How RunChecks ends: kSummary reports each failed check and a count (repo-consistency);
// kStopAtFailure is a Makefile's lines, stopping at the first failing one, silently.
enum class Ending { kSummary, kStopAtFailure };

// Opens the project around options.directory and runs `checks` with `options` (in parallel,
// or in order when options.fix), then prints each check's output whole, in order, or with
// options.json one document {"checks": [{"name", "script", "exit", "result"}], "failed"}.
// `command` names the command in messages. Returns the highest exit code of the checks run.
int RunChecks(const std::string& command, const std::vector<const RepositoryCheck*>& checks,
              const CheckCommandOptions& options, Ending ending);

}  // namespace kensa::cli
