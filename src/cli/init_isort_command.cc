// `kensa init-isort`: the `_import_structure` order check of diffusers' (and transformers')
// utils/custom_init_isort.py: `kensa init-isort` is `--check_only`, `--fix` the script's default
// (rewrite). Same message, exit status and rewritten files. The analysis is checks/init_isort.h.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/edit.h"
#include "checks/init_isort.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] = R"(What is checked (as the project's utils/custom_init_isort.py does):
  Every __init__.py under the library folder that mentions `_import_structure` is split into
  indented blocks from the line `_import_structure = {` to `if TYPE_CHECKING:`; the keys of the
  dictionary and of each `_import_structure["x"] = [...]` / `.extend([...])` must be sorted, and
  the names in each list must follow isort's order: UPPER_CASE, then CamelCase, then
  lower_case, each ignoring case and underscores. The files are read as text, not parsed.
  Under the transformers preset, transformers' script: an init that mentions
  `define_import_structure` is skipped.

Where the script is wrong (--strict reports instead of reproducing):
  It says "Would overwrite 1 files" however many files are unsorted; --strict gives the true
  count and names each file.

Output:
  Check: the script's message ("Would overwrite 1 files, run `make style`.") on stderr, exit 1.
  --fix: "Overwriting src/diffusers/__init__.py." per rewritten file, as the script prints it.
  --json: {"unsorted": [...], "written": [...], "exception": {"type", "message", "file"}};
  --format github: one ::error annotation per unsorted file.

Exit codes: 0 sorted (or fixed); 1 an unsorted init, or an init the script would stop on (its
error is printed); 2 bad usage, no project, or a fix that could not be written; 3 internal error.

Examples:
  kensa init-isort                  # check, like `python utils/custom_init_isort.py --check_only`
  kensa init-isort --fix            # rewrite, like `python utils/custom_init_isort.py` (make style)
  kensa -C ~/src/diffusers init-isort --strict --format github)";

}  // namespace

int RunInitIsortCheck(const CheckProject& project, const CheckCommandOptions& options,
                      CheckOutput* out) {
  checks::InitIsortOptions check = checks::InitIsortOptionsFor(project.layout);
  check.fix = options.fix;
  check.strict = options.strict;
  checks::InitIsortReport report = checks::CheckInitIsort(*project.tree, check);

  // What the script wrote before it stopped is written too.
  std::vector<std::string> written;
  if (options.fix && !ApplyCheckEdits("init-isort", project, report.edits, &written, out)) {
    return kExitUsage;
  }
  bool failed = !report.exception.empty();
  std::string finding = "the _import_structure of this init is not sorted as isort sorts it";

  if (options.json) {
    out->Json(render::InitIsortJson(report, written));
    return failed ? kExitFindings : kExitOk;
  }
  for (const std::string& line : report.printed) out->Out(line + "\n");
  if (options.format == "github" && !options.fix) {
    for (const std::string& p : report.unsorted) out->Out(GithubAnnotation(p, 0, finding));
  }
  if (options.strict && !options.fix && options.format == "text") {
    for (const std::string& p : report.unsorted) out->Err(p + ": " + finding + "\n");
  }
  PrintScriptException("init-isort", "custom_init_isort.py", report.exception_path,
                       report.exception_type, report.exception, out);
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupInitIsortCommand(CLI::App& sub) {
  return SetupCheckCommand(
      sub, "init-isort",
      {.fix = "Rewrite the unsorted inits (the script without --check_only, as make style runs it)",
       .strict = "Count and name every unsorted init (the script always says 1)",
       .json = "Print the result as JSON",
       .with_preset = true,
       .footer = kFooter});
}

}  // namespace kensa::cli
