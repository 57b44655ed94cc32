// RunTestsFetcher: one run of the reference utils/tests_fetcher.py (its `__main__` with
// `infer_tests_to_run`, `filter_tests` and `update_test_map_with_core_pipelines`), reproduced
// step by step so that kensa prints the same text and leaves the same files, quirks
// included: a commit message with "[skip ci]" stops everything, "[test all]" runs everything;
// a diff that selects no test, or no pipeline test, makes the reference fail on its own
// output and fall back to running every test (the "'pipelines'" case).
//
// The run never touches the disk: output files are written into an in-memory directory
// (which starts empty, as in a fresh CI job) and returned; the caller writes them. Git state
// (which commits to compare, their diffs) is resolved beforehand by the caller, so every
// problem with the repository is reported before the run starts.
//
// A pure function of its inputs; thread-compatible.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "git/repository.h"
#include "select/clean_code.h"
#include "select/fetcher_graph.h"
#include "select/fetcher_preset.h"
#include "select/snapshot.h"

namespace kensa::select {

// How a modified file is judged to hold real code changes.
enum class CodeChangeRule {
  kReference,  // tests_fetcher.py's clean_code (string-based), exactly
  kTokens,     // kensa's tokenizer: only docstrings, comments and blank lines are ignored
};

struct FetcherInputs {
  // The commit the head side is (HEAD, --head, or HEAD under the work tree).
  git::Oid head;
  // Its message (the reference reads `[skip ci]`, `[test all]`, `[no filter]` from it).
  std::string commit_message;
  // Printed first by get_modified_python_files: "main is at ...", "Parent commit: ...".
  std::vector<std::string> header_lines;
  // "main branch detected, fetching tests against last commit." (printed before the run).
  bool main_branch_detected = false;
  // The commits get_diff compares the head with (parents, or the branching commit), each
  // with its diff to the head (git diff-tree -r -M order).
  std::vector<git::Oid> base_commits;
  std::vector<std::vector<git::TreeChange>> diffs;
  // transformers only: get_doctest_files is called without `diff_with_last_commit`, so it
  // always compares HEAD with its merge-base with the local main, printing its own header.
  struct DoctestInputs {
    std::vector<std::string> header_lines;
    std::vector<git::Oid> base_commits;  // empty when main and HEAD share no history
    std::vector<std::vector<git::TreeChange>> diffs;
    // The exception computing them raises in the reference (no local main branch).
    std::optional<std::string> error;
    // The current script also compares main itself with the head (get_new_doctest_files).
    std::optional<git::Oid> main_commit;
    std::vector<git::TreeChange> main_diff;
  };
  std::optional<DoctestInputs> doctest;
  // Reads the old side of a modified file (its blob in the base commit); nullopt when it
  // cannot be read.
  std::function<std::optional<std::string>(const git::TreeChange&)> read_old;
};

struct FetcherRequest {
  // The output files, named as the reference would be given them (--output_file,
  // --json_output_file); examples_test_list.txt goes next to output_file.
  std::string output_file = "test_list.txt";
  std::string json_output_file = "test_map.json";
  // The repository root (absolute, links resolved): the JSON's core_pipelines holds it.
  std::string repo_root;
  CodeChangeRule code_change = CodeChangeRule::kReference;
  // --fetch_all (transformers): run every test, as "[test all]" does.
  bool fetch_all = false;
  unsigned threads = 0;  // 0: every core
  // What the import regexes found in contents seen before (FetcherScanCache); the run adds
  // what it scans. Null: every file is read.
  FetcherScanCache* scan_cache = nullptr;
};

// Why a test was selected.
struct TestReason {
  std::string changed_file;  // the modified file that brought it in
  DependencyChain chain;     // from the test down to changed_file (just the test if it changed)
};

struct FetcherResult {
  std::string stdout_text;
  // The output files as the run left them: name (as in FetcherRequest) -> content.
  std::vector<std::pair<std::string, std::string>> files;
  // Set when the reference would end with an uncaught exception (exit status 1); the text is
  // the exception, e.g. "KeyError: 'pipelines'".
  std::optional<std::string> uncaught_error;
  bool skipped = false;  // "[skip ci]": nothing written

  // What the run found, for --json and --explain (empty where it did not get that far).
  std::vector<std::string> modified_files;
  std::vector<std::string> impacted_files;
  std::vector<std::string> tests;  // before the fallback, after filter_tests
  std::vector<std::string> example_tests;
  std::vector<std::string> doctests;                    // transformers: doctest_list.txt
  std::unordered_map<std::string, TestReason> reasons;  // test -> why
  // Set when the run fell back to running every test: the exception's message (or
  // "[test all]" for the commit-message command).
  std::optional<std::string> fallback_reason;
  // The modified files whose changes were judged docstring- or comment-only.
  std::vector<std::string> ignored_files;
};

// Runs the fetcher. `head` is the snapshot of the head side; `repo` reads old blobs.
FetcherResult RunTestsFetcher(const FetcherPreset& preset, const FetcherInputs& inputs,
                              const FetcherRequest& request, const Snapshot& head,
                              const git::Repository* repo);

// The commit-message commands: parse_commit_message of the reference.
struct CommitFlags {
  bool skip = false;
  bool no_filter = false;
  bool test_all = false;
};
CommitFlags ParseCommitFlags(std::string_view message);

// Path(output_file).parent / "examples_test_list.txt": where the example tests go.
std::string ExamplesListName(std::string_view output_file);
// transformers: test_preparation/<job>_test_list.txt for each job, in JOB_TO_TEST_FILE order.
std::vector<std::string> TransformersJobListFiles();
// Path(output_file).parent / name: where the other lists go.
std::string SiblingOf(std::string_view output_file, std::string_view name);

// json.dumps(mapping, ensure_ascii=False) for a str -> str mapping, in its order.
std::string DumpJsonObject(const std::vector<std::pair<std::string, std::string>>& mapping);

}  // namespace kensa::select
