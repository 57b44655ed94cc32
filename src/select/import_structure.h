// ImportStructure: what transformers' `define_import_structure(path)` (utils/import_utils.py)
// says a package folder exports, read as that function reads it, statically: every .py file
// of the folder and of all its subfolders (except __init__.py, convert_* and modular_* files,
// and __pycache__), each exporting the names of its `__all__` (read line by line as
// `fetch__all__` reads it) and the classes and functions under an `@requires(...)` decorator.
// The current tests_fetcher.py adds these to what an __init__.py imports when it traces names
// through inits (transformers' inits no longer import their submodules explicitly), and uses
// the whole src/transformers structure to find the module of a class in
// tests/utils/tiny_model_summary.json.
//
// Backends are left out: the fetcher merges the modules of every backend.
// Immutable once built; thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "select/snapshot.h"

namespace kensa::select {

// fetch__all__(content): the names of the last line starting with `__all__`, up to a line "]".
std::vector<std::string> FetchAllNames(std::string_view content);
// The names the `@requires` scan of create_import_structure_from_path exports.
std::vector<std::string> RequiresExportedNames(std::string_view content);

class ImportStructures {
 public:
  explicit ImportStructures(const Snapshot& snapshot) : snapshot_(snapshot) {}

  struct Module {
    std::string relative;  // "models/bert/modeling_bert" (dots of the reference as '/')
    std::vector<std::string> names;
  };
  // define_import_structure(dir), flattened: one entry per exporting module, sorted by path.
  // Files that cannot be read or decoded are skipped.
  const std::vector<Module>& Of(const std::string& dir);

 private:
  const std::vector<std::string>& ExportsOf(const std::string& file);
  void Collect(const std::string& dir, const std::string& prefix, std::vector<Module>* out);

  const Snapshot& snapshot_;
  std::unordered_map<std::string, std::vector<Module>> by_dir_;
  std::unordered_map<std::string, std::vector<std::string>> by_file_;
};

}  // namespace kensa::select
