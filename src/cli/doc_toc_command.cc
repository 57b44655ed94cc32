// `kensa doc-toc`: the table-of-contents check of utils/check_doc_toc.py — diffusers' (the
// Schedulers section of docs/source/en/_toctree.yml) or transformers' (the Models section, by
// modality), as the project's preset says; same message and exit status; --fix writes the file
// as the script's --fix_and_overwrite does. The analysis is checks/doc_toc.h.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/edit.h"
#include "checks/doc_toc.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] = R"(What is checked (as the project's utils/check_doc_toc.py does):
  diffusers: in docs/source/en/_toctree.yml, the `sections` of the entry titled "Schedulers"
  under the entry titled "API" must be sorted by title, case-insensitively, with "Overview" and
  "AutoPipeline" first in their own order.
  transformers (its preset): under "API" > "Models", the `sections` of each modality (Text
  models, Vision models, ...) must be sorted by title, case-insensitively, each page once.
  In both, one page (`local`) listed under two titles is an error. The file is read as
  yaml.safe_load reads it; --fix writes it as yaml.dump(content, allow_unicode=True) does
  (keys sorted, comments dropped: the whole file is rewritten).

Where diffusers' script is wrong (--strict does it right):
  Its fix keeps every copy of an entry listed twice and adds one more; --strict keeps one.
  transformers' script keeps one already: --strict changes nothing there.

Output:
  Check: the script's message ("The model doc part of the table of content is not properly
  sorted, run `make style` to fix this.") on stderr, exit 1. --json:
  {"unsorted": bool, "written": [...], "exception": {"type", "message"}}; --format github: an
  ::error annotation on the file.

Exit codes: 0 sorted (or fixed); 1 unsorted, a duplicate with different titles, or a file the
script would stop on; 2 bad usage, no project, a YAML file kensa cannot load or write exactly as
PyYAML would, or a fix that could not be written; 3 internal error.

Examples:
  kensa doc-toc                     # check, like `python utils/check_doc_toc.py`
  kensa doc-toc --fix               # rewrite, like `--fix_and_overwrite` (make style)
  kensa -C ~/src/diffusers doc-toc --format github
  kensa -C ~/src/transformers doc-toc --fix)";

}  // namespace

int RunDocTocCheck(const CheckProject& project, const CheckCommandOptions& options,
                   CheckOutput* out) {
  checks::DocTocOptions check;
  check.flavour = checks::DocTocFlavourForPreset(project.layout.preset.name);
  check.fix = options.fix;
  check.strict = options.strict;
  checks::DocTocReport report = checks::CheckDocToc(*project.tree, check);
  if (!report.tool_error.empty()) {
    out->Err("kensa doc-toc: " + report.tool_error + "\n");
    return kExitUsage;
  }
  std::vector<std::string> written;
  if (options.fix && !ApplyCheckEdits("doc-toc", project, report.edits, &written, out)) {
    return kExitUsage;
  }
  bool failed = !report.exception.empty();
  if (options.json) {
    out->Json(render::DocTocJson(report, written));
    return failed ? kExitFindings : kExitOk;
  }
  if (failed && options.format == "github") {
    out->Out(GithubAnnotation(check.toc_path, 0, report.exception));
  } else {
    PrintScriptException("doc-toc", "check_doc_toc.py", check.toc_path, report.exception_type,
                         report.exception, out);
  }
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupDocTocCommand(CLI::App& sub) {
  return SetupCheckCommand(
      sub, "doc-toc",
      {.fix = "Rewrite the table of contents (like --fix_and_overwrite / make style)",
       .strict = "Keep one copy of a duplicated entry when fixing (diffusers' script keeps them "
                 "all)",
       .json = "Print the result as JSON",
       .with_preset = true /* the preset picks the script */,
       .footer = kFooter});
}

}  // namespace kensa::cli
