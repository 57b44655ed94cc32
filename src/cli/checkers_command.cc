// `kensa check NAME[,NAME...] | all`: transformers' check runner, utils/checkers.py (its
// Makefile's check-repository-consistency and fix-repo), with the runner's checker names, order,
// --fix, --keep-going and --list, and its report: per checker a label, the command, the last ten
// lines of its output and OK or FAILED, then "N failed: ..." or "All N checks passed.".
//
// Each name maps to the kensa check that replaces its script; they all run in this one process
// over one opened project (side by side; one after another with --fix). The runner's ruff_check
// and ruff_format run the user's ruff, as the runner does. A checker kensa has no static version
// of yet (modular_conversion, docstrings, ...) is an error when named and skipped, with a note,
// under `all`: a CI job never passes without saying what it did not check.
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/process.h"
#include "checks/py_text.h"
#include "cli/check_command.h"
#include "cli/check_suite.h"
#include "cli/command.h"
#include "cli/json_writer.h"

namespace kensa::cli {
namespace {

// How a checker runs in kensa.
enum class Runs {
  kCheck,      // a RepositoryCheck (`kensa` names it)
  kDepsTable,  // the deps-table check, reported as the runner words it
  kRuff,       // the user's ruff, with the runner's arguments
  kNotYet,     // no kensa version yet
};

struct Checker {
  const char* name;    // the runner's name
  const char* label;   // the runner's label
  const char* script;  // the runner's script (nullptr: one of its custom runners)
  // What --list says. Under --fix a script without a fix mode is skipped, but the runner's
  // custom checkers (deps_table, ruff_*) always run, with fix=True, whatever --list says.
  bool fixable;
  Runs runs;
  const char* kensa;  // kCheck/kDepsTable: the kensa check; kRuff: "check" or "format"
};

// utils/checkers.py's CHECKERS, in its order (what `all` runs).
const std::vector<Checker>& Checkers() {
  static const std::vector<Checker> kCheckers = {
      {"copies", "Copied code consistency", "check_copies.py", true, Runs::kCheck, "copies"},
      {"modular_conversion", "Modular file conversions", "check_modular_conversion.py", true,
       Runs::kNotYet, nullptr},
      // doc-toc and dummies follow the project's preset: transformers' scripts here.
      {"doc_toc", "Documentation table of contents", "check_doc_toc.py", true, Runs::kCheck,
       "doc-toc"},
      {"docstrings", "Docstring formatting", "check_docstrings.py", true, Runs::kNotYet, nullptr},
      {"dummies", "Dummy objects", "check_dummies.py", true, Runs::kCheck, "dummies"},
      {"pipeline_typing", "Pipeline type hints", "check_pipeline_typing.py", true, Runs::kCheck,
       "pipeline-typing"},
      {"doctest_list", "Doctest list", "check_doctest_list.py", true, Runs::kCheck, "doctest-list"},
      {"repo", "Repository structure", "check_repo.py", false, Runs::kNotYet, nullptr},
      {"inits", "Init files", "check_inits.py", false, Runs::kCheck, "inits"},
      {"config_docstrings", "Config docstrings", "check_config_docstrings.py", false, Runs::kCheck,
       "config-docstrings"},
      {"config_attributes", "Config attributes", "check_config_attributes.py", false, Runs::kNotYet,
       nullptr},
      {"init_isort", "Import ordering", "custom_init_isort.py", true, Runs::kCheck, "init-isort"},
      {"auto_mappings", "Auto mappings", "sort_auto_mappings.py", true, Runs::kCheck,
       "auto-mappings"},
      {"update_metadata", "Model metadata", "update_metadata.py", true, Runs::kNotYet, nullptr},
      {"add_dates", "Model dates", "add_dates.py", true, Runs::kNotYet, nullptr},
      {"types", "Type annotations", "check_types.py", false, Runs::kNotYet, nullptr},
      {"modeling_structure", "Modeling file structure", "check_modeling_structure.py", false,
       Runs::kNotYet, nullptr},
      {"deps_table", "Dependency versions table", nullptr, false, Runs::kDepsTable, "deps-table"},
      {"imports", "Public imports", nullptr, false, Runs::kNotYet, nullptr},
      {"import_complexity", "Import complexity", "check_import_complexity.py", false, Runs::kNotYet,
       nullptr},
      {"ruff_check", "Ruff linting", nullptr, false, Runs::kRuff, "check"},
      {"ruff_format", "Ruff formatting", nullptr, false, Runs::kRuff, "format"},
  };
  return kCheckers;
}

const Checker* FindChecker(const std::string& name) {
  for (const Checker& c : Checkers()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

// The runner's RUFF_TARGETS.
const std::vector<std::string>& RuffTargets() {
  static const std::vector<std::string> kTargets = {"examples",     "tests",    "src",
                                                    "utils",        "scripts",  "benchmark",
                                                    "benchmark_v2", "setup.py", "conftest.py"};
  return kTargets;
}

struct CheckersOptions : CheckCommandOptions {
  std::vector<std::string> names;
  bool keep_going = false;
  bool list = false;
  bool no_cache = false;  // accepted: kensa keeps no per-checker cache to skip
  std::string ruff = "ruff";
};

constexpr char kFooter[] =
    R"FOOTER(Checkers (kensa check --list shows which kensa command runs each):
  copies, doc_toc, dummies, pipeline_typing, doctest_list, inits, config_docstrings,
  init_isort, auto_mappings, deps_table
      kensa's static versions of the runner's scripts, in one process over one index
  ruff_check, ruff_format
      your ruff, on the runner's targets (examples tests src utils ... setup.py conftest.py)
  modular_conversion, docstrings, repo, config_attributes, update_metadata, add_dates, types,
  modeling_structure, imports, import_complexity
      not in kensa yet: naming one is an error; `all` skips them and says so

Output, as the runner prints it without a terminal: per checker its label, `$ COMMAND`, the
last ten lines of its output and OK or FAILED; then "N failed: NAMES" or "All N checks
passed.". On a terminal the label turns into a green tick or a red cross. --json gives
{"checkers": [{"name", "label", "status", "exit", "result" | "output"}], "failed",
"not_in_kensa"}: "result" is the kensa check's own --json document, "output" what ruff (or
a check that could not run) printed; status is ok, failed, skipped or not_in_kensa.

Without --keep-going the run stops at the first failing checker, as the runner's does. The
checks themselves run side by side; with --fix one after another, each on what the previous
one wrote. Under --fix a checker without a fix mode prints "skipped (no fix mode)".

Exit codes: 0 every checker run passed; 1 a checker failed (or a name is unknown, as the
runner exits); 2 a checker could not run (no project, ruff not found, a checker kensa does
not have yet named explicitly); 3 internal error.

Examples:
  kensa check all                        # make check-repository-consistency, minus what
                                         # kensa does not have (listed at the end)
  kensa check copies,init_isort --fix    # fix-repo for two checkers
  kensa check doctest_list,inits --keep-going # names are split at commas only, as
                                         # the runner splits them
  kensa check --list)FOOTER";

// The names the positional arguments give, as the runner reads them: joined with spaces, then
// Python's `raw.split(",")` and `strip()`; "all" (setting *all) for every checker.
std::vector<std::string> RequestedNames(const std::vector<std::string>& args, bool* all) {
  std::string raw;
  for (const std::string& a : args) raw += (raw.empty() ? "" : " ") + a;
  std::vector<std::string> names;
  *all = checks::PyStrip(raw) == "all";
  if (*all) {
    for (const Checker& c : Checkers()) names.push_back(c.name);
    return names;
  }
  for (std::string_view piece : checks::PySplit(raw, ',')) {
    std::string_view name = checks::PyStrip(piece);
    if (!name.empty()) names.emplace_back(name);
  }
  return names;
}

// ", ".join(items).
std::string Joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string Padded(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

int List() {
  std::vector<const Checker*> sorted;
  for (const Checker& c : Checkers()) sorted.push_back(&c);
  std::sort(sorted.begin(), sorted.end(),
            [](const Checker* a, const Checker* b) { return std::string(a->name) < b->name; });
  for (const Checker* c : sorted) {
    std::string line = "  " + Padded(c->name, 25) + " " + Padded(c->label, 35) + " (" +
                       (c->script ? c->script : "custom") + ", " +
                       (c->fixable ? "fixable" : "check-only") + ")";
    switch (c->runs) {
      case Runs::kCheck:
      case Runs::kDepsTable:
        line += "  kensa " + std::string(c->kensa);
        break;
      case Runs::kRuff:
        line += "  ruff " + std::string(c->kensa);
        break;
      case Runs::kNotYet:
        line += "  not in kensa yet";
        break;
    }
    std::printf("%s\n", line.c_str());
  }
  return kExitOk;
}

// The runner's ruff arguments for ruff_check / ruff_format (after the program).
std::vector<std::string> RuffArgs(const Checker& c, bool fix) {
  std::vector<std::string> args = {c.kensa};
  for (const std::string& t : RuffTargets()) args.push_back(t);
  bool check = std::string(c.kensa) == "check";
  if (fix) {
    if (check) args.push_back("--fix");
    args.push_back("--exclude");
    args.push_back("");
  } else if (!check) {
    args.push_back("--check");
  }
  return args;
}

// The line after the label: the kensa command standing in for the runner's (ruff's own
// arguments joined with spaces, as the runner prints them).
std::string CommandLine(const Checker& c, bool fix) {
  if (c.runs == Runs::kRuff) {
    std::string line = "ruff";
    for (const std::string& arg : RuffArgs(c, fix)) line += " " + arg;
    return line;
  }
  return "kensa " + std::string(c.kensa) + (fix ? " --fix" : "");
}

struct Outcome {
  std::string output;  // stdout and stderr, in order
  int code = kExitOk;
  render::Json result;  // the kensa check's --json document, when there is one
  bool skipped_fix = false;
};

Outcome RunRuff(const Checker& c, const CheckProject& project, const CheckersOptions& options) {
  std::vector<std::string> argv = RuffArgs(c, options.fix);
  argv.insert(argv.begin(), options.ruff);
  ProcessOptions where;
  where.working_directory = project.root.root;
  ProcessResult run = RunProcess(argv, where);
  Outcome o;
  if (!run.started) {
    o.code = kExitUsage;
    o.output = run.start_errno == ENOENT
                   ? "kensa check: `" + options.ruff +
                         "` was not found on PATH: install ruff (pip install ruff) or name it "
                         "with --ruff PATH\n"
                   : "kensa check: cannot run `" + options.ruff + "`: " + run.start_error + "\n";
    return o;
  }
  o.output = run.out + run.err;
  o.code = run.exit_code == 0 ? kExitOk : kExitFindings;
  return o;
}

// The runner's `is_ci`: no terminal report under GitHub Actions or CircleCI.
bool RunningInCi() {
  for (const char* name : {"GITHUB_ACTIONS", "CIRCLECI"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && std::string(value) == "true") return true;
  }
  return false;
}

// Whether --fix skips the checker: a script of the runner's without a fix mode.
bool SkippedUnderFix(const Checker& c, bool fix) {
  return fix && !c.fixable && c.script;
}

// Runs the checkers of `selected` that are kensa checks over one project, side by side (in
// order under --fix); the others get no outcome here: deps_table and ruff run in order later,
// as ruff may rewrite what the checks read.
std::vector<std::optional<Outcome>> RunKensaChecks(const std::vector<const Checker*>& selected,
                                                   const CheckProject& project,
                                                   const CheckersOptions& options) {
  std::vector<const RepositoryCheck*> checks;
  std::vector<size_t> at;
  for (size_t i = 0; i < selected.size(); ++i) {
    const Checker& c = *selected[i];
    if (c.runs != Runs::kCheck || SkippedUnderFix(c, options.fix)) continue;
    checks.push_back(FindRepositoryCheck(c.kensa));
    at.push_back(i);
  }
  std::vector<CheckRunResult> runs = RunCheckSet(project, checks, options,
                                                 /*stop_at_failure=*/!options.keep_going);
  std::vector<std::optional<Outcome>> outcomes(selected.size());
  for (size_t k = 0; k < runs.size(); ++k) {
    Outcome o;
    o.code = runs[k].code;
    // Under --json the check printed its document: that is the result, not output.
    const render::Json* json = runs[k].output.json();
    if (json != nullptr) {
      o.result = *json;
    } else {
      o.output = runs[k].output.Text();
    }
    outcomes[at[k]] = std::move(o);
  }
  return outcomes;
}

// deps_table: the runner runs `setup.py deps_table_update` (with --fix too) and words a
// changed table itself, so the kensa check's JSON document is what it is read from.
Outcome RunDepsTable(const Checker& c, const CheckProject& project,
                     const CheckersOptions& options) {
  CheckCommandOptions json_options = options;
  json_options.json = true;
  CheckOutput out;
  Outcome o;
  o.code = FindRepositoryCheck(c.kensa)->run(project, json_options, &out);
  if (out.json() == nullptr || out.json()->contains("exception")) {
    o.output = out.Text();
    if (out.json() != nullptr) o.result = *out.json();
    return o;
  }
  o.result = *out.json();
  o.output = "running deps_table_update\nupdating " + o.result.value("file", std::string()) + "\n";
  if (o.code == kExitFindings) {
    o.output +=
        "Error: the version dependency table is outdated.\nPlease run 'make fix-repo' and "
        "commit the changes. This requires Python 3.10.\n";
  }
  return o;
}

// The last `n` lines of `text`, split as Python's str.splitlines splits the common endings.
std::vector<std::string> LastLines(const std::string& text, size_t n) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end;
    if (text.compare(start, 2, "\r\n") == 0) {
      start += 2;
    } else if (start < text.size()) {
      ++start;
    }
  }
  if (lines.size() > n) lines.erase(lines.begin(), lines.end() - static_cast<ptrdiff_t>(n));
  return lines;
}

void PrintReport(const Checker& c, const Outcome& o, bool fix, bool tty) {
  bool ok = o.code == kExitOk;
  std::vector<std::string> lines;
  if (!o.skipped_fix) lines.push_back("$ " + CommandLine(c, fix));
  if (tty) {
    for (const std::string& l : LastLines(o.output, 10)) lines.push_back(l);
    if (lines.size() > 10) lines.erase(lines.begin(), lines.end() - 10);
    std::printf("%s %s\033[0m\n", ok ? "\033[32m\u2713" : "\033[31m\u2717", c.label);
    for (const std::string& l : lines) std::printf("%s\n", l.c_str());
    std::printf("\n");
    return;
  }
  std::printf("%s\n", c.label);
  for (const std::string& l : lines) std::printf("%s\n", l.c_str());
  for (const std::string& l : LastLines(o.output, 10)) std::printf("%s\n", l.c_str());
  std::printf("%s\n\n", ok ? "OK" : "FAILED");
}

render::Json OutcomeJson(const Checker& c, const Outcome* o) {
  render::Json entry = render::Json::object();
  entry["name"] = c.name;
  entry["label"] = c.label;
  if (o == nullptr) {
    entry["status"] = "not_in_kensa";
    return entry;
  }
  entry["status"] = o->skipped_fix ? "skipped" : (o->code == kExitOk ? "ok" : "failed");
  entry["exit"] = o->code;
  if (!o->output.empty()) entry["output"] = o->output;
  if (!o->result.is_null()) entry["result"] = o->result;
  return entry;
}

int Run(const CheckersOptions& options) {
  if (options.list) return List();
  if (options.names.empty()) {
    std::fprintf(stderr,
                 "kensa check: name the checkers (comma-separated, or all); "
                 "kensa check --list shows them\n");
    return kExitUsage;
  }
  bool all = false;
  std::vector<std::string> names = RequestedNames(options.names, &all);
  std::vector<std::string> unknown;
  std::vector<const Checker*> selected;
  for (const std::string& n : names) {
    const Checker* c = FindChecker(n);
    if (c == nullptr) unknown.push_back(n);
    selected.push_back(c);
  }
  if (!unknown.empty()) {
    std::vector<std::string> known;
    for (const Checker& c : Checkers()) known.push_back(c.name);
    std::sort(known.begin(), known.end());
    std::printf("Unknown checkers: %s\nAvailable: %s\n", Joined(unknown).c_str(),
                Joined(known).c_str());
    return kExitFindings;
  }
  std::vector<std::string> not_yet;
  for (const Checker* c : selected) {
    if (c->runs == Runs::kNotYet) not_yet.push_back(c->name);
  }
  if (!all && !not_yet.empty()) {
    for (const std::string& n : not_yet) {
      const Checker* c = FindChecker(n);
      std::fprintf(stderr,
                   "kensa check: %s (utils/%s) has no kensa version yet; run it with python "
                   "utils/checkers.py %s (kensa check --list shows what kensa runs)\n",
                   n.c_str(), c->script ? c->script : "checkers.py", n.c_str());
    }
    return kExitUsage;
  }
  std::vector<const RepositoryCheck*> kensa_checks;
  for (const Checker* c : selected) {
    if (c->runs == Runs::kCheck || c->runs == Runs::kDepsTable) {
      kensa_checks.push_back(FindRepositoryCheck(c->kensa));
    }
  }
  std::optional<CheckProject> project =
      OpenCheckProject("check", options.directory, options.preset, AnyNeedsPackage(kensa_checks));
  if (!project) return kExitUsage;

  std::vector<std::optional<Outcome>> outcomes = RunKensaChecks(selected, *project, options);
  bool tty = !options.json && isatty(STDOUT_FILENO) && !RunningInCi();
  std::vector<std::string> failed;
  int worst = kExitOk;
  render::Json list = render::Json::array();
  bool stopped = false;
  for (size_t i = 0; i < selected.size() && !stopped; ++i) {
    const Checker& c = *selected[i];
    if (c.runs == Runs::kNotYet) {
      if (options.json) list.push_back(OutcomeJson(c, nullptr));
      continue;
    }
    if (SkippedUnderFix(c, options.fix)) {
      outcomes[i] = Outcome{"skipped (no fix mode)", kExitOk, render::Json(), true};
    } else if (c.runs == Runs::kDepsTable) {
      outcomes[i] = RunDepsTable(c, *project, options);
    } else if (c.runs == Runs::kRuff) {
      outcomes[i] = RunRuff(c, *project, options);
    }
    if (!outcomes[i]) break;  // a check after the first failure of a --fix run
    const Outcome& o = *outcomes[i];
    if (options.json) {
      list.push_back(OutcomeJson(c, &o));
    } else {
      PrintReport(c, o, options.fix, tty);
    }
    if (o.code != kExitOk) {
      failed.push_back(c.name);
      worst = std::max(worst, o.code);
      stopped = !options.keep_going;
    }
  }

  if (options.json) {
    render::Json doc = render::Json::object();
    doc["checkers"] = std::move(list);
    doc["failed"] = failed;
    doc["not_in_kensa"] = not_yet;
    std::string line = JsonLine(doc);
    std::fwrite(line.data(), 1, line.size(), stdout);
    return worst;
  }
  // Without --keep-going the runner exits at the first failure, before any summary.
  if (stopped) return worst;
  if (!failed.empty()) {
    std::printf("\n%zu failed: %s\n", failed.size(), Joined(failed).c_str());
  } else {
    std::printf("\nAll %zu checks passed.\n", names.size() - not_yet.size());
  }
  if (!not_yet.empty()) {
    std::printf("Not run, no kensa version yet (%zu): %s\n", not_yet.size(),
                Joined(not_yet).c_str());
  }
  std::fflush(stdout);
  return worst;
}

}  // namespace

CommandRunner SetupCheckersCommand(CLI::App& sub) {
  auto options = std::make_shared<CheckersOptions>();
  sub.add_option("checkers", options->names,
                 "Comma-separated checker names, or all (kensa check --list shows them)");
  sub.add_flag("--fix", options->fix, "Run each checker's fix mode instead of its check");
  sub.add_flag("--keep-going", options->keep_going,
               "Run every checker even if some fail (report the failures at the end)");
  sub.add_flag("--list", options->list, "List the checkers and what runs each, and exit");
  sub.add_flag("--no-cache", options->no_cache,
               "Accepted for the runner's sake: kensa has no per-checker cache to skip");
  sub.add_flag("--json", options->json, "Print the result as one JSON document");
  sub.add_option("-C", options->directory, "Run in DIR (any directory inside the repository)")
      ->type_name("DIR");
  sub.add_option("--ruff", options->ruff, "The ruff executable (default: ruff on PATH)");
  AddFormatterOption(sub, options.get());
  sub.footer(kFooter);
  return [options] { return Run(*options); };
}

}  // namespace kensa::cli
