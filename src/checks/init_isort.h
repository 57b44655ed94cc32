// The init-sorting check: in each `__init__.py` of the library that defines an
// `_import_structure`, the keys of that dictionary (and of `_import_structure["x"] = [...]`
// assignments) and the names in each list must be in isort's order (UPPER_CASE, then CamelCase,
// then lower_case, each ignoring case and underscores). CheckInitIsort reproduces diffusers'
// utils/custom_init_isort.py or transformers' (InitIsortFlavour): the same text-based splitting
// into indented blocks, the same sort keys, the same rewritten files, the same message, and the
// same exceptions on odd input. The two scripts differ in one line: transformers' leaves alone an
// init that mentions `define_import_structure` (its newer inits build the structure from the
// submodules' `__all__`, so there is nothing to sort).
//
// One mistake of the script's is kept unless `strict` is set: its count of files that would be
// rewritten is always 1 (`failures = [path]` instead of appending); strict counts them all and
// names each.
//
// Pure: files come from a SourceTree, fixes leave as Edits. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/edit.h"
#include "project/layout.h"
#include "project/source_tree.h"

namespace kensa::checks {

enum class InitIsortFlavour { kDiffusers, kTransformers };

struct InitIsortOptions {
  InitIsortFlavour flavour = InitIsortFlavour::kDiffusers;
  std::string library_path = "src/diffusers";  // PATH_TO_TRANSFORMERS (sic) in the script
  bool fix = false;                            // without --check_only
  bool strict = false;                         // the true count of files, each named
};

struct InitIsortReport {
  // Inits whose order differs, in the script's walk order (os.walk, top down, directories in
  // the order the file system lists them), relative to the tree root.
  std::vector<std::string> unsorted;
  // Fix mode: "Overwriting src/diffusers/__init__.py." per file, and the edits.
  std::vector<std::string> printed;
  std::vector<Edit> edits;
  // Set when the script ends with an exception: "ValueError" for a failed check, else the error
  // on odd input ("IndexError", "AttributeError", "UnicodeDecodeError"), with the file it was
  // reading; the message is what follows "<type>: ".
  std::string exception_type;
  std::string exception;
  std::string exception_path;
};

// The options for a project: its package folder, transformers' script under the transformers
// preset (as DummiesOptionsFor picks the dummies script).
InitIsortOptions InitIsortOptionsFor(const project::Layout& layout);

InitIsortReport CheckInitIsort(const project::SourceTree& tree, const InitIsortOptions& options);

// sort_imports on one init's text (already read in universal-newline mode): the sorted text,
// or nullopt with *error_type / *error set when the script would raise.
std::optional<std::string> SortInitText(std::string_view code, std::string* error_type,
                                        std::string* error,
                                        InitIsortFlavour flavour = InitIsortFlavour::kDiffusers);

}  // namespace kensa::checks
