// FetcherGraph: the reference tests_fetcher.py's dependency map (`get_module_dependencies`,
// `init_test_examples_dependencies`, `create_reverse_dependency_map`) with its exact
// semantics, computed without its cost:
//   - every module of src/<package>/ and tests/ (and the example tests) gets its direct
//     dependencies from the regex import map, traced through __init__ files to the
//     submodule that defines each name;
//   - m depends on f when a chain of imports leads from m to f whose intermediate modules are
//     not __init__.py files (the reference stops its closure at inits);
//   - a changed __init__.py impacts what it imports and everything depending on those.
// The reference computes the closure of all 2,000 modules by repeated set differences; here
// only the modules reaching the changed files are found, by a backward search from them.
//
// The per-file work (read, decode, regex) runs in parallel; the result is immutable and safe
// to query from several threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "select/fetcher_imports.h"
#include "select/fetcher_preset.h"
#include "select/fetcher_scan_cache.h"
#include "select/snapshot.h"

namespace kensa::select {

// Why a file is in another's reverse dependencies: the import chain from the dependent file
// down to the changed one. `files` runs from the dependent to the changed file; each file
// imports the next one, except that when `through_init` is set the last hop is reversed (the
// changed file is an __init__.py importing the one before it).
struct DependencyChain {
  std::vector<std::string> files;
  bool through_init = false;
};

class FetcherGraph {
 public:
  // Reads and analyses every module of `snapshot`. `threads` = 0 uses every core. With a
  // `scan_cache`, files whose content it knows are not read, and those read are added to it.
  static FetcherGraph Build(const Snapshot& snapshot, const FetcherImportScanner& scanner,
                            const FetcherPreset& preset, unsigned threads = 0,
                            FetcherScanCache* scan_cache = nullptr);

  // The message of the exception the reference raises while building its map, if it does: a
  // module that is not valid UTF-8 (UnicodeDecodeError) or a dependency on a module that does
  // not exist ("KeyError:<dep>. From <module>").
  const std::optional<std::string>& error() const { return error_; }

  // all_modules of the reference, in its order.
  const std::vector<std::string>& modules() const { return modules_; }

  // reverse_map[file] as a set (sorted), and for each entry that `wants_chain` accepts (all
  // when it is empty) one chain explaining it.
  std::vector<std::string> ReverseDependencies(
      std::string_view file, std::unordered_map<std::string, DependencyChain>* chains,
      const std::function<bool(std::string_view)>& wants_chain = {}) const;

  // The direct dependencies the reference computes for `module` (get_module_dependencies, or
  // the example mapping for example tests), in its order; empty for an unknown module.
  std::vector<std::string> DirectDependencies(std::string_view module) const;

 private:
  int NodeId(const std::string& name);
  std::vector<int> ReverseReach(int target, std::vector<int>* next_hop) const;
  void FindClosureError();

  std::optional<std::string> error_;
  std::vector<std::string> modules_;
  std::vector<std::string> names_;                 // node id -> path
  std::unordered_map<std::string, int> ids_;       // path -> node id
  std::vector<std::vector<int>> direct_;           // node id -> deps (keys only), as computed
  std::vector<std::vector<int>> original_direct_;  // get_module_dependencies (inits)
  std::vector<bool> is_key_;                       // in the reference's direct_deps dict
  std::vector<bool> is_module_;                    // in all_modules
  std::vector<std::vector<int>> importers_;        // node id -> modules listing it directly
};

// str.endswith("__init__.py"), the reference's test for an init.
inline bool IsInitPath(std::string_view path) {
  return path.size() >= 11 && path.compare(path.size() - 11, 11, "__init__.py") == 0;
}

}  // namespace kensa::select
