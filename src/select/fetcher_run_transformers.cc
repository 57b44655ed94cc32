// The transformers flavour of the reference run: transformers' utils/tests_fetcher.py as it is
// now (00455bcf6219), step by step. What differs from diffusers:
//   - no try/except around the run: an exception ends it (exit status 1), nothing falls back;
//   - a change to one of CORE_FILES, 15 or more impacted model test folders, `[test all]` or
//     --fetch_all run every test: every tests/**/test_*.py and examples/**/*.py;
//   - tests/utils/tiny_model_summary.json is compared with each base commit (its header lines
//     are printed a second time), and the classes of the changed entries are looked up in
//     define_import_structure(src/transformers);
//   - any change under utils/ adds tests/repo_utils/test_*.py, any conftest.py change
//     tests/conftest_tests/test_*.py; sagemaker tests are dropped;
//   - no test_list.txt, test_map.json nor examples list: the tests are split by job into
//     test_preparation/<job>_test_list.txt (the regular expressions of JOB_TO_TEST_FILE), so
//     the final filter_tests prints "No test file found.";
//   - the doctest list (doctest_list.txt) when fewer than 20 tests run: files whose ```
//     examples changed since the merge-base with the local main, plus those just removed from
//     utils/not_doctested.txt, among src/ and docs/source/en/ files not in not_doctested.txt
//     nor utils/slow_documentation_tests.txt.
// Not reproduced: the backbone edges (create_backbone_edges), which import every
// configuration class of the library to read its sub-configurations; kensa does not run the
// library. A change to a backbone model (clip) therefore does not select the composite models
// built on it (llava) as the reference does.
// Nor --print_dependencies_of: it prints Python sets, in an order that string hashing decides
// anew on every run; `kensa rdeps --transitive FILE` answers the same question.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "select/clean_code.h"
#include "select/fetcher_run_internal.h"
#include "select/import_structure.h"

