// Several repository checks run as one command over one opened project: repo-consistency
// (all of them, side by side), fix-copies and fixup (fixes in turn, as make runs scripts), and
// the MCP tool check_repo_consistency (cli/mcp_check_tools.cc), which sends the same document.
#pragma once

#include <string>
#include <vector>

#include "cli/check_command.h"
#include "render/json.h"

namespace kensa::cli {

// How RunChecks ends: kSummary reports each failed check and a count (repo-consistency);
// kStopAtFailure is a Makefile's lines, stopping at the first failing one, silently.
enum class Ending { kSummary, kStopAtFailure };

// What one check of a set printed and its exit code.
struct CheckRunResult {
  CheckOutput output;
  int code = 0;
};

// Whether any of `checks` reads the project's package (OpenCheckProject's need_package).
bool AnyNeedsPackage(const std::vector<const RepositoryCheck*>& checks);

// Runs `checks` over one open project: side by side on all cores, or one after another when
// options.fix (each on what the previous one wrote; after the first failure none more when
// `stop_at_failure`). A check without a fix mode runs as a check. Returns one result per check
// that ran, in the order of `checks`. Prints nothing.
std::vector<CheckRunResult> RunCheckSet(const CheckProject& project,
                                        const std::vector<const RepositoryCheck*>& checks,
                                        const CheckCommandOptions& options, bool stop_at_failure);

// The checks named by `only` (all by-default checks when empty) less those in `skip`, in
// RepositoryChecks() order. A name that is no check ends the selection: it is put in *unknown.
std::vector<const RepositoryCheck*> SelectChecks(const std::vector<std::string>& only,
                                                 const std::vector<std::string>& skip,
                                                 std::string* unknown);

// {"checks": [{"name", "script", "exit", "result"}], "failed"}: `result` is each check's own
// --json document (null for a check that could not run; its stderr says why), for the checks
// RunCheckSet ran (the first results.size() of `checks`).
render::Json CheckSetJson(const std::vector<const RepositoryCheck*>& checks,
                          const std::vector<CheckRunResult>& results);

// Opens the project around options.directory and runs `checks` with `options` (in parallel,
// or in order when options.fix), then prints each check's output whole, in order, or with
// options.json CheckSetJson as one line.
// `command` names the command in messages. Returns the highest exit code of the checks run.
int RunChecks(const std::string& command, const std::vector<const RepositoryCheck*>& checks,
              const CheckCommandOptions& options, Ending ending);

}  // namespace kensa::cli
