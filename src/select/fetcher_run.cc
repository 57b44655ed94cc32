#include "select/fetcher_run.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "select/fetcher_run_internal.h"
#include "select/python_text.h"
#include "select/token_clean_code.h"

namespace kensa::select {

namespace fetcher_internal {

void Run::Main() {
  switch (preset_.flavor) {
    case FetcherFlavor::kDiffusers:
      MainDiffusers();
      break;
    case FetcherFlavor::kTransformers:
      MainTransformers();
      break;
    case FetcherFlavor::kTransformers2023:
      MainTransformers2023();
      break;
  }
  result_.files = dir_.Files();
}

// The commit-message commands and the branch notice, as every flavour prints them.
bool Run::Preamble(const CommitFlags& flags, bool test_all) {
  if (flags.skip) {
    Print("Force-skipping the CI");
    result_.skipped = true;
    return false;
  }
  if (flags.no_filter) Print("Running all tests fetched without filtering.");
  if (test_all) {
    Print("Force-launching all tests");
    result_.fallback_reason = "[test all]";
  }
  if (inputs_.main_branch_detected) {
    Print("main branch detected, fetching tests against last commit.");
  }
  return true;
}

bool Run::FallBack(const Raised& raised) {
  Print("\nError when trying to grab the relevant tests: " + raised.message +
        "\n\nRunning all tests.");
  result_.fallback_reason = raised.message;
  return true;
}

void Run::WriteRunEverything() {
  dir_.Write(request_.output_file, "tests");
  dir_.Write(ExamplesListName(request_.output_file), "all");
}

void Run::MainDiffusers() {
  CommitFlags flags = ParseCommitFlags(inputs_.commit_message);
  bool test_all = flags.test_all;
  if (!Preamble(flags, test_all)) return;
  if (!test_all) {
    Step raised = InferTestsToRun();
    if (!raised) raised = FilterTests({"repo_utils"});
    if (!raised) raised = UpdateTestMapWithCorePipelines();
    if (raised) test_all = FallBack(*raised);
  }
  if (test_all) {
    WriteRunEverything();
    Step raised = CreateJsonMap(GetAllTests());
    if (!raised) raised = UpdateTestMapWithCorePipelines();
    if (raised) result_.uncaught_error = raised->message;
  }
}

Step Run::ReadText(const std::string& missing, const std::string* bytes, std::string* text) {
  if (bytes == nullptr) return Raised{missing};
  if (std::optional<std::string> error = Utf8DecodeError(*bytes)) return Raised{*error};
  *text = TranslateNewlines(*bytes);
  return std::nullopt;
}

Step Run::ReadBoth(const git::TreeChange& change, std::string* old_text, std::string* new_text) {
  // The old side is the file in the base commit (the reference checks that commit out and
  // reads it), the new side the file in the head snapshot.
  const std::string missing = FileNotFound(request_.repo_root + "/" + change.new_path).message;
  std::optional<std::string> old_bytes;
  if (inputs_.read_old) old_bytes = inputs_.read_old(change);
  if (Step s = ReadText(missing, old_bytes ? &*old_bytes : nullptr, old_text)) return s;
  git::Result<std::string> new_bytes = ContentReader(head_).Read(change.new_path);
  return ReadText(missing, new_bytes ? &*new_bytes : nullptr, new_text);
}

Step Run::DiffIsDocstringOnly(const git::TreeChange& change, bool* docstring_only) {
  std::string old_text, new_text;
  if (Step s = ReadBoth(change, &old_text, &new_text)) return s;
  if (request_.code_change == CodeChangeRule::kTokens) {
    *docstring_only = TokenDiffIsDocstringOnly(old_text, new_text);
  } else {
    *docstring_only = ReferenceDiffIsDocstringOnly(old_text, new_text);
  }
  return std::nullopt;
}

Step Run::GetDiff(std::vector<std::string>* code_diff) {
  Print("\n### DIFF ###\n");
  for (size_t c = 0; c < inputs_.base_commits.size(); ++c) {
    for (const git::TreeChange& change : inputs_.diffs[c]) {
      const std::string& a = change.old_path;
      const std::string& b = change.new_path;
      switch (change.type) {
        case git::ChangeType::kAdded:
          if (EndsWith(b, ".py")) code_diff->push_back(b);
          break;
        case git::ChangeType::kDeleted:
          if (EndsWith(a, ".py")) code_diff->push_back(a);
          break;
        case git::ChangeType::kModified:
        case git::ChangeType::kRenamed: {
          if (!EndsWith(b, ".py")) break;
          if (a != b) {
            code_diff->push_back(a);
            code_diff->push_back(b);
            break;
          }
          bool docstring_only = false;
          if (Step s = DiffIsDocstringOnly(change, &docstring_only)) return s;
          if (docstring_only) {
            // (transformers' current get_diff no longer says so.)
            if (preset_.flavor != FetcherFlavor::kTransformers) {
              Print("Ignoring diff in " + b + " as it only concerns docstrings or comments.");
            }
            result_.ignored_files.push_back(b);
          } else {
            code_diff->push_back(a);
          }
          break;
        }
        case git::ChangeType::kTypeChanged:
          break;
      }
    }
  }
  return std::nullopt;
}

const FetcherGraph& Run::Graph() {
  if (!graph_) {
    scanner_ = std::make_unique<FetcherImportScanner>(preset_.package);
    graph_ = FetcherGraph::Build(head_, *scanner_, preset_, request_.threads, request_.scan_cache);
  }
  return *graph_;
}

// get_all_tests: the folders under tests/ and the tests/test_* files, sorted.
std::vector<std::string> Run::GetAllTests() const {
  std::vector<std::string> tests;
  for (const Snapshot::Child& child : head_.ListDirectory(preset_.tests_dir)) {
    std::string f = preset_.tests_dir + "/" + child.name;
    if (f.find("__pycache__") != std::string::npos) continue;
    if (child.is_directory || StartsWith(f, preset_.tests_dir + "/test_")) tests.push_back(f);
  }
  std::sort(tests.begin(), tests.end());
  return tests;
}

Step Run::ModifiedFiles(Impact* impact) {
  for (const std::string& line : inputs_.header_lines) Print(line);
  return GetDiff(&impact->modified);
}

Step Run::ImpactOf(Impact* impact) {
  const std::vector<std::string>& modified = impact->modified;
  result_.modified_files = modified;
  Print("\n### MODIFIED FILES ###\n" + PrintList(modified));

  const FetcherGraph& graph = Graph();
  if (graph.error()) return Raised{*graph.error()};
  impact->impacted = modified;
  impact->reverse.assign(modified.size(), {});
  impact->chains.assign(modified.size(), {});
  for (size_t i = 0; i < modified.size(); ++i) {
    // Chains are only reported for tests: build no others.
    impact->reverse[i] =
        graph.ReverseDependencies(modified[i], &impact->chains[i], [&](std::string_view f) {
          return StartsWith(f, preset_.tests_dir) || StartsWith(f, preset_.examples_dir);
        });
    impact->impacted.insert(impact->impacted.end(), impact->reverse[i].begin(),
                            impact->reverse[i].end());
  }
  SortUnique(&impact->impacted);
  result_.impacted_files = impact->impacted;
  Print("\n### IMPACTED FILES ###\n" + PrintList(impact->impacted));
  return std::nullopt;
}

void Run::AddModifiedTests(const std::vector<std::string>& modified,
                           std::vector<std::string>* tests,
                           const std::function<bool(const std::string&)>& is_modified_test) {
  for (const std::string& f : modified) {
    if (!is_modified_test(f)) continue;
    tests->push_back(f);
    result_.reasons.emplace(f, TestReason{f, DependencyChain{{f}, false}});
  }
}

void Run::AddDependentTests(
    const Impact& impact, size_t i, std::vector<std::string>* tests,
    const std::function<std::vector<std::string>(std::vector<std::string>)>& keep) {
  // is_test of create_module_to_test_map.
  std::vector<std::string> found;
  for (const std::string& f : impact.reverse[i]) {
    if (StartsWith(f, preset_.tests_dir) ||
        (StartsWith(f, preset_.examples_dir) && StartsWith(LastComponent(f), "test"))) {
      found.push_back(f);
    }
  }
  if (keep) found = keep(std::move(found));
  for (const std::string& t : found) {
    tests->push_back(t);
    auto chain = impact.chains[i].find(t);
    result_.reasons.emplace(
        t, TestReason{impact.modified[i],
                      chain != impact.chains[i].end() ? chain->second : DependencyChain{}});
  }
}

Step Run::InferTestsToRun() {
  Impact impact;
  if (Step s = ModifiedFiles(&impact)) return s;
  if (Step s = ImpactOf(&impact)) return s;
  const std::vector<std::string>& modified = impact.modified;

  // (The reference's `setup.py` rule sets a list that the next statement overwrites.)
  std::vector<std::string> tests;
  if (std::find(modified.begin(), modified.end(), "tests/utils/tiny_model_summary.json") !=
      modified.end()) {
    tests = {"tests"};
  } else {
    AddModifiedTests(modified, &tests, [&](const std::string& f) {
      return StartsWith(f, preset_.tests_dir) && StartsWith(LastComponent(f), "test");
    });
    for (size_t i = 0; i < modified.size(); ++i) AddDependentTests(impact, i, &tests);
    SortUnique(&tests);
    tests.erase(std::remove_if(tests.begin(), tests.end(),
                               [&](const std::string& f) { return !head_.Exists(f); }),
                tests.end());
  }
  return WriteTestAndExampleLists(std::move(tests));
}

// The end of infer_tests_to_run in diffusers and transformers-2023.
Step Run::WriteTestAndExampleLists(std::vector<std::string> tests) {
  const bool diffusers = preset_.flavor == FetcherFlavor::kDiffusers;
  std::vector<std::string> examples, others;
  for (const std::string& f : tests) {
    (StartsWith(f, preset_.examples_dir) ? examples : others).push_back(f);
  }
  tests = others;
  result_.tests = tests;
  result_.example_tests = examples;
  Print("\n### TEST TO RUN ###\n" + PrintList(tests));
  if (!tests.empty()) {
    dir_.Write(request_.output_file, JoinWith(tests, " "));
    // ("tests" when setup.py changed: the JSON map lists every test folder.)
    if (std::find(tests.begin(), tests.end(), "tests") != tests.end()) {
      if (diffusers) {
        tests = GetAllTests();
      } else if (Step s = GetAllTests2023(&tests)) {
        return s;
      }
    }
    if (Step s = CreateJsonMap(tests)) return s;
  }
  Print("\n### EXAMPLES TEST TO RUN ###\n" + PrintList(examples));
  if (!examples.empty()) {
    if (diffusers && examples == std::vector<std::string>{"examples"}) examples = {"all"};
    dir_.Write(ExamplesListName(request_.output_file), JoinWith(examples, " "));
  }
  return std::nullopt;
}

void Run::WriteDoctestList(const std::vector<std::string>& doctests) {
  result_.doctests = doctests;
  Print("\n### DOCTEST TO RUN ###\n" + PrintList(doctests));
  if (!doctests.empty()) {
    dir_.Write(Sibling(request_.output_file, "doctest_list.txt"), JoinWith(doctests, " "));
  }
}

Step Run::CreateJsonMap(const std::vector<std::string>& tests) {
  std::map<std::string, std::vector<std::string>> by_key;
  for (const std::string& test_file : tests) {
    std::vector<std::string> names = SplitOn(test_file, '/');
    if (names.size() < 2) return Raised{"list index out of range"};
    const std::string& module = names[1];
    if (std::find(preset_.modules_to_ignore.begin(), preset_.modules_to_ignore.end(), module) !=
        preset_.modules_to_ignore.end()) {
      continue;
    }
    std::string key = names.size() > 2 || !EndsWith(test_file, ".py") ? names[1] : "common";
    // transformers-2023: a key per model folder ("models/bert").
    if (preset_.flavor == FetcherFlavor::kTransformers2023 && module == "models") {
      key = names.size() > 2 ? names[1] + "/" + names[2] : names[1];
    }
    by_key[key].push_back(test_file);
  }
  JsonMap map;
  for (auto& [key, files] : by_key) {
    std::sort(files.begin(), files.end());
    map.emplace_back(key, JoinWith(files, " "));
  }
  dir_.WriteJson(request_.json_output_file, std::move(map));
  return std::nullopt;
}

Step Run::FilterTests(const std::vector<std::string>& filters) {
  const std::string* content = dir_.Read(request_.output_file);
  if (content == nullptr) {
    Print("No test file found.");
    return std::nullopt;
  }
  std::vector<std::string> test_files = SplitOn(*content, ' ');
  if (test_files.empty() || test_files == std::vector<std::string>{""}) {
    Print("No tests to filter.");
    return std::nullopt;
  }
  auto filtered_out = [&](const std::string& name) {
    return std::find(filters.begin(), filters.end(), name) != filters.end();
  };
  std::vector<std::string> kept;
  if (test_files == std::vector<std::string>{"tests"}) {
    for (const Snapshot::Child& child : head_.ListDirectory(preset_.tests_dir)) {
      if (child.name == "__init__.py" || filtered_out(child.name)) continue;
      kept.push_back(preset_.tests_dir + "/" + child.name);
    }
  } else {
    for (const std::string& f : test_files) {
      std::vector<std::string> parts = SplitOn(f, '/');
      if (parts.size() < 2) return Raised{"list index out of range"};
      if (!filtered_out(parts[1])) kept.push_back(f);
    }
  }
  result_.tests = kept;
  dir_.Write(request_.output_file, JoinWith(kept, " "));
  return std::nullopt;
}

Step Run::UpdateTestMapWithCorePipelines() {
  Print("\n### ADD CORE PIPELINE TESTS ###\n" + PrintList(preset_.important_pipelines));
  const JsonMap* loaded = dir_.ReadJson(request_.json_output_file);
  if (loaded == nullptr) return FileNotFound(request_.json_output_file);
  JsonMap map = *loaded;
  std::vector<std::string> core;
  for (const std::string& pipe : preset_.important_pipelines) {
    core.push_back(request_.repo_root + "/" + preset_.tests_dir + "/pipelines/" + pipe);
  }
  std::sort(core.begin(), core.end());
  auto set = [&](const std::string& key, std::string value) {
    for (auto& [k, v] : map) {
      if (k == key) {
        v = std::move(value);
        return;
      }
    }
    map.emplace_back(key, std::move(value));
  };
  set("core_pipelines", JoinWith(core, " "));
  auto pipelines = std::find_if(map.begin(), map.end(),
                                [](const auto& entry) { return entry.first == "pipelines"; });
  if (pipelines == map.end()) {
    dir_.WriteJson(request_.json_output_file, map);
    return Raised{"'pipelines'"};  // str(KeyError('pipelines'))
  }
  std::vector<std::string> pipeline_tests = SplitOn(pipelines->second, ' ');
  map.erase(pipelines);
  std::vector<std::string> kept;
  const std::string whole = preset_.tests_dir + "/pipelines";
  for (const std::string& pipe : pipeline_tests) {
    if (pipe == whole) continue;
    // Path(pipe).parts[2]
    std::vector<std::string> parts;
    for (std::string& part : SplitOn(pipe, '/')) {
      if (!part.empty() && part != ".") parts.push_back(std::move(part));
    }
    if (parts.size() < 3) return Raised{"tuple index out of range"};
    if (std::find(preset_.important_pipelines.begin(), preset_.important_pipelines.end(),
                  parts[2]) != preset_.important_pipelines.end()) {
      continue;
    }
    kept.push_back(pipe);
  }
  if (!kept.empty()) {
    std::sort(kept.begin(), kept.end());
    map.emplace_back("pipelines", JoinWith(kept, " "));
  }
  dir_.WriteJson(request_.json_output_file, std::move(map));
  return std::nullopt;
}

}  // namespace fetcher_internal

using namespace fetcher_internal;

std::string SiblingOf(std::string_view output_file, std::string_view name) {
  return Sibling(output_file, name);
}

std::string ExamplesListName(std::string_view output_file) {
  return Sibling(output_file, "examples_test_list.txt");
}

CommitFlags ParseCommitFlags(std::string_view message) {
  CommitFlags flags;
  // re.search(r"\[([^\]]*)\]", message): the first '[' with a ']' after it.
  size_t open = message.find('[');
  if (open == std::string_view::npos) return flags;
  size_t close = message.find(']', open + 1);
  if (close == std::string_view::npos) return flags;
  std::string command(message.substr(open + 1, close - open - 1));
  for (char& c : command) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == '_') c = ' ';
  }
  flags.skip = command == "ci skip" || command == "skip ci" || command == "circleci skip" ||
               command == "skip circleci";
  std::set<std::string> words;
  for (std::string& word : SplitOn(command, ' ')) words.insert(std::move(word));
  flags.no_filter = words == std::set<std::string>{"no", "filter"};
  flags.test_all = words == std::set<std::string>{"test", "all"};
  return flags;
}

std::string DumpJsonObject(const std::vector<std::pair<std::string, std::string>>& mapping) {
  auto quote = [](std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
      unsigned char c = static_cast<unsigned char>(ch);
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (c < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
          } else {
            out += ch;
          }
      }
    }
    return out + "\"";
  };
  std::string out = "{";
  for (size_t i = 0; i < mapping.size(); ++i) {
    if (i > 0) out += ", ";
    out += quote(mapping[i].first) + ": " + quote(mapping[i].second);
  }
  return out + "}";
}

FetcherResult RunTestsFetcher(const FetcherPreset& preset, const FetcherInputs& inputs,
                              const FetcherRequest& request, const Snapshot& head,
                              const git::Repository* repo) {
  FetcherResult result;
  Run(preset, inputs, request, head, repo, &result).Main();
  return result;
}

}  // namespace kensa::select
