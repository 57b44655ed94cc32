// `kensa fixup`: diffusers' `make fixup` in one command —
//   modified_only_fixup   ruff check --fix and ruff format on the .py files the branch changed
//                         (utils/get_modified_files.py: `git diff --name-only` against the
//                         merge-base of main and HEAD, under the Makefile's check_dirs);
//   extra_style_checks    custom_init_isort.py and check_doc_toc.py --fix_and_overwrite;
//   autogenerate_code     setup.py deps_table_update;
//   repo-consistency      every check, as `kensa repo-consistency`.
// Like make, it stops at the first step that fails. The git work is libgit2's; ruff is the
// user's, run as the Makefile runs it, from the project root.
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/process.h"
#include "cli/check_command.h"
#include "cli/check_suite.h"
#include "cli/command.h"
#include "git/changed_paths.h"
#include "git/repository.h"

namespace kensa::cli {
namespace {

struct FixupOptions : CheckCommandOptions {
  std::string base = "main";
  std::vector<std::string> dirs = {"examples", "scripts", "src", "tests", "utils", "benchmarks"};
  std::string ruff = "ruff";
  bool skip_ruff = false;
};

constexpr char kFooter[] = R"(What it runs, stopping at the first step that fails (as make does):
  1. ruff check FILES --fix, then ruff format FILES, on the .py files under --dirs that differ
     (committed, staged or not) from the merge-base of --base and HEAD; untracked files are
     not included (utils/get_modified_files.py). Prints "Checking/fixing FILES", or "No
     library .py files were modified".
  2. kensa init-isort --fix, kensa doc-toc --fix          (make extra_style_checks)
  3. kensa deps-table --fix                               (make autogenerate_code)
  4. kensa repo-consistency                               (every check; --format applies)

Exit codes: 0 every step passed; 1 ruff left errors or a check failed; 2 bad usage, not a git
repository, no --base branch, ruff not found, or a fix that could not be written.

Examples:
  kensa fixup                        # like `make fixup` in a diffusers clone
  kensa fixup --base upstream/main   # the branch forked from another main
  kensa fixup --skip-ruff --format github)";

void PrintError(const std::string& message) {
  std::fprintf(stderr, "kensa fixup: %s\n", message.c_str());
}

// get_modified_files.py's regex `^(d1|d2|...).*?\.py$`: a path that starts with one of the
// names (no slash required, so `src` also takes `srcfoo/x.py`) and ends in .py.
bool UnderCheckDirs(const std::string& path, const std::vector<std::string>& dirs) {
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".py") != 0) return false;
  for (const std::string& d : dirs) {
    if (path.size() >= d.size() + 3 && path.compare(0, d.size(), d) == 0) return true;
  }
  return false;
}

std::optional<std::vector<std::string>> ModifiedPythonFiles(const FixupOptions& options,
                                                            std::string* root) {
  git::Result<git::Repository> repo = git::Repository::Discover(options.directory);
  if (!repo) {
    PrintError(repo.error().message);
    return std::nullopt;
  }
  if (repo->work_dir().empty()) {
    PrintError("a bare repository has no work tree to fix");
    return std::nullopt;
  }
  *root = repo->work_dir();
  git::Result<git::Oid> base = repo->ResolveCommit(options.base);
  git::Result<git::Oid> head = repo->ResolveCommit("HEAD");
  if (!base || !head) {
    PrintError("cannot find the fork point: " + (!base ? base.error() : head.error()).message +
               (!base ? " (name the branch this one forked from with --base)" : ""));
    return std::nullopt;
  }
  git::Result<git::Oid> fork = repo->MergeBase(*base, *head);
  if (!fork) {
    PrintError("no merge-base of " + options.base + " and HEAD: " + fork.error().message);
    return std::nullopt;
  }
  git::Result<std::vector<std::string>> changed = git::ChangedPathsSince(*repo, *fork);
  if (!changed) {
    PrintError(changed.error().message);
    return std::nullopt;
  }
  std::vector<std::string> files;
  for (const std::string& p : *changed) {
    if (UnderCheckDirs(p, options.dirs)) files.push_back(p);
  }
  return files;
}

