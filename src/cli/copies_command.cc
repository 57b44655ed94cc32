// `kensa copies`: the "# Copied from"
// consistency check of utils/check_copies.py, with the same messages and exit status, and in
// fix mode the same rewritten files. The analysis is checks/copies.h; this file finds the
// project, runs it with a ruff-backed formatter, prints, and applies the edits.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/atomic_file.h"
#include "base/edit.h"
#include "checks/copies.h"
#include "cli/cached_formatter.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/ruff_formatter.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

struct CopiesCommandOptions : CheckCommandOptions {
  bool stats = false;
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
  kensa copies --fix -C ~/src/diffusers
  kensa copies --formatter "/opt/ruff/bin/ruff format --config pyproject.toml")";

// The check, with copies' own options: `only_file` (transformers' --file) and `stats`.
int RunCopies(const CheckProject& project, const CheckCommandOptions& options,
              const std::string& only_file, bool stats, CheckOutput* out) {
  auto started = std::chrono::steady_clock::now();
  const project::Layout& layout = project.layout;

  checks::CopiesOptions check_options;
  if (layout.preset.name == "transformers") {
    check_options.preset = checks::TransformersCopiesPreset();
  } else {
    check_options.preset.library_path = layout.package_dir;
    check_options.preset.package = layout.package;
  }
  check_options.fix = options.fix;
  if (!only_file.empty()) {
    if (check_options.preset.flavor != checks::CopiesPreset::Flavor::kTransformers) {
      out->Err(
          "kensa copies: --file is an option of transformers' check_copies.py (--preset "
          "transformers)\n");
      return kExitUsage;
    }
    check_options.only_file = only_file;
  }
  std::vector<std::string> command = options.formatter.empty()
                                         ? RuffFormatter::DefaultCommand()
                                         : RuffFormatter::ParseCommand(options.formatter);
  RuffFormatter ruff(command, project.root.root);
  CachedFormatter formatter(&ruff, command, project.root.root,
                            options.no_formatter_cache ? "" : UserCacheDirectory());
  checks::CopiesReport report = checks::CheckCopies(*project.tree, check_options, &formatter);

  auto finish = [&](int code) {
    if (stats) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      out->Err(fmt::format(
          "copies: {} files, {} copies, {} snippets formatted ({} from the cache) in {} "
          "formatter run(s), {} mismatches, {:.3f} s\n",
          report.stats.files_scanned, report.stats.copies, report.stats.snippets_formatted,
          formatter.hits(), formatter.inner_runs(), report.mismatches.size(), seconds));
    }
    return code;
  };

  if (!report.tool_error.empty()) {
    out->Err("kensa copies: " + report.tool_error + "\n");
    return finish(kExitUsage);
  }
  int code = report.exception.empty() ? kExitOk : kExitFindings;
  if (options.json) {
    if (options.fix && !ApplyCheckEdits("copies", project, report.edits, nullptr, out)) {
      return finish(kExitUsage);
    }
    out->Json(render::CopiesJson(report));
    return finish(code);
  }
  // The script's check fails with `Exception` naming the copies; github annotates each instead.
  bool annotate =
      options.format == "github" && !options.fix && report.exception_type == "Exception";
  if (annotate) {
    for (const checks::CopyMismatch& m : report.mismatches) {
      out->Out(GithubAnnotation(
          m.path, m.line,
          "copy does not match " + m.object_name + " (# Copied from); run `kensa fix-copies`"));
    }
    return finish(code);
  }
  for (const std::string& line : report.printed) out->Out(line + "\n");
  if (options.fix && !ApplyCheckEdits("copies", project, report.edits, nullptr, out)) {
    return finish(kExitUsage);
  }
  if (!report.exception.empty()) out->Err(report.exception + "\n");
  return finish(code);
}

int Run(const CopiesCommandOptions& options) {
  if (!ValidCheckFormat("copies", options.format)) return kExitUsage;
  std::optional<CheckProject> project =
      OpenCheckProject("copies", options.directory, options.preset, true);
  if (!project) return kExitUsage;
  CheckOutput out;
  int code = RunCopies(*project, options, options.file, options.stats, &out);
  out.Flush();
  return code;
}

CommandRunner Setup(CLI::App& sub) {
  auto options = std::make_shared<CopiesCommandOptions>();
  AddCheckOptions(sub, options.get(),
                  "Rewrite the copies that differ (like --fix_and_overwrite; `kensa fix-copies` "
                  "also fixes the dummies, as make fix-copies does)",
                  nullptr, "Print the mismatches (or the fixed copies) as JSON", true);
  AddFormatterOption(sub, options.get());
  sub.add_option("--file", options->file,
                 "Transformers: check (or fix) only this file, named from the project root")
      ->option_text("PATH");
  sub.add_flag("--stats", options->stats, "Print counts and the time taken on stderr");
  sub.footer(kFooter);
  return [options] { return Run(*options); };
}

}  // namespace

int RunCopiesCheck(const CheckProject& project, const CheckCommandOptions& options,
                   CheckOutput* out) {
  return RunCopies(project, options, "", false, out);
}

CommandRunner SetupCopiesCommand(CLI::App& sub) {
  return Setup(sub);
}

}  // namespace kensa::cli
