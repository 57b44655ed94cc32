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
#include "cli/command.h"
#include "cli/json_writer.h"
#include "project/disk_tree.h"
#include "project/layout.h"
#include "project/project_root.h"

namespace kensa::cli {
namespace {

struct InitIsortCommandOptions {
  bool fix = false;
  bool strict = false;
  bool json = false;
  std::string format = "text";
  std::string directory = ".";
  std::string preset;
};

constexpr char kFooter[] = R"(What is checked (as the project's utils/custom_init_isort.py does):
  Every __init__.py under the library folder that mentions `_import_structure` is split into
  indented blocks from the line `_import_structure = {` to `if TYPE_CHECKING:`; the keys of the
  dictionary and of each `_import_structure["x"] = [...]` / `.extend([...])` must be sorted, and
  the names in each list must follow isort's order: UPPER_CASE, then CamelCase, then
  lower_case, each ignoring case and underscores. The files are read as text, not parsed.

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

void PrintError(const std::string& message) {
  std::fprintf(stderr, "kensa init-isort: %s\n", message.c_str());
}

int Run(const InitIsortCommandOptions& options) {
  if (options.format != "text" && options.format != "github") {
    PrintError("--format must be text or github, not '" + options.format + "'");
    return kExitUsage;
  }
  std::string error;
  std::optional<project::ProjectRoot> root = project::FindProjectRoot(options.directory, &error);
  if (!root) {
    PrintError(error);
    return kExitUsage;
  }
  project::DiskTree tree(root->root);
  project::Layout layout;
  std::vector<project::Diagnostic> diagnostics;
  if (!project::DetectLayout(tree, {options.preset}, &layout, &diagnostics, &error)) {
    PrintError(error);
    return kExitUsage;
  }
  if (layout.package_dir.empty()) {
    PrintError("no Python package found under " + root->root +
               " (the check walks one, e.g. src/diffusers); see --preset");
    return kExitUsage;
  }
  checks::InitIsortOptions check;
  check.library_path = layout.package_dir;
  check.fix = options.fix;
  check.strict = options.strict;
  checks::InitIsortReport report = checks::CheckInitIsort(tree, check);

  // What the script wrote before it stopped is written too.
  std::vector<std::string> written;
  if (options.fix && !report.edits.empty()) {
    std::vector<Edit> edits = report.edits;
    for (Edit& e : edits) e.path = root->root + "/" + e.path;
    ApplyResult applied = ApplyEdits(edits, {LineEndings::kVerbatim, nullptr});
    if (!applied.ok()) {
      PrintError("could not write the fix: " + applied.error);
      return kExitUsage;
    }
    for (const Edit& e : report.edits) written.push_back(e.path);
  }
  bool failed = !report.exception.empty();
  std::string finding = "the _import_structure of this init is not sorted as isort sorts it";

  if (options.json) {
    std::string out;
    JsonWriter w(&out);
    w.BeginObject();
    w.Key("unsorted").StringArray(report.unsorted);
    w.Key("written").StringArray(written);
    if (!report.exception.empty()) {
      w.Key("exception").BeginObject();
      w.Key("type").String(report.exception_type);
      w.Key("message").String(report.exception);
      w.Key("file").String(report.exception_path);
      w.EndObject();
    }
    w.EndObject();
    w.Finish();
    std::printf("%s\n", out.c_str());
    return failed ? kExitFindings : kExitOk;
  }
  for (const std::string& line : report.printed) std::printf("%s\n", line.c_str());
  if (options.format == "github" && !options.fix) {
    for (const std::string& p : report.unsorted) {
      std::printf("::error file=%s::%s\n", p.c_str(), finding.c_str());
    }
  }
  std::fflush(stdout);
  if (options.strict && !options.fix && options.format == "text") {
    for (const std::string& p : report.unsorted) {
      std::fprintf(stderr, "%s: %s\n", p.c_str(), finding.c_str());
    }
  }
  if (report.exception_type == "ValueError") {
    std::fprintf(stderr, "%s\n", report.exception.c_str());
  } else if (failed) {
    std::fprintf(stderr, "kensa init-isort: %s: custom_init_isort.py would stop here with %s: %s\n",
                 report.exception_path.c_str(), report.exception_type.c_str(),
                 report.exception.c_str());
  }
  return failed ? kExitFindings : kExitOk;
}

}  // namespace

CommandRunner SetupInitIsortCommand(CLI::App& sub) {
  auto options = std::make_shared<InitIsortCommandOptions>();
  sub.add_flag(
      "--fix", options->fix,
      "Rewrite the unsorted inits (the script without --check_only, as make style runs it)");
  sub.add_flag("--strict", options->strict,
               "Count and name every unsorted init (the script always says 1)");
  sub.add_flag("--json", options->json, "Print the result as JSON");
  sub.add_option("--format", options->format, "text (default) or github (workflow annotations)")
      ->option_text("FORMAT");
  sub.add_option("-C", options->directory, "Run in DIR (any directory inside the project)")
      ->option_text("DIR");
  sub.add_option("--preset", options->preset,
                 "transformers, diffusers or generic (default: detect)");
  sub.footer(kFooter);
  return [options] { return Run(*options); };
}

}  // namespace kensa::cli
