// `kensa tests`: the test selection of utils/tests_fetcher.py — the same files (test_list.txt,
// test_map.json, examples_test_list.txt) byte for byte and the same text on stdout — read
// from git through libgit2, without checking anything out. The analysis is select/; this
// file resolves the options, prints, explains, and writes the output files.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "base/atomic_file.h"
#include "base/file_io.h"
#include "cli/command.h"
#include "cli/tests_selection.h"
#include "git/repository.h"
#include "project/project_config.h"
#include "render/tests_json.h"
#include "select/fetcher_plan.h"
#include "select/fetcher_preset.h"
#include "select/fetcher_run.h"
#include "select/python_text.h"

namespace kensa::cli {
namespace {

namespace fs = std::filesystem;

struct TestsCommandOptions {
  std::string directory = ".";
  bool diff_with_last_commit = false;
  std::string base;
  std::string head;
  bool work_tree = false;
  bool allow_dirty = false;
  std::string output_dir;
  std::string output_file;
  std::string json_output_file;
  bool json = false;
  std::string explain;
  std::string preset;
  std::string code_changes = "reference";
  bool stats = false;
  bool fetch_all = false;
  bool filter_tests = false;
  bool no_cache = false;
  std::string cache_dir;
};

// The test-selection cache (select/fetcher_scan_cache.h) of a package: one per user and
// package, shared by every clone, since it is keyed by blob ids. "" when there is no cache
// directory.
std::string TestsCachePath(const std::string& cache_dir, const std::string& package) {
  std::string dir = cache_dir.empty() ? UserCacheDirectory() : cache_dir;
  return dir.empty() ? "" : dir + "/tests-" + package + ".bin";
}

// The scan cache of one run (select/fetcher_scan_cache.h), the same for the command and the MCP
// tool: loaded from `path` ("" for none), given to the run, saved back if the run changed it.
class RunScanCache {
 public:
  RunScanCache(std::string path, std::string package, bool verbose)
      : path_(std::move(path)), package_(std::move(package)), cache_(Load(verbose)) {
    loaded_ = cache_.size();
  }

  // What FetcherRequest::scan_cache takes: null when there is no cache file.
  select::FetcherScanCache* get() { return path_.empty() ? nullptr : &cache_; }
  // Forgets what this run added (a dirty work tree: the bytes scanned were not their blobs').
  void Reload() { cache_ = Load(false); }
  // Writes the cache back if the run changed it; a failure only costs the next run time, so
  // it is said with `verbose` and otherwise ignored.
  void Save(bool verbose) const {
    if (path_.empty() || !cache_.changed()) return;
    std::string error;
    if (!cache_.Save(path_, &error) && verbose)
      std::fprintf(stderr, "kensa tests: cannot write the cache: %s\n", error.c_str());
  }

  size_t loaded() const { return loaded_; }
  size_t added() const { return cache_.added(); }

 private:
  select::FetcherScanCache Load(bool verbose) const {
    if (path_.empty()) return select::FetcherScanCache(package_);
    std::string status;
    select::FetcherScanCache cache = select::FetcherScanCache::Load(path_, package_, &status);
    if (verbose && !status.empty()) std::fprintf(stderr, "kensa tests: %s\n", status.c_str());
    return cache;
  }

