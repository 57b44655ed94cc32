// `kensa repo-consistency`: every repository check in one process over one opened project —
// the consistency job of diffusers' PR CI (check_copies, check_dummies, check_support_list,
// check_forward_call_docstrings, deps_table_check_updated), then the consistency checks of its
// `make quality` and `make style` (check_doc_toc, custom_init_isort --check_only, check_ai). The
// checks run side by side; each prints what its own command prints, whole, in the fixed order of
// RepositoryChecks(). With --fix the fixes run one after another, as `make` runs the scripts,
// since two of them may rewrite the same file (copies and forward-docstrings both edit models).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/check_command.h"
#include "cli/check_suite.h"
#include "cli/closest_name.h"
#include "cli/command.h"

namespace kensa::cli {
namespace {

struct RepoConsistencyOptions : CheckCommandOptions {
  std::vector<std::string> only;
  std::vector<std::string> skip;
};

constexpr char kFooter[] = R"(Checks, in the order they print (kensa COMMAND --help explains each):
  copies              utils/check_copies.py           (fix: --fix_and_overwrite)
  dummies             utils/check_dummies.py          (fix: --fix_and_overwrite)
  support-list        utils/check_support_list.py
  forward-docstrings  utils/check_forward_call_docstrings.py (fix: --fix)
  deps-table          make deps_table_check_updated   (fix: make deps_table_update)
  doc-toc             utils/check_doc_toc.py          (fix: --fix_and_overwrite)
  init-isort          utils/custom_init_isort.py --check_only (fix: without --check_only)
  ai-docs             utils/check_ai.py
  inits               utils/check_inits.py            (only with --only: see kensa inits --help)
  doctest-list        utils/check_doctest_list.py     (transformers; only with --only)
  auto-mappings       utils/sort_auto_mappings.py --check_only (transformers; only with --only)

Output:
  Each check prints exactly what `kensa CHECK` prints (so the scripts' own messages), one
  check after another; on stderr a line names each check that failed, and a last line counts
  them. --json gives {"checks": [{"name", "script", "exit", "result"}], "failed": [names]},
  where "result" is the check's own --json document. --format github turns every finding
  into a workflow annotation.

The checks run in parallel on all cores. With --fix they run one after another, each on what
the previous one wrote (copies, then dummies, ...), and every file is written atomically.
The copies check formats snippets with ruff (`--formatter` as for `kensa copies`).

Exit codes: 0 every check passed; 1 a check found problems; 2 a check could not run (bad
usage, no project, no formatter, a fix that could not be written); 3 internal error. The
highest code of any check is the exit code.

Examples:
  kensa repo-consistency                         # what diffusers' PR CI consistency job checks
  kensa repo-consistency --fix                   # every fix mode, like make fix-copies + style
  kensa repo-consistency --skip copies --json
  kensa repo-consistency --only dummies,doc-toc --format github)";

// The checks named by --only/--skip, in RepositoryChecks() order; nullopt after printing an
// unknown name.
std::optional<std::vector<const RepositoryCheck*>> SelectNamedChecks(
    const RepoConsistencyOptions& options) {
  std::string name;
  std::vector<const RepositoryCheck*> selected = SelectChecks(options.only, options.skip, &name);
  if (name.empty()) return selected;
  std::vector<std::string> known;
  for (const RepositoryCheck& c : RepositoryChecks()) known.push_back(c.name);
  std::vector<std::string_view> candidates(known.begin(), known.end());
  std::string hint = ClosestName(name, candidates);
  std::fprintf(stderr, "kensa repo-consistency: '%s' is not a check%s (the checks: ", name.c_str(),
               hint.empty() ? "" : ("; did you mean '" + hint + "'?").c_str());
  for (size_t i = 0; i < known.size(); ++i) {
    std::fprintf(stderr, "%s%s", i ? ", " : "", known[i].c_str());
  }
  std::fprintf(stderr, ")\n");
  return std::nullopt;
}

int Run(const RepoConsistencyOptions& options) {
  std::optional<std::vector<const RepositoryCheck*>> checks = SelectNamedChecks(options);
  if (!checks) return kExitUsage;
  return RunChecks("repo-consistency", *checks, options, Ending::kSummary);
}

constexpr char kFixCopiesFooter[] = R"(What it runs (diffusers' `make fix-copies`):
  utils/check_copies.py --fix_and_overwrite     = kensa copies --fix
  utils/check_dummies.py --fix_and_overwrite    = kensa dummies --fix
one after another, stopping at the first that fails as make does, with the same output.

Exit codes: 0 both fixed (or nothing to fix); 1 a check found what it cannot fix or the script
would stop with an error; 2 bad usage, no project, no formatter, or a fix that could not be
written; 3 internal error.

Examples:
  kensa fix-copies
  kensa -C ~/src/diffusers fix-copies --formatter "/opt/ruff/bin/ruff format")";

std::vector<std::string> SplitNames(const std::vector<std::string>& values) {
  std::vector<std::string> names;
  for (const std::string& v : values) {
    std::stringstream in(v);
    for (std::string name; std::getline(in, name, ',');) {
      if (!name.empty()) names.push_back(name);
    }
  }
  return names;
}

}  // namespace

CommandRunner SetupFixCopiesCommand(CLI::App& sub) {
  auto options = std::make_shared<CheckCommandOptions>();
  options->fix = true;
  AddCheckOptions(sub, options.get(), nullptr, nullptr, "Print each fix's result as JSON", true);
  AddFormatterOption(sub, options.get());
  sub.footer(kFixCopiesFooter);
  return [options] {
    std::vector<const RepositoryCheck*> checks = {FindRepositoryCheck("copies"),
                                                  FindRepositoryCheck("dummies")};
    return RunChecks("fix-copies", checks, *options, Ending::kStopAtFailure);
  };
}

CommandRunner SetupRepoConsistencyCommand(CLI::App& sub) {
  auto options = std::make_shared<RepoConsistencyOptions>();
  AddCheckOptions(sub, options.get(), "Run every check's fix mode, one check after another",
                  "Pass --strict to every check (report the scripts' mistakes instead of "
                  "reproducing them)",
                  "Print one JSON document holding every check's result", true);
  sub.add_option("--only", options->only, "Run only these checks (comma-separated names)")
      ->option_text("NAMES");
  sub.add_option("--skip", options->skip, "Leave these checks out (comma-separated names)")
      ->option_text("NAMES");
  AddFormatterOption(sub, options.get());
  sub.footer(kFooter);
  return [options] {
    options->only = SplitNames(options->only);
    options->skip = SplitNames(options->skip);
    return Run(*options);
  };
}

}  // namespace kensa::cli
