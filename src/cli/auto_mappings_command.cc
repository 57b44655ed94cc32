// `kensa auto-mappings`: transformers' utils/sort_auto_mappings.py — the OrderedDict mappings of
// src/<package>/models/auto/*.py sorted by model name. `kensa auto-mappings` is the script's
// --check_only (make quality, make repo-consistency), `--fix` its default (make style). Same
// message, exit status and rewritten files; the analysis is checks/auto_mappings.h.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "checks/auto_mappings.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] =
    R"footer(What is checked (as transformers' utils/sort_auto_mappings.py does):
  In every src/<package>/models/auto/*.py, each mapping opened by a line such as
  `MODEL_MAPPING_NAMES = OrderedDict(` (the regex [A-Z_]+_MAPPING(\s+|_[A-Z_]+\s+)=\s+OrderedDict)
  lists its entries 8 columns deeper than that line; an entry is one line, or from a line that
  is "(" alone to its ")". The entries up to the line "]" must be sorted by their first quoted
  name (Python's str order: "Z" before "a"). The files are read as text, not parsed. As in the
  script, a mapping whose "]" or first entry never comes, or an entry without a quoted name
  (a comment, a blank line), stops the check with the script's IndexError or AttributeError.

Where kensa differs (on purpose):
  The script takes the files in os.listdir order (hash order on ext4: it varies from one
  machine to another); kensa takes them by name, so the files in its message are sorted. The
  script's fix rewrites every file; kensa writes only the files whose bytes change (the tree
  ends the same: a CRLF file comes out LF either way).

Output:
  Check: "The following files have auto mappings that need sorting: FILE, FILE. Run `make
  style` to fix this." on stderr, exit 1. A file the script would stop on: "kensa
  auto-mappings: FILE: sort_auto_mappings.py would stop here with IndexError: list index out of
  range". --json: {"unsorted": [{"file", "line"}], "written", "exception"?}; --format github: an
  ::error annotation per unsorted file, at the first line the sort would change.

Exit codes: 0 sorted (or fixed); 1 an unsorted mapping, or a file the script would stop on;
2 bad usage, no project (the check needs the package), or a fix that could not be written;
3 internal error.

Examples:
  kensa auto-mappings               # like `python utils/sort_auto_mappings.py --check_only`
  kensa auto-mappings --fix         # like `python utils/sort_auto_mappings.py` (make style)
  kensa -C ~/src/transformers auto-mappings --format github)footer";

}  // namespace

int RunAutoMappingsCheck(const CheckProject& project, const CheckCommandOptions& options,
                         CheckOutput* out) {
  checks::AutoMappingsOptions check;
  check.auto_dir = project.layout.package_dir + "/models/auto";
  check.fix = options.fix;
  checks::AutoMappingsReport report = checks::CheckAutoMappings(*project.tree, check);
  if (report.exception_type == "kensa") {  // a pattern PCRE2 could not compile: kensa's failure
    out->Err("kensa auto-mappings: " + report.exception + "\n");
    return kExitInternal;
  }

  // What the script wrote before it stopped is written too.
  std::vector<std::string> written;
  if (options.fix && !ApplyCheckEdits("auto-mappings", project, report.edits, &written, out)) {
    return kExitUsage;
  }
  bool failed = !report.exception_type.empty();
  if (options.json) {
    out->Json(render::AutoMappingsJson(report, written));
    return failed ? kExitFindings : kExitOk;
  }
  if (options.format == "github") {
    for (const checks::AutoMappingsFinding& f : report.unsorted) {
      out->Out(GithubAnnotation(f.file, f.line,
                                "the auto mappings of this file are not sorted; run `make style`"));
    }
  }
  PrintScriptException("auto-mappings", "sort_auto_mappings.py", report.exception_path,
                       report.exception_type, report.exception, out);
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupAutoMappingsCommand(CLI::App& sub) {
  return SetupCheckCommand(
      sub, "auto-mappings",
      {.fix = "Sort the mappings in place (the script without --check_only, as make style "
              "runs it)",
       .json = "Print the result as JSON",
       .with_preset = true,
       .footer = kFooter});
}

}  // namespace kensa::cli