  std::string path_;
  std::string package_;
  select::FetcherScanCache cache_;
  size_t loaded_ = 0;
};

constexpr char kFooter[] = R"(Modes (as utils/tests_fetcher.py, plus --base/--head and --worktree):
  (default)                 the branch against its merge-base with main (origin/main when it
                            exists); on branch main itself, the last commit, as the reference
  --diff-with-last-commit   HEAD against its parent(s)
  --base REV [--head REV]   HEAD (or REV) against its merge-base with the base revision
  --worktree                uncommitted and untracked files against HEAD (or against the base
                            of --base / --diff-with-last-commit)

What is selected (as the reference): the changed .py files whose change is not only in
docstrings or comments, every module importing them (through chains of imports that do not
pass through an __init__.py), and the test files among those; see --explain. When nothing (or
no pipeline test) is selected, the reference fails on its own output and runs every test:
test_list.txt = "tests", examples_test_list.txt = "all". kensa does the same.

Output: test_list.txt, test_map.json and examples_test_list.txt as the reference writes them
(--output_file and --json_output_file rename the first two; examples_test_list.txt goes next
to the first), relative to --output-dir (default: the current directory), as if the reference
ran there. Files of an earlier run that this run does not write are removed. transformers
(its current script) writes none of those: test_preparation/<job>_test_list.txt per CI job and
doctest_list.txt; --preset transformers-2023 follows its mid-2023 rules instead.
Commits are read, never checked out; a work tree with uncommitted changes to tracked files is
refused (exit 2) unless --worktree or --allow-dirty.

Exit codes: 0 done (also when falling back to every test); 1 the reference would stop with an
uncaught error (printed); 2 bad usage or repository problem (unknown revision, no main,
shallow clone without the history needed, uncommitted changes); 3 internal error.

Examples:
  kensa tests                                   # like `python utils/tests_fetcher.py`
  kensa tests --diff-with-last-commit --output-dir out
  kensa tests --base origin/main --head HEAD --json
  kensa tests --explain tests/models/test_modeling_common.py
  kensa tests --preset transformers --fetch-all    # every test, split by CI job)";

void PrintError(const std::string& message) {
  std::fprintf(stderr, "kensa tests: %s\n", message.c_str());
}

void PrintWarning(const std::string& message) {
  std::fprintf(stderr, "kensa tests: warning: %s\n", message.c_str());
}

// The test file the user asked about, relative to the repository root.
std::string RepoRelative(const std::string& path, const std::string& root) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  fs::path relative = absolute.lexically_relative(fs::path(root));
  std::string out = relative.generic_string();
  if (ec || out.empty() || out.rfind("..", 0) == 0) {
    out = fs::path(path).lexically_normal().generic_string();
  }
  while (out.rfind("./", 0) == 0) out = out.substr(2);
  if (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

std::string ExplainChain(const select::DependencyChain& chain) {
  std::string out;
  for (size_t i = 0; i < chain.files.size(); ++i) {
    bool last = i + 1 == chain.files.size();
    if (i == 0) {
      out += "    " + chain.files[i] + "\n";
    } else if (last && chain.through_init) {
      out += "    which " + chain.files[i] +
             " imports (a changed __init__.py impacts what it "
             "imports)\n";
    } else {
      out += "    imports " + chain.files[i] + "\n";
    }
  }
  return out;
}

std::string Explain(const std::string& test, const select::FetcherResult& r) {
  if (r.skipped) {
    return test + ": nothing runs: the commit message asks to skip the CI ([skip ci]).\n";
  }
  std::string out;
  auto selected =
      std::find(r.tests.begin(), r.tests.end(), test) != r.tests.end() ||
      std::find(r.example_tests.begin(), r.example_tests.end(), test) != r.example_tests.end();
  auto reason = r.reasons.find(test);
  const std::string kEveryTest = "every test runs: ";
  if (r.fallback_reason && r.fallback_reason->rfind(kEveryTest, 0) == 0) {
    // transformers: a core file or too many models; the list names every test file.
    out += test + (selected ? " is selected: " : " is not selected, although ") +
           *r.fallback_reason + ".\n";
    if (reason != r.reasons.end()) out += "Besides, it was selected on its own:\n";
  } else if (r.fallback_reason) {
    out += test + " runs: every test runs (test_list.txt = \"tests\"), because the reference ";
    out += *r.fallback_reason == "[test all]" ? "was told so by the commit message ([test all]).\n"
                                              : "failed with: " + *r.fallback_reason + "\n";
    if (*r.fallback_reason == "'pipelines'") {
      out += "  (it fails so whenever no pipeline test is selected)\n";
    } else if (r.fallback_reason->find("test_map.json") != std::string::npos) {
      out += "  (it fails so whenever no test at all is selected)\n";
    }
    if (reason != r.reasons.end()) out += "Before that, it was selected:\n";
  } else if (selected) {
    out += test + " is selected.\n";
  } else if (reason != r.reasons.end()) {
    out += test +
           " was selected, then removed by filter_tests (tests/repo_utils are not run "
           "by this job).\n";
  }
  if (reason != r.reasons.end()) {
    const select::TestReason& why = reason->second;
    if (why.changed_file == test) {
      out += "  It was modified.\n";
    } else {
      out += "  It depends on " + why.changed_file + ", which was modified:\n";
      out += ExplainChain(why.chain);
    }
    return out;
  }
  if (!r.fallback_reason && !selected) {
    out += test + " is not selected: none of the modified files reaches it through imports.\n";
    if (r.modified_files.empty()) {
      out += "  No Python file has a code change.\n";
    } else {
      out += "  Modified files:\n";
      for (const std::string& f : r.modified_files) out += "    " + f + "\n";
    }
  }
  for (const std::string& f : r.ignored_files) {
    out += "  (" + f + " changed only in docstrings or comments, so it does not count)\n";
  }
  return out;
}

// --filter_tests: the reference's filter_tests(output_file, ["pipelines", "repo_utils"]) on a
// list written earlier; tests/ is listed from the current directory, as the script does.
int FilterTestsOnly(const TestsCommandOptions& options) {
  const fs::path output_dir =
      options.output_dir.empty() ? fs::path(".") : fs::path(options.output_dir);
  const std::string name = options.output_file.empty() ? "test_list.txt" : options.output_file;
  const fs::path path = fs::path(name).is_absolute() ? fs::path(name) : output_dir / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fputs("No test file found.\n", stdout);
    return kExitOk;
  }
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::vector<std::string> filters = {"pipelines", "repo_utils"};
  const std::vector<std::string> tests = select::SplitOn(content, ' ');
  if (tests == std::vector<std::string>{""}) {
    std::fputs("No tests to filter.\n", stdout);
    return kExitOk;
  }
  auto filtered = [&](const std::string& part) {
    return std::find(filters.begin(), filters.end(), part) != filters.end();
  };
  std::vector<std::string> kept;
  if (tests == std::vector<std::string>{"tests"}) {
    std::error_code ec;
    std::vector<std::string> names;
    for (const fs::directory_entry& entry :
         fs::directory_iterator(fs::path(options.directory) / "tests", ec)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) {
      if (n != "__init__.py" && !filtered(n)) kept.push_back("tests/" + n);
    }
  } else {
    for (const std::string& t : tests) {
      size_t slash = t.find('/');
      if (slash == std::string::npos) {
        std::fputs("Traceback (the reference stops here): IndexError: list index out of range\n",
                   stderr);
        return kExitFindings;
      }
      size_t next = t.find('/', slash + 1);
      if (!filtered(t.substr(slash + 1, next == std::string::npos ? next : next - slash - 1))) {
        kept.push_back(t);
      }
    }
  }
  const std::string joined = select::JoinWith(kept, " ");
  std::string error;
  if (!WriteFileAtomically(path.string(), joined, &error)) {
    PrintError(error);
    return kExitUsage;
  }
  return kExitOk;
}

// Whose script to follow: --preset; else [tool.kensa] in the head commit's pyproject.toml
// (preset, package, package-dir: a library laid out like diffusers under another name); else
// the library the head commit holds (src/diffusers, src/transformers). Prints why on failure.
std::optional<select::FetcherPreset> ChoosePreset(const git::Repository& repo,
                                                  const TestsCommandOptions& options) {
  auto named = [](const std::string& name) {
    std::optional<select::FetcherPreset> preset = select::PresetNamed(name);
    if (!preset)
      PrintError("unknown preset '" + name +
                 "' (known: diffusers, transformers, transformers-2023)");
    return preset;
  };
  if (!options.preset.empty()) return named(options.preset);
  git::Result<git::Oid> head = repo.ResolveCommit(options.head.empty() ? "HEAD" : options.head);
  if (!head) {
    PrintError(head.error().message);
    return std::nullopt;
  }
  if (git::Result<std::string> text = repo.ReadFileAt(*head, "pyproject.toml")) {
    project::ProjectConfig config;
    std::vector<project::Diagnostic> diagnostics;
    project::ParsePyprojectToml(*text, "pyproject.toml", &config, &diagnostics);
    for (const project::Diagnostic& d : diagnostics) PrintWarning(d.ToString());
    if (config.preset && *config.preset != "generic") {
      std::optional<select::FetcherPreset> preset = named(*config.preset);
      if (preset && config.package && *config.package != preset->package) {
        // Another library laid out like the preset's: the preset's lists name test folders
        // of its own library, which this one does not have.
        preset->important_pipelines.clear();
        preset->important_models.clear();
        preset->package = *config.package;
        preset->source_dir = config.package_dir ? *config.package_dir : "src/" + *config.package;
      }
      if (preset && config.tests_dir) preset->tests_dir = *config.tests_dir;
      if (preset && config.examples_dir) preset->examples_dir = *config.examples_dir;
      return preset;
    }
  }
  std::optional<select::FetcherPreset> preset = select::DetectPreset(repo, *head);
  if (!preset) {
    PrintError(
        "cannot tell whose tests_fetcher.py to follow (no src/diffusers or src/transformers, "
        "no preset in [tool.kensa]); pass --preset diffusers|transformers");
  }
  return preset;
}

int Run(const TestsCommandOptions& options) {
  if (options.filter_tests) return FilterTestsOnly(options);
  auto started = std::chrono::steady_clock::now();
  git::Result<git::Repository> repo = git::Repository::Discover(options.directory);
  if (!repo) {
    PrintError(repo.error().message);
    return kExitUsage;
  }
  if (repo->work_dir().empty()) {
    PrintError("a bare repository has no work tree to run the tests of");
    return kExitUsage;
  }
  std::optional<select::FetcherPreset> preset = ChoosePreset(*repo, options);
  if (!preset) return kExitUsage;

  select::PlanOptions plan_options;
  plan_options.diff_with_last_commit = options.diff_with_last_commit;
  if (!options.base.empty()) plan_options.base = options.base;
  if (!options.head.empty()) plan_options.head = options.head;
  plan_options.work_tree = options.work_tree;
  plan_options.allow_dirty = options.allow_dirty;
  // When the head is HEAD, its files are read from the work tree, which must then hold no
  // uncommitted change. That check (a `git status`, tens of milliseconds) runs on its own
  // thread while the analysis goes on; a dirty tree discards the analysis afterwards.
  const bool check_in_parallel = options.head.empty() && !options.work_tree;
  std::future<git::Result<bool>> clean;
  if (check_in_parallel) {
    plan_options.assume_clean = true;
    clean = std::async(std::launch::async, [&repo]() -> git::Result<bool> {
      git::Result<git::Repository> own = repo->Reopen();
      if (!own) return own.error();
      return select::WorkTreeIsClean(*own);
    });
  }
  auto planning = std::chrono::steady_clock::now();
  git::Result<select::FetcherPlan> plan = select::PlanFetcherRun(*repo, plan_options, *preset);
  if (!plan) {
    if (clean.valid()) clean.wait();
    PrintError(plan.error().message);
    return kExitUsage;
  }

  // Output names as the reference would be given them; with --output-dir, as if it ran there.
  const fs::path output_dir =
      options.output_dir.empty() ? fs::path(".") : fs::path(options.output_dir);
  select::FetcherRequest request;
  request.repo_root = repo->work_dir();
  request.output_file = options.output_file.empty() ? "test_list.txt" : options.output_file;
  request.json_output_file =
      options.json_output_file.empty() ? "test_map.json" : options.json_output_file;
  request.code_change = options.code_changes == "tokens" ? select::CodeChangeRule::kTokens
                                                         : select::CodeChangeRule::kReference;
  request.fetch_all = options.fetch_all;
  RunScanCache scan_cache(
      options.no_cache ? "" : TestsCachePath(options.cache_dir, preset->package), preset->package,
      options.stats);
  request.scan_cache = scan_cache.get();
  // Relative names are relative to the output directory, as if the reference ran there.
  auto located = [&](const std::string& name) {
    return fs::path(name).is_absolute() ? fs::path(name) : output_dir / name;
  };

  auto analysing = std::chrono::steady_clock::now();
  select::FetcherResult result =
      select::RunTestsFetcher(*preset, plan->inputs, request, plan->snapshot, &*repo);
  if (check_in_parallel) {
    git::Result<bool> is_clean = clean.get();
    if (!is_clean) {
      PrintError(is_clean.error().message);
      return kExitUsage;
    }
    if (!*is_clean) {
      if (!options.allow_dirty) {
        PrintError(select::UncommittedChangesError(*repo).message);
        return kExitUsage;
      }
      // Read the commit's blobs instead of the changed work tree, and start over. What the
      // first run scanned came from the changed files under their blobs' ids: forget it.
      plan_options.assume_clean = false;
      scan_cache.Reload();
      plan = select::PlanFetcherRun(*repo, plan_options, *preset);
      if (!plan) {
        PrintError(plan.error().message);
        return kExitUsage;
      }
      result = select::RunTestsFetcher(*preset, plan->inputs, request, plan->snapshot, &*repo);
    }
  }
  auto writing = std::chrono::steady_clock::now();
  scan_cache.Save(options.stats);

  std::string mode = options.work_tree ? "work_tree"
                     : options.diff_with_last_commit || plan->inputs.main_branch_detected
                         ? "diff_with_last_commit"
                     : !options.base.empty() || !options.head.empty() ? "range"
                                                                      : "branch";
  if (!options.explain.empty()) {
    std::string test = RepoRelative(options.explain, repo->work_dir());
    std::string text = Explain(test, result);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }

  // The files, as a fresh run leaves them: written, and stale ones of an earlier run removed.
  if (!options.output_dir.empty()) {
    std::error_code ec;
    fs::create_directories(output_dir, ec);
  }
  std::vector<std::pair<fs::path, bool>> known = {
      {located(request.output_file), false},
      {located(request.json_output_file), false},
      {located(select::ExamplesListName(request.output_file)), false},
  };
  if (preset->flavor == select::FetcherFlavor::kTransformers2023) {
    for (const char* name : {"test_repo_utils.txt", "doctest_list.txt"}) {
      known.push_back({located(select::SiblingOf(request.output_file, name)), false});
    }
  }
  if (preset->flavor == select::FetcherFlavor::kTransformers) {
    known.push_back({located(select::SiblingOf(request.output_file, "doctest_list.txt")), false});
    for (const std::string& name : select::TransformersJobListFiles()) {
      known.push_back({located(name), false});
    }
  }
  for (const auto& [name, content] : result.files) {
    fs::path path = located(name);
    std::string error;
    if (!WriteFileAtomically(path.string(), content, &error)) {
      PrintError(error);
      return kExitUsage;
    }
    for (auto& [k, written] : known) {
      if (k.lexically_normal() == path.lexically_normal()) written = true;
    }
  }
  for (const auto& [path, written] : known) {
    std::error_code ec;
    if (!written) fs::remove(path, ec);
  }

  if (options.json) {
    std::string text = render::TestsJson(plan->inputs, result, mode).dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    std::fwrite(result.stdout_text.data(), 1, result.stdout_text.size(), stdout);
  }
  std::fflush(stdout);
  if (options.stats) {
    auto ms = [](auto from, auto to) {
      return std::chrono::duration<double, std::milli>(to - from).count();
    };
    auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr,
                 "tests: %zu modified, %zu impacted, %zu tests; %.1f ms (open %.1f, git %.1f, "
                 "analysis %.1f, output %.1f); cache: %zu files scanned, %zu known before\n",
                 result.modified_files.size(), result.impacted_files.size(), result.tests.size(),
                 ms(started, now), ms(started, planning), ms(planning, analysing),
                 ms(analysing, writing), ms(writing, now), scan_cache.added(), scan_cache.loaded());
  }
  if (result.uncaught_error) {
    std::fprintf(stderr, "Traceback (the reference stops here): %s\n",
                 result.uncaught_error->c_str());
    return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

std::optional<render::Json> SelectTests(const SelectionRequest& request, std::string* error) {
  git::Result<git::Repository> repo = git::Repository::Discover(request.directory);
  if (!repo) {
    *error = repo.error().message;
    return std::nullopt;
  }
  if (repo->work_dir().empty()) {
    *error = "a bare repository has no work tree to run the tests of";
    return std::nullopt;
  }
  TestsCommandOptions options;
  options.directory = request.directory;
  options.preset = request.preset;
  options.base = request.base;
  options.head = request.head;
  std::optional<select::FetcherPreset> preset = ChoosePreset(*repo, options);
  if (!preset) {
    *error = "cannot tell whose tests_fetcher.py to follow (see the server's stderr)";
    return std::nullopt;
  }
  select::PlanOptions plan_options;
  plan_options.diff_with_last_commit = request.mode == "last_commit";
  plan_options.work_tree = request.mode == "work_tree";
  if (!request.base.empty()) plan_options.base = request.base;
  if (!request.head.empty()) plan_options.head = request.head;
  // An agent edits the work tree: committed modes read the commits' blobs whatever it holds.
  plan_options.allow_dirty = true;
  git::Result<select::FetcherPlan> plan = select::PlanFetcherRun(*repo, plan_options, *preset);
  if (!plan) {
    *error = plan.error().message;
    return std::nullopt;
  }
  select::FetcherRequest fetch;
  fetch.repo_root = repo->work_dir();
  fetch.output_file = "test_list.txt";
  fetch.json_output_file = "test_map.json";
  RunScanCache scan_cache(TestsCachePath("", preset->package), preset->package, false);
  fetch.scan_cache = scan_cache.get();
  select::FetcherResult result =
      select::RunTestsFetcher(*preset, plan->inputs, fetch, plan->snapshot, &*repo);
  scan_cache.Save(false);
  std::string mode = request.mode == "last_commit" || plan->inputs.main_branch_detected
                         ? "diff_with_last_commit"
                         : request.mode;
  return render::TestsJson(plan->inputs, result, mode, /*with_files=*/false);
}

CommandRunner SetupTestsCommand(CLI::App& sub) {
  auto options = std::make_shared<TestsCommandOptions>();
  sub.add_option("-C", options->directory, "Run in DIR (any directory inside the repository)")
      ->option_text("DIR");
  sub.add_flag("--diff-with-last-commit,--diff_with_last_commit", options->diff_with_last_commit,
               "Compare HEAD with its parent(s) (for the main branch)");
  sub.add_option("--base", options->base, "Compare with the merge-base of REV (default: main)")
      ->option_text("REV");
  sub.add_option("--head", options->head, "Take REV as the head instead of HEAD")
      ->option_text("REV");
  sub.add_flag("--worktree", options->work_tree,
               "Take the work tree (uncommitted and untracked files) as the head");
  sub.add_flag("--allow-dirty", options->allow_dirty,
               "Read the commits even when tracked files have uncommitted changes");
  sub.add_option("--output-dir", options->output_dir,
                 "Where the output files go (default: the current directory)")
      ->option_text("DIR");
  sub.add_option("--output-file,--output_file", options->output_file,
                 "The test list (default: test_list.txt in the output directory)")
      ->option_text("FILE");
  sub.add_option("--json-output-file,--json_output_file", options->json_output_file,
                 "The JSON test map (default: test_map.json in the output directory)")
      ->option_text("FILE");
  sub.add_flag("--json", options->json,
               "Print a JSON report (each test with the changed file and import chain that "
               "selected it) instead of the reference's text");
  sub.add_option("--explain", options->explain,
                 "Tell why TEST_FILE is or is not selected (writes no file)")
      ->option_text("TEST_FILE");
  sub.add_option("--preset", options->preset,
                 "Whose tests_fetcher.py to follow: diffusers, transformers (as it is now), "
                 "transformers-2023 (its mid-2023 rules) (default: [tool.kensa] preset in "
                 "pyproject.toml, whose package and package-dir name a library laid out like "
                 "them; else src/diffusers or src/transformers in the head commit)");
  sub.add_flag("--fetch-all,--fetch_all", options->fetch_all,
               "transformers: run every test, as a \"[test all]\" commit message does");
  sub.add_flag("--filter-tests,--filter_tests", options->filter_tests,
               "Only filter the pipelines and repo_utils tests out of the existing output file "
               "(filter_tests of the reference), then stop");
  sub.add_option("--code-changes", options->code_changes,
                 "How a change is judged code, not docstrings/comments: reference (the "
                 "script's string rule, default) or tokens (kensa's tokenizer)")
      ->check(CLI::IsMember({"reference", "tokens"}));
  sub.add_flag("--stats", options->stats,
               "Print counts, the time taken and the cache's use on stderr");
  sub.add_flag("--no-cache", options->no_cache,
               "Read every file instead of reusing what its import regexes found before");
  sub.add_option("--cache-dir", options->cache_dir,
                 "Where the test-selection cache lives (default: $KENSA_CACHE_DIR, "
                 "$XDG_CACHE_HOME/kensa or ~/.cache/kensa)")
      ->option_text("DIR");
  sub.footer(kFooter);
  return [options] { return Run(*options); };
}

}  // namespace kensa::cli
