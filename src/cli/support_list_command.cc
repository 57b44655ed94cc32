// `kensa support-list`: diffusers' utils/check_support_list.py — every attention processor,
// image processor, activation, normalization and LoRA loader mixin has an `[[autodoc]]` entry
// in its API page — with the script's message and exit status. The analysis is
// checks/support_list.h; this file finds the project and prints.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "checks/support_list.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] = R"(What is checked (as the project's utils/check_support_list.py does):
  For each category, the classes a regular expression finds in the source file must be named
  by an `[[autodoc]] module.Class` line of the doc page:
    Attention Processors  models/attention_processor.py  docs/source/en/api/attnprocessor.md
    Image Processors      image_processor.py             docs/source/en/api/image_processor.md
    Activations           models/activations.py          docs/source/en/api/activations.md
    Normalizations        models/normalization.py        docs/source/en/api/normalization.md
    LoRA Mixins           loaders/lora_pipeline.py       docs/source/en/api/loaders/lora.md
  The script has no fix mode: add the missing `[[autodoc]]` lines by hand.

Output:
  The script's message ("Some classes are not documented properly:" and one line per category);
  --json gives {"findings": [{"kind": "undocumented", "category", "class", "file", "line",
  "doc"}], "exception": {"type", "message"}}; --format github prints one workflow annotation
  per class, at its class statement.

Exit codes: 0 every class is documented; 1 a class is not, or a file the script would stop on
(missing, not UTF-8; its error is printed); 2 bad usage or no project; 3 internal error.

Examples:
  kensa support-list                 # like `python utils/check_support_list.py`
  kensa -C ~/src/diffusers support-list --format github)";

}  // namespace

int RunSupportListCheck(const CheckProject& project, const CheckCommandOptions& options,
                        CheckOutput* out) {
  checks::SupportListReport report =
      checks::CheckSupportList(*project.tree, checks::DiffusersSupportLists());
  if (report.exception_type == "kensa") {  // a pattern PCRE2 could not run: kensa's failure
    out->Err("kensa support-list: " + report.exception + "\n");
    return kExitInternal;
  }
  bool failed = !report.exception_type.empty();

  if (options.json) {
    out->Json(render::SupportListJson(report));
    return failed ? kExitFindings : kExitOk;
  }
  if (options.format == "github") {
    for (const checks::UndocumentedClass& c : report.undocumented) {
      out->Out(GithubAnnotation(
          c.src_path, c.line,
          c.name + " (" + c.category + ") has no [[autodoc]] entry in " + c.doc_path));
    }
  }
  PrintScriptException("support-list", "check_support_list.py", report.exception_path,
                       report.exception_type, report.exception, out);
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupSupportListCommand(CLI::App& sub) {
  return SetupCheckCommand(sub, "support-list", {.footer = kFooter});
}

}  // namespace kensa::cli
