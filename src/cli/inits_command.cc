// `kensa inits`: utils/check_inits.py — both halves of every custom init (`_import_structure`
// and `TYPE_CHECKING`) define the same objects per backend, and every submodule is a key of
// the main init's `_import_structure` — with the script's message and exit status, run on the
// project's package (diffusers' copy of the script still points at src/transformers). The
// analysis is checks/inits.h; this file finds the project and prints.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "checks/inits.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] =
    R"(What is checked (as utils/check_inits.py does, on the project's package):
  Every __init__.py with a line starting `_import_structure = {` is read line by line with the
  script's regular expressions: the objects of the `_import_structure` dict and of the
  `TYPE_CHECKING` imports, per backend (`if not is_xxx_available()` inside `try:`, objects
  after its `else:`). Both halves must name the same backends, in the same order, and the same
  objects, without duplicates. Then every submodule of the package (folders with a .py file,
  top-level modules) must be a key of the main init's `_import_structure`.
  diffusers' copy of the script points at src/transformers, so on diffusers it checks nothing;
  kensa checks the package instead. The script imports the package for the keys; kensa reads
  them from the main init (the dict literal and every `_import_structure["key"]`), as
  transformers' current script also does. The ignored submodules follow the preset.
  There is no fix mode.

Output:
  The script's ValueError message; --json gives {"findings": [{"kind": "init", "file",
  "errors"} | {"kind": "unregistered", "submodule"}], "exception": {"type", "message"}};
  --format github prints one workflow annotation per init (its lines) or submodule.

Exit codes: 0 the inits agree; 1 they do not, or a file the script would stop on (its error is
printed); 2 bad usage or no project; 3 internal error.

Examples:
  kensa inits                        # like `python utils/check_inits.py` on the package
  kensa -C ~/src/transformers inits --json)";

}  // namespace

int RunInitsCheck(const CheckProject& project, const CheckCommandOptions& options,
                  CheckOutput* out) {
  checks::InitsOptions check;
  check.library_path = project.layout.package_dir;
  if (project.layout.preset.name == "transformers") {
    check.ignore_submodules = checks::TransformersIgnoredSubmodules();
  }
  checks::InitsReport report = checks::CheckInits(*project.tree, check);
  bool failed = !report.exception_type.empty();

  if (options.json) {
    out->Json(render::InitsJson(report));
    return failed ? kExitFindings : kExitOk;
  }
  if (options.format == "github") {
    for (const checks::InitProblem& p : report.problems) {
      // The whole list in one annotation (its line breaks escaped).
      std::string message = "both halves of the init do not define the same objects";
      for (const std::string& line : p.errors) message += "\n" + line;
      out->Out(GithubAnnotation(p.path, 0, message));
    }
    for (const std::string& m : report.unregistered) {
      out->Out(GithubAnnotation(check.library_path + "/__init__.py", 0,
                                "submodule " + m + " is not a key of _import_structure"));
    }
  }
  PrintScriptException("inits", "check_inits.py", report.exception_path, report.exception_type,
                       report.exception, out);
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupInitsCommand(CLI::App& sub) {
  return SetupCheckCommand(sub, "inits", {.with_preset = true, .footer = kFooter});
}

}  // namespace kensa::cli