namespace kensa::select::fetcher_internal {

// JOB_TO_TEST_FILE, in its order.
const std::vector<std::pair<const char*, const char*>>& JobToTestFile() {
  static const std::vector<std::pair<const char*, const char*>> jobs = {
      {"tests_torch", R"(tests/models/.*/test_modeling_.*)"},
      {"tests_generate", R"((tests/models/.*/test_modeling_.*|tests/generation/test_.*\.py))"},
      {"tests_tokenization",
       R"(tests/(?:models/.*/test_tokenization.*|test_tokenization_mistral_common\.py))"},
      {"tests_processors", R"(tests/models/.*/test_(?!(?:modeling_|tokenization_)).*)"},
      {"examples_torch", R"(examples/pytorch/.*test_.*)"},
      {"tests_exotic_models", R"(tests/models/.*(?=layoutlmv|nat|deta|udop|nougat).*)"},
      {"tests_custom_tokenizers",
       R"(tests/models/.*/test_tokenization_(?=bert_japanese|openai|clip).*)"},
      {"tests_repo_utils", R"(tests/(?:repo_utils|conftest_tests)/test_.*\.py)"},
      {"pipelines_torch", R"(tests/models/.*/test_modeling_.*)"},
      {"tests_non_model",
       R"(tests/(?!peft_integration/|conftest_tests/|repo_utils/)[^/]*?/test_.*\.py)"},
      {"tests_training_ci", R"(tests/models/.*/test_modeling_.*)"},
      {"tests_tensor_parallel_ci",
       R"((tests/models/.*/test_modeling_.*|tests/tensor_parallel(?:/test_tensor_parallel\.py)?))"},
      {"tests_fsdp_ci", R"((tests/models/.*/test_modeling_.*|tests/test_fsdp_mixin\.py))"},
      {"tests_peft_integration", R"(tests/peft_integration/test_.*\.py)"},
  };
  return jobs;
}

constexpr char kJobListDir[] = "test_preparation/";
constexpr char kTinyModelSummary[] = "tests/utils/tiny_model_summary.json";

namespace {

// Whether a path has a component starting with '.', which glob.glob leaves out.
bool HasHiddenComponent(std::string_view path) {
  return path.front() == '.' || path.find("/.") != std::string_view::npos;
}

}  // namespace

void Run::MainTransformers() {
  CommitFlags flags = ParseCommitFlags(inputs_.commit_message);
  const bool test_all = flags.test_all || request_.fetch_all;
  if (!Preamble(flags, test_all)) return;
  if (Step raised = InferTestsToRunTransformers(test_all)) {
    result_.uncaught_error = raised->message;
    return;
  }
  // filter_tests(output_file, ["repo_utils"]): nothing wrote the output file.
  if (Step raised = FilterTests({"repo_utils"})) result_.uncaught_error = raised->message;
}

// glob("tests/**/test_**.py", recursive=True) + glob("examples/**/*.py", recursive=True).
std::vector<std::string> Run::AllTestAndExampleFiles() const {
  std::vector<std::string> files;
  for (const std::string& f : head_.GlobPython(preset_.tests_dir)) {
    if (StartsWith(LastComponent(f), "test_") && !HasHiddenComponent(f)) files.push_back(f);
  }
  for (const std::string& f : head_.GlobPython(preset_.examples_dir)) {
    if (!HasHiddenComponent(f)) files.push_back(f);
  }
  return files;
}

Step Run::InferTestsToRunTransformers(bool test_all) {
  Impact impact;
  if (!test_all) {
    if (Step s = ModifiedFiles(&impact)) return s;
  } else {
    // [str(k) for k in PATH_TO_TESTS.glob("*/*") if str(k).endswith(".py") and "test_" in
    // str(k)]: absolute paths, so the checkout's own path counts for "test_".
    for (const Snapshot::Child& dir : head_.ListDirectory(preset_.tests_dir)) {
      if (!dir.is_directory) continue;
      for (const Snapshot::Child& child : head_.ListDirectory(preset_.tests_dir + "/" + dir.name)) {
        std::string path =
            request_.repo_root + "/" + preset_.tests_dir + "/" + dir.name + "/" + child.name;
        if (EndsWith(path, ".py") && path.find("test_") != std::string::npos) {
          impact.modified.push_back(path);
        }
      }
    }
    Print("\n### test_all is TRUE, FETCHING ALL FILES###\n");
  }
  if (Step s = ImpactOf(&impact)) return s;
  const std::vector<std::string>& modified = impact.modified;

  std::set<std::string> models_impacted;
  for (const std::string& f : impact.impacted) {
    if (!StartsWith(f, preset_.tests_dir + "/models/")) continue;
    std::vector<std::string> parts = SplitOn(f, '/');
    parts.resize(std::min<size_t>(parts.size(), 3));
    models_impacted.insert(JoinWith(parts, "/"));
  }
  const bool too_many_models = models_impacted.size() >= preset_.models_for_full_ci;
  const bool core_file = std::any_of(modified.begin(), modified.end(), [&](const std::string& f) {
    return std::find(preset_.core_files.begin(), preset_.core_files.end(), f) !=
           preset_.core_files.end();
  });

  std::vector<std::string> tests;
  if (core_file || too_many_models || test_all) {
    tests = AllTestAndExampleFiles();
    if (!test_all) {
      result_.fallback_reason =
          core_file ? "every test runs: a file of CORE_FILES changed"
                    : "every test runs: " + std::to_string(preset_.models_for_full_ci) +
                          " or more model test folders are impacted";
    }
    if (too_many_models) {
      Print("More than " + std::to_string(preset_.models_for_full_ci - 1) +
            " models are impacted. CI is configured to test everything.");
    }
  } else {
    AddModifiedTests(modified, &tests, [&](const std::string& f) {
      return StartsWith(f, preset_.tests_dir) && f.find("/test_") != std::string::npos;
    });
    std::vector<std::string> tiny;
    if (Step s = ImpactedFilesFromTinyModelSummary(&tiny)) return s;
    for (size_t i = 0; i < modified.size(); ++i) AddDependentTests(impact, i, &tests);
    for (const std::string& f : tiny) {
      std::unordered_map<std::string, DependencyChain> chains;
      for (const std::string& t : Graph().ReverseDependencies(f, &chains)) {
        if (StartsWith(t, preset_.tests_dir) ||
            (StartsWith(t, preset_.examples_dir) && StartsWith(LastComponent(t), "test"))) {
          tests.push_back(t);
        }
      }
    }
  }
  auto add_glob = [&](const std::string& dir) {
    std::vector<std::string> found = head_.GlobFiles(dir, "test_", ".py");
    std::sort(found.begin(), found.end());
    tests.insert(tests.end(), found.begin(), found.end());
  };
  if (std::any_of(modified.begin(), modified.end(),
                  [](const std::string& f) { return StartsWith(f, "utils/"); })) {
    add_glob(preset_.tests_dir + "/repo_utils");
  }
  if (std::any_of(modified.begin(), modified.end(),
                  [](const std::string& f) { return LastComponent(f) == "conftest.py"; })) {
    add_glob(preset_.tests_dir + "/conftest_tests");
  }
  SortUnique(&tests);
  std::vector<std::string> kept;
  for (const std::string& f : tests) {
    std::vector<std::string> parts = SplitOn(f, '/');
    if (parts.size() < 2) return Raised{"list index out of range"};
    if (parts[1] != "sagemaker" && head_.Exists(f)) kept.push_back(f);
  }
  tests = std::move(kept);
  result_.tests = tests;
  Print("\n### TEST TO RUN ###\n" + PrintList(tests));

  CreateTestListFromFilter(tests);
  std::vector<std::string> doctests;
  if (tests.size() < 20) {
    if (Step s = GetDoctestFiles(&doctests)) return s;
  }
  WriteDoctestList(doctests);
  return std::nullopt;
}

// create_test_list_from_filter(tests, out_path="test_preparation/").
void Run::CreateTestListFromFilter(const std::vector<std::string>& tests) {
  const std::string all = JoinWith(tests, "\n");
  for (const auto& [job, pattern] : JobToTestFile()) {
    static_cast<void>(pattern);
    const std::string file_name = std::string(kJobListDir) + job + "_test_list.txt";
    // re.findall: every pattern has at most one group, and it spans the whole match.
    std::regex re(pattern, std::regex::ECMAScript | std::regex::optimize);
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(all.begin(), all.end(), re); it != std::sregex_iterator();
         ++it) {
      found.push_back(it->str());
    }
    Print(std::string(job) + " " + file_name + " " + std::to_string(found.size()));
    if (!found.empty()) dir_.Write(file_name, JoinWith(found, "\n"));
  }
}