// Runs the user's ruff in the foreground (its output is theirs); its exit code, or -1 after
// printing why it could not start.
int RunRuff(const FixupOptions& options, std::vector<std::string> argv) {
  argv.insert(argv.begin(), options.ruff);
  std::fflush(stdout);
  ForegroundResult run = RunForeground(argv);
  if (!run.started) {
    PrintError(run.start_errno == ENOENT
                   ? "`" + options.ruff +
                         "` was not found on PATH: install ruff (pip install ruff), name it "
                         "with --ruff PATH, or leave this step out with --skip-ruff"
                   : "cannot run `" + options.ruff + "`: " + run.start_error);
    return -1;
  }
  if (run.term_signal != 0) return 128 + run.term_signal;
  return run.exit_code;
}

int Run(const FixupOptions& options) {
  if (!ValidCheckFormat("fixup", options.format)) return kExitUsage;
  std::string root;
  std::optional<std::vector<std::string>> files = ModifiedPythonFiles(options, &root);
  if (!files) return kExitUsage;

  if (!options.skip_ruff) {
    if (files->empty()) {
      std::printf("No library .py files were modified\n");
    } else {
      std::string list;
      for (const std::string& f : *files) list += (list.empty() ? "" : " ") + f;
      std::printf("Checking/fixing %s\n", list.c_str());
      // The Makefile runs ruff from the project root, with root-relative names.
      if (::chdir(root.c_str()) != 0) {
        PrintError("cannot change to " + root);
        return kExitUsage;
      }
      std::vector<std::string> check = {"check"};
      check.insert(check.end(), files->begin(), files->end());
      check.push_back("--fix");
      int code = RunRuff(options, check);
      if (code < 0) return kExitUsage;
      if (code != 0) return kExitFindings;
      std::vector<std::string> format = {"format"};
      format.insert(format.end(), files->begin(), files->end());
      code = RunRuff(options, format);
      if (code < 0) return kExitUsage;
      if (code != 0) return kExitFindings;
    }
  }

  CheckCommandOptions fix = options;
  fix.directory = root;
  fix.fix = true;
  fix.json = false;
  for (std::vector<std::string> step : {std::vector<std::string>{"init-isort", "doc-toc"},
                                        std::vector<std::string>{"deps-table"}}) {
    std::vector<const RepositoryCheck*> checks;
    for (const std::string& name : step) checks.push_back(FindRepositoryCheck(name));
    int code = RunChecks("fixup", checks, fix, Ending::kStopAtFailure);
    if (code != kExitOk) return code;
  }
  CheckCommandOptions check = options;
  check.directory = root;
  check.fix = false;
  check.json = false;
  std::vector<const RepositoryCheck*> all;
  for (const RepositoryCheck& c : RepositoryChecks()) {
    if (c.by_default) all.push_back(&c);
  }
  return RunChecks("repo-consistency", all, check, Ending::kSummary);
}

}  // namespace

CommandRunner SetupFixupCommand(CLI::App& sub) {
  auto options = std::make_shared<FixupOptions>();
  sub.add_option("-C", options->directory, "Run in DIR (any directory inside the repository)")
      ->option_text("DIR");
  sub.add_option("--preset", options->preset,
                 "transformers, diffusers or generic (default: detect)");
  sub.add_option("--base", options->base,
                 "The branch this one forked from (default: main, as get_modified_files.py)")
      ->option_text("REV");
  sub.add_option("--dirs", options->dirs,
                 "The top-level folders whose .py files ruff fixes (default: the Makefile's "
                 "check_dirs: examples scripts src tests utils benchmarks)")
      ->option_text("DIR...");
  sub.add_option("--ruff", options->ruff, "The ruff executable (default: ruff on PATH)")
      ->option_text("PATH");
  sub.add_flag("--skip-ruff", options->skip_ruff, "Leave out the ruff step (1)");
  sub.add_option("--format", options->format,
                 "The checks' output: text (default) or github (workflow annotations)")
      ->option_text("FORMAT");
  AddFormatterOption(sub, options.get());
  sub.footer(kFooter);
  return [options] { return Run(*options); };
}

}  // namespace kensa::cli
