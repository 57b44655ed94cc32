// `kensa dummies`: the dummy-objects check of utils/check_dummies.py — diffusers' script, or
// transformers' under the transformers preset — with the same message and exit status, and with
// --fix the same rewritten files (--fix_and_overwrite). The analysis is checks/dummies.h; this
// file finds the project, prints, and applies the edits.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/edit.h"
#include "checks/dummies.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] = R"(What is checked (as the project's utils/check_dummies.py does):
  In the main __init__.py, after `if TYPE_CHECKING`, each guard naming backends
  (`if not (is_torch_available() and is_scipy_available()):`) is followed by `else:` and the
  imports of what needs them. utils/dummy_<backend>_objects.py (torch is `pt`) must hold a
  placeholder for each imported name, generated from a fixed template: a class for CamelCase
  names, a function for lower_case ones, `NAME = None` for UPPER_CASE. The init is read line by
  line as the script reads it, not parsed.
  Under the transformers preset, transformers' own copy of the script: only an indented
  `if not is_x_available()` line is a guard, its backends are sorted (`torch_and_vision`), a
  guard without objects still gets a file, classes have no from_config/from_pretrained, and a
  stale file's message quotes excerpts of the torch dummies (where that raises KeyError or
  UnboundLocalError instead, kensa says so, as it does for any exception of the script).

Where the script is wrong (--strict reports instead of reproducing):
  A comment line in an import list becomes a "dummy object" (`class # comment(...)`, invalid
  Python); a dummy file whose backend left the init is never checked or removed.

Output:
  The script's messages ("The main __init__ has objects that are not present in ...", or with
  --fix "Updating ... as the main __init__ has new objects."); --json gives
  {"findings": [{"kind", "file", "line", "message"}], "written": [...], "created": [...]};
  --format github prints workflow annotations (::error file=...,line=...::message).

Exit codes: 0 every dummy file is up to date (or was fixed); 1 a stale dummy file, a --strict
finding, or an init the script would stop on (its error is printed); 2 bad usage, no project,
or a fix that could not be written; 3 internal error.

Examples:
  kensa dummies                     # check, like `python utils/check_dummies.py`
  kensa dummies --fix               # rewrite, like `--fix_and_overwrite` (part of make fix-copies)
  kensa -C ~/src/diffusers dummies --strict --format github
  kensa -C ~/src/transformers dummies   # transformers' script (the preset from the package))";

std::string Location(const checks::DummiesFinding& f) {
  return f.line > 0 ? f.path + ":" + std::to_string(f.line) : f.path;
}

}  // namespace

int RunDummiesCheck(const CheckProject& project, const CheckCommandOptions& options,
                    CheckOutput* out) {
  checks::DummiesOptions check = checks::DummiesOptionsFor(project.layout);
  check.fix = options.fix;
  check.strict = options.strict;
  checks::DummiesReport report = checks::CheckDummies(*project.tree, check);

  std::vector<std::string> written;
  if (options.fix && !ApplyCheckEdits("dummies", project, report.edits, &written, out)) {
    return kExitUsage;
  }

  bool failed = !report.exception.empty();
  for (const checks::DummiesFinding& f : report.findings) {
    if (f.kind != checks::DummiesFinding::Kind::kStale) failed = true;
  }

  if (options.json) {
    out->Json(render::DummiesJson(report, written));
    return failed ? kExitFindings : kExitOk;
  }

  // The script's own lines, on the stream it uses, byte for byte.
  for (const std::string& line : report.printed) out->Out(line + "\n");
  for (const std::string& p : report.created) {
    out->Err("kensa dummies: created " + p + " (a backend without a dummy file)\n");
  }
  for (const checks::DummiesFinding& f : report.findings) {
    bool is_script_message = f.kind == checks::DummiesFinding::Kind::kStale;
    if (options.format == "github") {
      out->Out(GithubAnnotation(f.path, f.line, f.message));
    } else if (!is_script_message) {
      out->Err(Location(f) + ": " + f.message + "\n");
    }
  }
  PrintScriptException("dummies", "check_dummies.py", "", report.exception_type, report.exception,
                       out);
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupDummiesCommand(CLI::App& sub) {
  return SetupCheckCommand(
      sub, "dummies",
      {.fix = "Rewrite the stale dummy files (like --fix_and_overwrite / make fix-copies)",
       .strict = "Report the script's two mistakes (comment lines, orphan dummy files) instead of "
                 "reproducing them",
       .with_preset = true,
       .footer = kFooter});
}

}  // namespace kensa::cli