// A file as the reference reads it after checking `commit` out, then in the head.
Step Run::ReadAtAndNow(const git::Oid& commit, const std::string& path, std::string* old_text,
                       std::string* new_text) {
  const std::string missing = FileNotFound(request_.repo_root + "/" + path).message;
  std::optional<std::string> old_bytes;
  if (repo_ != nullptr) {
    git::Result<std::string> read = repo_->ReadFileAt(commit, path);
    if (read) old_bytes = std::move(read).value();
  }
  if (Step s = ReadText(missing, old_bytes ? &*old_bytes : nullptr, old_text)) return s;
  git::Result<std::string> new_bytes = ContentReader(head_).Read(path);
  return ReadText(missing, new_bytes ? &*new_bytes : nullptr, new_text);
}

// get_impacted_files_from_tiny_model_summary: the modeling files of the classes whose entry
// changed. (The reference builds the path as src/transformers/<module>/modeling_<module's last
// part>.py from the module's dotted name, a path that names no file: its lookups find nothing.)
Step Run::ImpactedFilesFromTinyModelSummary(std::vector<std::string>* files) {
  for (const std::string& line : inputs_.header_lines) Print(line);
  if (!head_.IsFile(kTinyModelSummary)) return std::nullopt;
  std::set<std::string> found;
  for (const git::Oid& commit : inputs_.base_commits) {
    std::string old_text, new_text;
    if (Step s = ReadAtAndNow(commit, kTinyModelSummary, &old_text, &new_text)) return s;
    nlohmann::json old_json, new_json;
    try {
      old_json = nlohmann::json::parse(old_text);
      new_json = nlohmann::json::parse(new_text);
    } catch (const nlohmann::json::exception& e) {
      return Raised{std::string("JSONDecodeError: ") + e.what()};
    }
    if (!old_json.is_object() || !new_json.is_object()) {
      return Raised{"AttributeError: 'list' object has no attribute 'keys'"};
    }
    std::vector<std::string> classes;
    for (auto& [key, value] : new_json.items()) {
      auto old_entry = old_json.find(key);
      if (old_entry != old_json.end() && *old_entry == value) continue;
      if (!value.is_object() || !value.contains("model_classes")) return Raised{"'model_classes'"};
      for (const auto& c : value["model_classes"]) {
        if (c.is_string()) classes.push_back(c.get<std::string>());
      }
    }
    if (classes.empty()) continue;
    std::unordered_map<std::string, std::string> module_of;
    ImportStructures structures(head_);
    for (const ImportStructures::Module& m : structures.Of(preset_.source_dir)) {
      for (const std::string& name : m.names) module_of[name] = m.relative;
    }
    for (const std::string& c : classes) {
      auto it = module_of.find(c);
      if (it == module_of.end()) return Raised{PythonRepr(c)};  // KeyError
      std::string dotted = it->second;
      std::replace(dotted.begin(), dotted.end(), '/', '.');
      std::string path =
          "src.transformers." + dotted + ".modeling_" + LastComponent(it->second) + ".py";
      std::replace(path.begin(), path.end(), '.', '/');
      // .replace("/py", ".py")
      std::string fixed;
      for (size_t i = 0; i < path.size();) {
        if (path.compare(i, 3, "/py") == 0) {
          fixed += ".py";
          i += 3;
        } else {
          fixed += path[i++];
        }
      }
      found.insert(fixed);
    }
  }
  files->assign(found.begin(), found.end());
  return std::nullopt;
}

