// Internal to src/select: the pieces of one reference run shared by the diffusers and the
// transformers flavours (fetcher_run.cc, fetcher_run_transformers.cc) — the in-memory output
// directory, Python-like string helpers, and the Run class whose methods mirror the script's
// functions one for one. Not thread-safe (one Run per call).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "select/fetcher_run.h"
#include "select/python_text.h"

namespace kensa::select::fetcher_internal {

using JsonMap = std::vector<std::pair<std::string, std::string>>;

// An exception of the reference script, by its message (what `f"{e}"` prints).
struct Raised {
  std::string message;
};
using Step = std::optional<Raised>;

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

inline std::string LastComponent(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// _print_list
inline std::string PrintList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += '\n';
    out += "- " + items[i];
  }
  return out;
}

inline void SortUnique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// Path(output_file).parent / name
inline std::string Sibling(std::string_view file, std::string_view name) {
  std::string path(file);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return std::string(name);
  std::string dir = path.substr(0, slash);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  // Built by appending: g++ 12 at -O3 takes `"/" + std::string(name)` here for an overlapping
  // copy (-Wrestrict, a known false positive) and fails the Release build.
  if (dir == "/") dir.clear();
  dir.push_back('/');
  dir.append(name);
  return dir;
}

// The output directory of the run, in memory.
class VirtualDirectory {
 public:
  void Write(const std::string& name, std::string content) {
    files_[name] = {std::move(content), std::nullopt};
  }
  void WriteJson(const std::string& name, JsonMap map) {
    std::string text = DumpJsonObject(map);
    files_[name] = {std::move(text), std::move(map)};
  }
  const std::string* Read(const std::string& name) const {
    auto it = files_.find(name);
    return it == files_.end() ? nullptr : &it->second.content;
  }
  const JsonMap* ReadJson(const std::string& name) const {
    auto it = files_.find(name);
    return it == files_.end() || !it->second.json ? nullptr : &*it->second.json;
  }
  std::vector<std::pair<std::string, std::string>> Files() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, entry] : files_) out.emplace_back(name, entry.content);
    return out;
  }

 private:
  struct Entry {
    std::string content;
    std::optional<JsonMap> json;
  };
  std::map<std::string, Entry> files_;
};

inline Raised FileNotFound(const std::string& name) {
  return {"[Errno 2] No such file or directory: " + PythonRepr(name)};
}

class Run {
 public:
  Run(const FetcherPreset& preset, const FetcherInputs& inputs, const FetcherRequest& request,
      const Snapshot& head, const git::Repository* repo, FetcherResult* result)
      : preset_(preset),
        inputs_(inputs),
        request_(request),
        head_(head),
        repo_(repo),
        result_(*result),
        out_(result->stdout_text) {}

  void Main();

 private:
  void Print(std::string_view text) {
    out_.append(text);
    out_ += '\n';
  }

  // The three flavours share the start of every run and the first half of
  // infer_tests_to_run; each has the rest to itself.
  bool Preamble(const CommitFlags& flags, bool test_all);  // false: "[skip ci]"
  // diffusers and transformers-2023 catch what the run raises, print it and run every test:
  // test_list.txt = "tests", examples_test_list.txt = "all".
  bool FallBack(const Raised& raised);  // returns true (test_all)
  void WriteRunEverything();
  // What infer_tests_to_run computes first: the modified files, then everything they impact.
  struct Impact {
    std::vector<std::string> modified;
    std::vector<std::vector<std::string>> reverse;  // reverse_map[modified[i]]
    std::vector<std::unordered_map<std::string, DependencyChain>> chains;
    std::vector<std::string> impacted;  // sorted
  };
  // The headers and get_diff: fills impact->modified.
  Step ModifiedFiles(Impact* impact);
  // Prints the modified files, builds the map, prints the impacted files.
  Step ImpactOf(Impact* impact);
  // Adds the tests among reverse_map[modified[i]] (is_test of create_module_to_test_map),
  // with the reason of each, to `tests`; `keep` filters them first.
  void AddDependentTests(
      const Impact& impact, size_t i, std::vector<std::string>* tests,
      const std::function<std::vector<std::string>(std::vector<std::string>)>& keep = {});
  // Splits off the example tests, writes the test list, the JSON map and the example list
  // (diffusers, transformers-2023).
  Step WriteTestAndExampleLists(std::vector<std::string> tests);
  // Prints the doctests and writes doctest_list.txt (both transformers revisions).
  void WriteDoctestList(const std::vector<std::string>& doctests);
  // The modified files that are tests themselves, with their reason.
  void AddModifiedTests(const std::vector<std::string>& modified, std::vector<std::string>* tests,
                        const std::function<bool(const std::string&)>& is_modified_test);

  // diffusers (fetcher_run.cc).
  void MainDiffusers();
  Step InferTestsToRun();
  Step GetDiff(std::vector<std::string>* code_diff);
  Step ReadText(const std::string& missing, const std::string* bytes, std::string* text);
  Step DiffIsDocstringOnly(const git::TreeChange& change, bool* docstring_only);
  const FetcherGraph& Graph();
  std::vector<std::string> GetAllTests() const;
  Step CreateJsonMap(const std::vector<std::string>& tests);
  Step FilterTests(const std::vector<std::string>& filters);
  Step UpdateTestMapWithCorePipelines();
  Step ReadDocumentationList(const std::string& path, std::vector<std::string>* lines);
  Step ReadBoth(const git::TreeChange& change, std::string* old_text, std::string* new_text);

  // transformers as of mid-2023 (fetcher_run_transformers_2023.cc).
  void MainTransformers2023();
  Step InferTestsToRun2023(bool filter_models);
  Step GetAllTests2023(std::vector<std::string>* tests) const;
  std::vector<std::string> FilterModelTests2023(const std::vector<std::string>& tests) const;
  Step GetDoctestFiles2023(std::vector<std::string>* doctests);
  Step GetDiffForDoctesting(std::vector<std::string>* code_diff, bool current);
  // The start of get_doctest_files (both revisions): its headers and get_diff_for_doctesting.
  Step DoctestCandidates(bool current, std::vector<std::string>* candidates);

  // transformers now (fetcher_run_transformers.cc).
  void MainTransformers();
  Step InferTestsToRunTransformers(bool test_all);
  std::vector<std::string> AllTestAndExampleFiles() const;
  Step ImpactedFilesFromTinyModelSummary(std::vector<std::string>* files);
  void CreateTestListFromFilter(const std::vector<std::string>& tests);
  Step GetDoctestFiles(std::vector<std::string>* doctests);
  Step GetNewDoctestFiles(std::vector<std::string>* removed);
  Step ReadAtAndNow(const git::Oid& commit, const std::string& path, std::string* old_text,
                    std::string* new_text);

  const FetcherPreset& preset_;
  const FetcherInputs& inputs_;
  const FetcherRequest& request_;
  const Snapshot& head_;
  const git::Repository* repo_;
  FetcherResult& result_;
  std::string& out_;
  VirtualDirectory dir_;
  std::unique_ptr<FetcherImportScanner> scanner_;
  std::optional<FetcherGraph> graph_;
};

}  // namespace kensa::select::fetcher_internal
