// `kensa deps-table`: the dependency-table check of diffusers' PR CI (`make
// deps_table_check_updated`: is src/<package>/dependency_versions_table.py what `python setup.py
// deps_table_update` writes?) and, with --fix, that command itself — without running setup.py.
// The analysis is checks/deps_table.h; this file finds the project, prints, and applies the edit.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/deps_table.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] = R"(What is checked (as `make deps_table_check_updated` does):
  src/<package>/dependency_versions_table.py must be exactly what `python setup.py
  deps_table_update` generates from the `_deps` list of setup.py: `deps = {"name": "spec", ...}`
  with each name as setup.py's regular expression cuts it from its spec. setup.py is read, not
  run: kensa evaluates `_deps`, the table and the `deps[...]` / `deps_list(...)` lookups made
  while setup.py is imported (a name missing from `_deps` stops setup.py with KeyError, a
  missing README.md it opens with FileNotFoundError). The file's header is setup.py's own.

Output:
  A stale table: the Makefile's lines on stdout ("PATH: FAILED", "Error: the version dependency
  table is outdated.", "Please run 'make fixup' or 'make style' and commit the changes.");
  --fix prints setup.py's lines ("running deps_table_update", "updating PATH") and writes the
  table if it changed. --json gives {"file", "outdated", "missing", "setup_line", "written",
  "exception"}; --format github prints a workflow annotation.

Exit codes: 0 the table is up to date (or was written); 1 it is stale or missing, or setup.py
would stop (its error is printed); 2 bad usage, no project, a setup.py kensa cannot evaluate
statically, or a fix that could not be written; 3 internal error.

Examples:
  kensa deps-table                  # like `make deps_table_check_updated`
  kensa deps-table --fix            # like `make deps_table_update`)";

}  // namespace

int RunDepsTableCheck(const CheckProject& project, const CheckCommandOptions& options,
                      CheckOutput* out) {
  checks::DepsTableOptions check;
  check.table_path = project.layout.package_dir + "/dependency_versions_table.py";
  check.fix = options.fix;
  checks::DepsTableReport report = checks::CheckDepsTable(*project.tree, check);
  if (!report.tool_error.empty()) {
    out->Err("kensa deps-table: " + report.tool_error +
             "; run `python setup.py deps_table_update` instead\n");
    return kExitUsage;
  }
  std::vector<std::string> written;
  bool script_failed = !report.exception_type.empty();
  if (options.fix && !script_failed &&
      !ApplyCheckEdits("deps-table", project, report.edits, &written, out)) {
    return kExitUsage;
  }
  bool failed = script_failed || (!options.fix && report.outdated);

  if (options.json) {
    out->Json(render::DepsTableJson(report, check.table_path, written));
    return failed ? kExitFindings : kExitOk;
  }
  if (script_failed) {
    std::string where = check.setup_path + ":" + std::to_string(report.exception_line);
    PrintScriptException("deps-table", "setup.py", where, report.exception_type, report.exception,
                         out, "");
    return kExitFindings;
  }
  if (options.fix) {
    // setup.py writes the table whatever it held; kensa says the same, and writes only a change.
    out->Out("running deps_table_update\nupdating " + check.table_path + "\n");
    return kExitOk;
  }
  if (!report.outdated) return kExitOk;
  if (options.format == "github") {
    out->Out(GithubAnnotation(check.table_path, 0,
                              "the version dependency table is outdated (setup.py's _deps, line " +
                                  std::to_string(report.deps_line) +
                                  "); run `make deps_table_update` or `kensa deps-table --fix`"));
    return kExitFindings;
  }
  if (report.missing) {
    out->Err("kensa deps-table: " + check.table_path +
             ": No such file or directory (--fix creates it)\n");
    return kExitFindings;
  }
  out->Out(check.table_path +
           ": FAILED\n\nError: the version dependency table is outdated.\nPlease run 'make "
           "fixup' or 'make style' and commit the changes.\n\n");
  return kExitFindings;
}

CommandRunner SetupDepsTableCommand(CLI::App& sub) {
  return SetupCheckCommand(
      sub, "deps-table",
      {.fix = "Write the table, like `python setup.py deps_table_update` (make "
              "deps_table_update)",
       .json = "Print the result as JSON",
       .with_preset = true,
       .footer = kFooter});
}

}  // namespace kensa::cli
