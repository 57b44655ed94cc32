// `kensa copies` (and its alias `kensa fix-copies` = `kensa copies --fix`): the "# Copied from"
// consistency check of utils/check_copies.py, with the same messages and exit status, and in
// fix mode the same rewritten files. The analysis is checks/copies.h; this file finds the
// project, runs it with a ruff-backed formatter, prints, and applies the edits.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/edit.h"
#include "checks/copies.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/ruff_formatter.h"

namespace kensa::cli {
namespace {

struct CopiesCommandOptions {
  bool fix = false;
  bool stats = false;
  std::string directory = ".";
  std::string preset;
  std::string formatter;
  std::string file;
};

constexpr char kFooter[] = R"(What is checked (as the project's utils/check_copies.py does):
  Code under a `# Copied from <package>.<module>.<Object>` comment must equal the original
  object; `with A->B, C->D` applies re.sub(A, B) then re.sub(C, D) first, `all-casing`
  also the lower- and upper-case forms, and code with replacements is compared after
  `ruff format`. Objects and copies are found by indentation, not by parsing; a
  `# End copy` line ends a copy early. Under the transformers preset, copies are compared
  block by block (a block holding `# Ignore copy` may differ), test files copy with
  `# Copied from tests.…`, and the script's whole-file copies are checked too.

Formatter:
  All snippets that need formatting go to one formatter run: by default
  `ruff format --config pyproject.toml <files>` started in the project root (ruff must be on
  PATH). --formatter CMD replaces that command; the snippet files are appended to CMD, which
  must format them in place.

Regular expressions:
  A and B of `with A->B` are a Python regex and a re.sub template (kensa runs them on PCRE2
  with Python's semantics). Where Python's re rejects one, the script dies with a traceback;
  kensa prints `<file>:<line>: invalid regular expression in `# Copied from`: <the call> fails:
  <Python's message>` and exits 1.

Exit codes: 0 all copies match (or were fixed); 1 copies differ, or the reference script would
stop with an error (the message is printed); 2 bad usage, no project, formatter unavailable, or
a fix could not be written; 3 internal error.

Examples:
  kensa copies                         # check, like `python utils/check_copies.py`
  kensa copies --fix                   # rewrite, like `--fix_and_overwrite` / `make fix-copies`
  kensa fix-copies -C ~/src/diffusers
  kensa copies --formatter "/opt/ruff/bin/ruff format --config pyproject.toml")";

void PrintError(const std::string& message) {
  std::fprintf(stderr, "kensa copies: %s\n", message.c_str());
}

int Run(const CopiesCommandOptions& options) {
  auto started = std::chrono::steady_clock::now();
  std::optional<CheckProject> project =
      OpenCheckProject("copies", options.directory, options.preset, true);
  if (!project) return kExitUsage;
  const project::Layout& layout = project->layout;

  checks::CopiesOptions check_options;
  if (layout.preset.name == "transformers") {
    check_options.preset = checks::TransformersCopiesPreset();
  } else {
    check_options.preset.library_path = layout.package_dir;
    check_options.preset.package = layout.package;
  }
  check_options.fix = options.fix;
  if (!options.file.empty()) {
    if (check_options.preset.flavor != checks::CopiesPreset::Flavor::kTransformers) {
      PrintError("--file is an option of transformers' check_copies.py (--preset transformers)");
      return kExitUsage;
    }
    check_options.only_file = options.file;
  }
  std::vector<std::string> command = options.formatter.empty()
                                         ? RuffFormatter::DefaultCommand()
                                         : RuffFormatter::ParseCommand(options.formatter);
  RuffFormatter formatter(command, project->root.root);
  checks::CopiesReport report = checks::CheckCopies(*project->tree, check_options, &formatter);

  auto finish = [&](int code) {
    if (options.stats) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr,
                   "copies: %zu files, %zu copies, %zu snippets formatted in %zu formatter "
                   "run(s), %zu mismatches, %.3f s\n",
                   report.stats.files_scanned, report.stats.copies, report.stats.snippets_formatted,
                   report.stats.formatter_runs, report.mismatches.size(), seconds);
    }
    return code;
  };

  if (!report.tool_error.empty()) {
    PrintError(report.tool_error);
    return finish(kExitUsage);
  }
  for (const std::string& line : report.printed) std::printf("%s\n", line.c_str());
  std::fflush(stdout);
  if (options.fix && !ApplyCheckEdits("copies", *project, report.edits, nullptr)) {
    return finish(kExitUsage);
  }
  if (!report.exception.empty()) {
    std::fprintf(stderr, "%s\n", report.exception.c_str());
    return finish(kExitFindings);
  }
  return finish(kExitOk);
}

CommandRunner Setup(CLI::App& sub, bool fix_only) {
  auto options = std::make_shared<CopiesCommandOptions>();
  options->fix = fix_only;
  if (!fix_only) {
    sub.add_flag("--fix", options->fix,
                 "Rewrite the copies that differ (like --fix_and_overwrite / make fix-copies)");
  }
  sub.add_option("-C", options->directory, "Run in DIR (any directory inside the project)")
      ->option_text("DIR");
  sub.add_option("--preset", options->preset,
                 "transformers, diffusers or generic (default: detect)");
  sub.add_option("--formatter", options->formatter,
                 "Formatter command the snippet files are appended to (default: ruff format "
                 "--config pyproject.toml)")
      ->option_text("CMD");
  sub.add_option("--file", options->file,
                 "Transformers: check (or fix) only this file, named from the project root")
      ->option_text("PATH");
  sub.add_flag("--stats", options->stats, "Print counts and the time taken on stderr");
  sub.footer(kFooter);
  return [options] { return Run(*options); };
}

}  // namespace

CommandRunner SetupCopiesCommand(CLI::App& sub) {
  return Setup(sub, false);
}
CommandRunner SetupFixCopiesCommand(CLI::App& sub) {
  return Setup(sub, true);
}

}  // namespace kensa::cli