// get_new_doctest_files(repo, head, main): the entries removed from utils/not_doctested.txt.
Step Run::GetNewDoctestFiles(std::vector<std::string>* removed) {
  const FetcherInputs::DoctestInputs& doctest = *inputs_.doctest;
  const std::string list = "utils/not_doctested.txt";
  for (const git::TreeChange& change : doctest.main_diff) {
    const std::string& a = change.old_path.empty() ? change.new_path : change.old_path;
    if (a != list) continue;
    std::string old_text, new_text;
    if (Step s = ReadAtAndNow(*doctest.main_commit, list, &old_text, &new_text)) return s;
    auto firsts = [](const std::string& text) {
      std::set<std::string> out;
      for (const std::string& line : SplitOn(text, '\n')) out.insert(SplitOn(line, ' ')[0]);
      return out;
    };
    std::set<std::string> before = firsts(old_text), after = firsts(new_text);
    for (const std::string& x : before) {
      if (!after.count(x)) removed->push_back(x);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

Step Run::GetDoctestFiles(std::vector<std::string>* doctests) {
  if (!inputs_.doctest) return std::nullopt;
  std::vector<std::string> candidates;
  if (Step s = DoctestCandidates(/*current=*/true, &candidates)) return s;
  // get_all_doctest_files, asked only about the candidates.
  std::vector<std::string> not_doctested_lines;
  if (Step s = ReadDocumentationList("utils/not_doctested.txt", &not_doctested_lines)) return s;
  std::set<std::string> not_doctested;
  for (const std::string& line : not_doctested_lines) not_doctested.insert(SplitOn(line, ' ')[0]);
  std::vector<std::string> removed;
  if (Step s = GetNewDoctestFiles(&removed)) return s;
  candidates.insert(candidates.end(), removed.begin(), removed.end());
  SortUnique(&candidates);
  std::vector<std::string> slow;
  if (Step s = ReadDocumentationList("utils/slow_documentation_tests.txt", &slow)) return s;
  for (const std::string& f : candidates) {
    const bool doctested = (EndsWith(f, ".py") || EndsWith(f, ".md")) && head_.IsFile(f) &&
                           f.find("models/deprecated") == std::string::npos &&
                           (StartsWith(f, "src/") || StartsWith(f, "docs/source/en/")) &&
                           !EndsWith(f, "__init__.py") && !not_doctested.count(f);
    if (!doctested || std::binary_search(slow.begin(), slow.end(), f)) continue;
    doctests->push_back(f);
  }
  return std::nullopt;
}

}  // namespace kensa::select::fetcher_internal

namespace kensa::select {

std::vector<std::string> TransformersJobListFiles() {
  std::vector<std::string> names;
  for (const auto& [job, pattern] : fetcher_internal::JobToTestFile()) {
    names.push_back(std::string(fetcher_internal::kJobListDir) + job + "_test_list.txt");
  }
  return names;
}

}  // namespace kensa::select
