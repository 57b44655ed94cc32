// `kensa forward-docstrings`: diffusers' utils/check_forward_call_docstrings.py — the arguments
// of every model's forward() and pipeline's __call__() match its docstring — with the script's
// messages and exit status, and with --fix its rewritten files. The analysis is
// checks/forward_docstrings.h; this file finds the project, prints, and applies the edits.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/forward_docstrings.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] =
    R"(What is checked (as the project's utils/check_forward_call_docstrings.py does):
  forward() of classes deriving from ModelMixin (src/diffusers/models) and __call__() of
  classes deriving from DiffusionPipeline (src/diffusers/pipelines): every argument has an
  entry in the docstring's Args: section, no entry names a removed argument, and a method with
  a return annotation has a Returns: section. --fix deletes the stale entries.

Where the script is wrong (--strict fixes instead of reproducing):
  The fix indexes lines split at form feeds and U+2028 with ast's line numbers (deleting the
  wrong lines), rewrites CRLF files with LF, and dies on a file that is not UTF-8 (strict
  skips it, as the check does).

Exit codes: 0 all documented; 1 a mismatch (or the script's error); 2 bad usage, no project,
or a fix that could not be written; 3 internal error.

Examples:
  kensa forward-docstrings          # like `python utils/check_forward_call_docstrings.py`
  kensa forward-docstrings --fix    # like `... --fix`)";

}  // namespace

int RunForwardDocstringsCheck(const CheckProject& project, const CheckCommandOptions& options,
                              CheckOutput* out) {
  checks::ForwardDocstringsOptions check;
  check.fix = options.fix;
  check.strict = options.strict;
  checks::ForwardDocstringsReport report = checks::CheckForwardDocstrings(*project.tree, check);
  std::vector<std::string> written;
  if (options.fix && !ApplyCheckEdits("forward-docstrings", project, report.edits, &written, out)) {
    return kExitUsage;
  }
  bool crashed = !report.exception_type.empty();
  bool failed = crashed || !report.findings.empty();
  if (options.json) {
    out->Json(render::ForwardDocstringsJson(report, written));
    return failed ? kExitFindings : kExitOk;
  }
  if (crashed) {  // the script prints nothing before its traceback
    PrintScriptException("forward-docstrings", "check_forward_call_docstrings.py",
                         report.exception_path, report.exception_type, report.exception, out, "");
    return kExitFindings;
  }
  if (options.fix) {
    if (report.removed.empty()) {
      out->Out("No stale docstring entries to remove.\n");
    } else {
      out->Out("Removed stale docstring entries:\n");
      for (const std::string& s : report.removed) out->Out("  " + s + "\n");
    }
  }
  if (report.findings.empty()) {
    out->Out("All forward/__call__ arguments are documented.\n");
    return kExitOk;
  }
  bool stale = false;
  for (const checks::ForwardDocstringsFinding& f : report.findings) {
    if (options.format == "github") {
      out->Out(GithubAnnotation(f.path, f.line, f.message));
    } else {
      out->Out(f.message + "\n");
    }
    stale = stale || f.kind == checks::ForwardDocstringsFinding::Kind::kStale;
  }
  out->Err("\nFound " + std::to_string(report.findings.size()) +
           " docstring/signature mismatch(es).\n");
  if (!options.fix && stale) {
    out->Err(
        "Hint: run `python utils/check_forward_call_docstrings.py --fix` to remove the stale "
        "argument entries flagged above. (Missing-in-docstring entries must be added manually "
        "\u2014 the tool never inserts placeholders.)\n");
  }
  return kExitFindings;
}

CommandRunner SetupForwardDocstringsCommand(CLI::App& sub) {
  return SetupCheckCommand(
      sub, "forward-docstrings",
      {.fix = "Delete the stale argument entries (like --fix)",
       .strict = "Fix without the script's mistakes (line indexing, CRLF, non-UTF-8 files)",
       .footer = kFooter});
}

}  // namespace kensa::cli
