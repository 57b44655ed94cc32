// `kensa pipeline-typing`: transformers' utils/check_pipeline_typing.py (checker
// pipeline_typing of `make check-repository-consistency`; --fix_and_overwrite in `make
// fix-repo`) — the `@overload` signatures generated into src/transformers/pipelines/__init__.py,
// one per SUPPORTED_TASKS task, match `pipeline()`'s own signature — with the script's messages,
// exit status and rewritten file, read statically instead of importing the library. The
// analysis is checks/pipeline_typing.h; this file prints and writes.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "checks/pipeline_typing.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] =
    R"(What is checked (as transformers' utils/check_pipeline_typing.py does):
  in src/transformers/pipelines/__init__.py, the code between "# <generated-code>" and
  "# </generated-code>" must be what the script generates: a banner, then for `Pipeline` and
  for each task of SUPPORTED_TASKS (sorted by the quoted task name) an `@overload` of
  `def pipeline(...)` with its signature on one line, `task: str | None = None` replaced by
  `task: Literal["TASK"]`, returning the task's "impl" class. kensa reads SUPPORTED_TASKS from
  its dict literal and never imports transformers; a SUPPORTED_TASKS it cannot read statically
  (not a literal, changed after it) is an error, never a guess.

Fix (--fix, the script's --fix_and_overwrite):
  Prints "Updating src/transformers/pipelines/__init__.py..." and rewrites the generated block.
  As in the script, the whole file is written with "\n" line endings.

Output:
  The script's ValueError message on stderr: "Found inconsistencies in PATH. Run `python
  utils/check_pipeline_typing.py --fix_and_overwrite` to fix them.", or "Can't find `task: str
  | None = None` in pipeline signature: ..."; exit 1. What else the script would die of (a
  missing marker or signature: AttributeError; a task without "impl": KeyError) is "kensa
  pipeline-typing: FILE: check_pipeline_typing.py would stop here with TYPE: MESSAGE". --json:
  {"stale", "line", "written", "exception"?}.

Exit codes: 0 the generated code is current (or was regenerated); 1 stale, or the script would
stop; 2 bad usage, no project, a pipelines module kensa cannot read statically, or a fix that
could not be written; 3 internal error.

Examples:
  kensa pipeline-typing               # like `python utils/check_pipeline_typing.py`
  kensa pipeline-typing --fix         # like `... --fix_and_overwrite`
  kensa -C ~/src/transformers pipeline-typing --format github)";

}  // namespace

int RunPipelineTypingCheck(const CheckProject& project, const CheckCommandOptions& options,
                           CheckOutput* out) {
  checks::PipelineTypingReport report = checks::CheckPipelineTyping(*project.tree, options.fix);
  if (!report.tool_error.empty()) {
    out->Err("kensa pipeline-typing: " + report.tool_error + "\n");
    return kExitUsage;
  }
  std::vector<std::string> written;
  if (options.fix && !report.edits.empty()) {
    if (!options.json) out->Out("Updating " + std::string(checks::kPipelineTypingFile) + "...\n");
    if (!ApplyCheckEdits("pipeline-typing", project, report.edits, &written, out))
      return kExitUsage;
  }
  bool failed = !report.exception_type.empty();
  if (options.json) {
    out->Json(render::PipelineTypingJson(report, written));
    return failed ? kExitFindings : kExitOk;
  }
  if (options.format == "github" && report.stale && !options.fix) {
    out->Out(GithubAnnotation(checks::kPipelineTypingFile, report.line,
                              "the generated pipeline() overloads are stale; run kensa "
                              "pipeline-typing --fix"));
  }
  PrintScriptException("pipeline-typing", "check_pipeline_typing.py", checks::kPipelineTypingFile,
                       report.exception_type, report.exception, out);
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupPipelineTypingCommand(CLI::App& sub) {
  return SetupCheckCommand(
      sub, "pipeline-typing",
      {.fix = "Regenerate the overloads in place (the script's --fix_and_overwrite)",
       .json = "Print the result as JSON",
       .footer = kFooter});
}

}  // namespace kensa::cli
