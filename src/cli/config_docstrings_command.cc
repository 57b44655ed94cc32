// `kensa config-docstrings`: transformers' utils/check_config_docstrings.py (`make
// check-repository-consistency`, checker config_docstrings) — every configuration class of
// CONFIG_MAPPING names a checkpoint as [org/name](https://huggingface.co/org/name) — with the
// script's message and exit status, read statically instead of importing the library. The
// analysis is checks/config_docstrings.h; this file prints.
#include <CLI/CLI.hpp>
#include <string>

#include "checks/config_docstrings.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] =
    R"(What is checked (as transformers' utils/check_config_docstrings.py does):
  each class CONFIG_MAPPING_NAMES (src/transformers/models/auto/configuration_auto.py) names,
  found as the library's lazy CONFIG_MAPPING finds it (the package models/<model type>, "-" as
  "_", SPECIAL_MODEL_TYPE_TO_MODULE_NAME and DEPRECATED_MODELS applied), must contain in its
  source (decorators and docstring included) a link [NAME](https://huggingface.co/NAME), a
  trailing "/" allowed. Deprecated models (models/deprecated/) and the script's ignore list
  (EncoderDecoderConfig, LlamaConfig, RagConfig, ...) are skipped. kensa never imports
  transformers: it reads the class statement in the package's configuration_*.py files.

Output:
  The script's ValueError message on stderr: "The following configurations don't contain any
  valid checkpoint:" and the class names, sorted, one a line; exit 1. What the import would
  know but a static reading cannot (no class statement for a name: a class re-exported from
  elsewhere or built by a call; a missing package) is reported as
  "kensa config-docstrings: FILE:LINE: ..." (exit 1) rather than guessed. --json:
  {"findings": [{"kind": "no-checkpoint"|"unresolved", "class", "model_type", "file", "line",
  "message"}], "checked", "exception"?}; --format github: an annotation per finding.

Exit codes: 0 every class has a checkpoint; 1 a class without one, or one kensa cannot read
statically; 2 bad usage or no project; 3 internal error.

Examples:
  kensa config-docstrings             # like `python utils/check_config_docstrings.py`
  kensa config-docstrings --json
  kensa -C ~/src/transformers config-docstrings --format github)";

}  // namespace

int RunConfigDocstringsCheck(const CheckProject& project, const CheckCommandOptions& options,
                             CheckOutput* out) {
  checks::ConfigDocstringsReport report = checks::CheckConfigDocstrings(*project.tree);
  bool failed = !report.exception_type.empty() || !report.findings.empty();
  if (options.json) {
    out->Json(render::ConfigDocstringsJson(report));
    return failed ? kExitFindings : kExitOk;
  }
  using Kind = checks::ConfigDocstringsFinding::Kind;
  if (options.format == "github") {
    for (const checks::ConfigDocstringsFinding& f : report.findings)
      out->Out(GithubAnnotation(f.file, f.line, f.message));
  }
  if (report.exception_type == "kensa") {
    out->Err("kensa config-docstrings: " + report.exception_path + ": " + report.exception + "\n");
    return kExitFindings;
  }
  PrintScriptException("config-docstrings", "check_config_docstrings.py", report.exception_path,
                       report.exception_type, report.exception, out);
  for (const checks::ConfigDocstringsFinding& f : report.findings) {
    if (f.kind != Kind::kUnresolved) continue;
    out->Err("kensa config-docstrings: " + f.file +
             (f.line > 0 ? ":" + std::to_string(f.line) : "") + ": " + f.message + "\n");
  }
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupConfigDocstringsCommand(CLI::App& sub) {
  return SetupCheckCommand(sub, "config-docstrings",
                           {.json = "Print the result as JSON", .footer = kFooter});
}

}  // namespace kensa::cli
