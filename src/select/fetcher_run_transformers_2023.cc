// The transformers-2023 flavour of the reference run: transformers' utils/tests_fetcher.py as
// of mid-2023 ("tests_fetcher V2", 13639d7a), step by step (preset "transformers-2023"; the
// current script is fetcher_run_transformers.cc). What differs from diffusers:
//   - a change reaching more than half of the model test folders keeps only IMPORTANT_MODELS;
//   - setup.py runs every test ("tests") and the repo utils tests;
//   - any change under utils/ writes test_repo_utils.txt;
//   - repo_utils and sagemaker tests are dropped from the list;
//   - the JSON map has a key per model folder ("models/bert");
//   - the doctest list (doctest_list.txt), from the files whose ``` examples changed since the
//     merge-base with the local main, restricted to utils/documentation_tests.txt;
//   - when something fails, every test runs, but there is no core-pipeline step.
#include <algorithm>

#include "select/clean_code.h"
#include "select/fetcher_run_internal.h"

namespace kensa::select::fetcher_internal {

void Run::MainTransformers2023() {
  CommitFlags flags = ParseCommitFlags(inputs_.commit_message);
  bool test_all = flags.test_all;
  if (!Preamble(flags, test_all)) return;
  if (!test_all) {
    Step raised = InferTestsToRun2023(/*filter_models=*/!flags.no_filter);
    if (!raised) raised = FilterTests({"repo_utils"});
    if (raised) test_all = FallBack(*raised);
  }
  if (test_all) {
    WriteRunEverything();
    std::vector<std::string> tests;
    Step raised = GetAllTests2023(&tests);
    if (!raised) raised = CreateJsonMap(tests);
    if (raised) result_.uncaught_error = raised->message;
  }
}

// get_all_tests: the model test folders, then the other folders and tests/test_* files.
Step Run::GetAllTests2023(std::vector<std::string>* tests) const {
  const std::string& dir = preset_.tests_dir;
  if (!head_.IsDirectory(dir)) return FileNotFound(request_.repo_root + "/" + dir);
  std::vector<std::string> top;
  for (const Snapshot::Child& child : head_.ListDirectory(dir)) {
    std::string f = dir + "/" + child.name;
    if (f.find("__pycache__") != std::string::npos) continue;
    if (child.is_directory || StartsWith(f, dir + "/test_")) top.push_back(f);
  }
  std::sort(top.begin(), top.end());
  const std::string models = dir + "/models";
  if (!head_.IsDirectory(models)) return FileNotFound(request_.repo_root + "/" + models);
  std::vector<std::string> model_folders;
  for (const Snapshot::Child& child : head_.ListDirectory(models)) {
    std::string f = models + "/" + child.name;
    if (f.find("__pycache__") != std::string::npos) continue;
    if (child.is_directory) model_folders.push_back(f);
  }
  std::sort(model_folders.begin(), model_folders.end());
  top.erase(std::remove(top.begin(), top.end(), models), top.end());
  top.erase(std::remove(top.begin(), top.end(), dir + "/sagemaker"), top.end());
  *tests = std::move(model_folders);
  tests->insert(tests->end(), top.begin(), top.end());
  return std::nullopt;
}

// create_module_to_test_map(filter_models=True) for one module's tests: when they reach more
// than half of the entries of tests/models/, only the important models' tests stay.
std::vector<std::string> Run::FilterModelTests2023(const std::vector<std::string>& tests) const {
  const std::string prefix = preset_.tests_dir + "/models/";
  const size_t model_entries = head_.ListDirectory(preset_.tests_dir + "/models").size();
  auto model_of = [&](const std::string& t) {
    std::string rest = t.substr(prefix.size());
    return rest.substr(0, rest.find('/'));
  };
  std::vector<std::string> models;
  for (const std::string& t : tests) {
    if (StartsWith(t, prefix)) models.push_back(model_of(t));
  }
  SortUnique(&models);
  if (models.size() <= model_entries / 2) return tests;
  std::vector<std::string> kept;
  for (const std::string& t : tests) {
    if (!StartsWith(t, prefix) ||
        std::find(preset_.important_models.begin(), preset_.important_models.end(), model_of(t)) !=
            preset_.important_models.end()) {
      kept.push_back(t);
    }
  }
  return kept;
}

Step Run::InferTestsToRun2023(bool filter_models) {
  Impact impact;
  if (Step s = ModifiedFiles(&impact)) return s;
  if (Step s = ImpactOf(&impact)) return s;
  const std::vector<std::string>& modified = impact.modified;

  std::vector<std::string> tests;
  bool repo_utils_launch = false;
  const std::string& tests_prefix = preset_.tests_dir;
  if (std::find(modified.begin(), modified.end(), "setup.py") != modified.end()) {
    tests = {"tests"};
    repo_utils_launch = true;
  } else {
    AddModifiedTests(modified, &tests, [&](const std::string& f) {
      return StartsWith(f, tests_prefix) && StartsWith(LastComponent(f), "test");
    });
    for (size_t i = 0; i < modified.size(); ++i) {
      if (filter_models) {
        AddDependentTests(impact, i, &tests, [&](std::vector<std::string> found) {
          return FilterModelTests2023(found);
        });
      } else {
        AddDependentTests(impact, i, &tests);
      }
    }
    SortUnique(&tests);
    for (const char* excluded : {"repo_utils", "sagemaker"}) {
      std::vector<std::string> kept;
      for (const std::string& f : tests) {
        std::vector<std::string> parts = SplitOn(f, '/');
        if (parts.size() < 2) return Raised{"list index out of range"};
        if (parts[1] != excluded) kept.push_back(f);
      }
      tests = std::move(kept);
    }
    tests.erase(std::remove_if(tests.begin(), tests.end(),
                               [&](const std::string& f) { return !head_.Exists(f); }),
                tests.end());
    for (const std::string& f : modified) {
      if (SplitOn(f, '/')[0] == "utils") repo_utils_launch = true;
    }
  }
  if (repo_utils_launch)
    dir_.Write(Sibling(request_.output_file, "test_repo_utils.txt"), "tests/repo_utils");

  if (Step s = WriteTestAndExampleLists(std::move(tests))) return s;

  std::vector<std::string> doctests;
  if (Step s = GetDoctestFiles2023(&doctests)) return s;
  WriteDoctestList(doctests);
  return std::nullopt;
}

Step Run::GetDiffForDoctesting(std::vector<std::string>* code_diff, bool current) {
  Print("\n### DIFF ###\n");
  const FetcherInputs::DoctestInputs& doctest = *inputs_.doctest;
  for (size_t c = 0; c < doctest.base_commits.size(); ++c) {
    for (const git::TreeChange& change : doctest.diffs[c]) {
      // GitPython gives an added or deleted file the same a_path and b_path.
      const std::string& a = change.old_path.empty() ? change.new_path : change.old_path;
      const std::string& b = change.new_path.empty() ? change.old_path : change.new_path;
      const bool modified_or_renamed =
          change.type == git::ChangeType::kModified || change.type == git::ChangeType::kRenamed;
      const bool py_or_md = EndsWith(b, ".py") || EndsWith(b, ".md");
      // Now: only .py and .md files, added or modified/renamed. In 2023 the condition read
      // `M/R and .py, or .md`: a deleted .md file got there too, and failed to be read back.
      const bool compared = current
                                ? modified_or_renamed && py_or_md
                                : (modified_or_renamed && EndsWith(b, ".py")) || EndsWith(b, ".md");
      if (change.type == git::ChangeType::kAdded && py_or_md) {
        code_diff->push_back(b);
      } else if (compared) {
        if (a != b) {
          code_diff->push_back(a);
          code_diff->push_back(b);
          continue;
        }
        git::TreeChange same = change;
        same.old_path = same.new_path = b;
        std::string old_text, new_text;
        if (Step s = ReadBoth(same, &old_text, &new_text)) return s;
        if (ReferenceKeepDocExamplesOnly(old_text) != ReferenceKeepDocExamplesOnly(new_text)) {
          code_diff->push_back(a);
        } else {
          Print("Ignoring diff in " + b + " as it doesn't contain any doc example.");
        }
      }
    }
  }
  return std::nullopt;
}

// set(open(path).read().strip().split("\n")), as a sorted list.
Step Run::ReadDocumentationList(const std::string& path, std::vector<std::string>* lines) {
  git::Result<std::string> bytes = ContentReader(head_).Read(path);
  std::string text;
  if (Step s = ReadText(FileNotFound(path).message, bytes ? &*bytes : nullptr, &text)) return s;
  *lines = SplitOn(StripPython(text), '\n');
  SortUnique(lines);
  return std::nullopt;
}

Step Run::DoctestCandidates(bool current, std::vector<std::string>* candidates) {
  if (inputs_.doctest->error) return Raised{*inputs_.doctest->error};
  for (const std::string& line : inputs_.doctest->header_lines) Print(line);
  return GetDiffForDoctesting(candidates, current);
}

Step Run::GetDoctestFiles2023(std::vector<std::string>* doctests) {
  if (!inputs_.doctest) return std::nullopt;
  std::vector<std::string> candidates;
  if (Step s = DoctestCandidates(/*current=*/false, &candidates)) return s;
  std::vector<std::string> documented, slow;
  if (Step s = ReadDocumentationList("utils/documentation_tests.txt", &documented)) return s;
  if (Step s = ReadDocumentationList("utils/slow_documentation_tests.txt", &slow)) return s;
  for (const std::string& f : candidates) {
    if (!std::binary_search(documented.begin(), documented.end(), f)) continue;
    if (std::binary_search(slow.begin(), slow.end(), f)) continue;
    if (!head_.Exists(f)) continue;
    doctests->push_back(f);
  }
  return std::nullopt;
}

}  // namespace kensa::select::fetcher_internal
