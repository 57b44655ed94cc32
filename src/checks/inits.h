// The inits check: every custom init (an `__init__.py` with `_import_structure = {`) defines
// the same objects in both halves, the `_import_structure` dict and the `TYPE_CHECKING`
// imports, per backend (`if not is_xxx_available()` guards inside `try:`); and every submodule
// of the package is a key of the main init's `_import_structure`. CheckInits reproduces
// utils/check_inits.py (diffusers 58eb52c, transformers' current one: the same parse_init and
// analyze_results) line for line, quirks included: parse_init is line-based with regular
// expressions, so it reports whatever those see, and dies with IndexError where the script
// indexes past the end of the file.
//
// diffusers' copy still walks "src/transformers" (absent there); kensa runs the algorithm on
// the project's own package instead. check_submodules imports the package to read
// `_import_structure.keys()`; kensa reads the keys from the main init's text: the keys of the
// `_import_structure = {...}` literal, plus every `import_structure["key"]` subscript (what
// transformers' current script adds for keys set under optional backends).
//
// Pure: files come from a SourceTree. Thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "project/source_tree.h"

namespace kensa::checks {

// One half of an init: (backend, objects) in the script's dict insertion order ("none" first).
using InitHalf = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct ParsedInit {
  bool custom = false;  // false: a traditional init (parse_init returns None)
  InitHalf import_structure;
  InitHalf type_checking;
};

// parse_init on the text of one init (valid UTF-8). Throws nothing; on the script's IndexError
// returns false.
bool ParseInit(std::string_view text, ParsedInit* parsed);

// analyze_results: the error lines of one init ("" = both halves agree).
std::vector<std::string> AnalyzeInit(const ParsedInit& parsed);

struct InitsOptions {
  std::string library_path = "src/diffusers";     // PATH_TO_TRANSFORMERS, meant for the package
  std::vector<std::string> ignore_submodules = {  // IGNORE_SUBMODULES
      "convert_pytorch_checkpoint_to_tf2"};
};

// IGNORE_SUBMODULES of transformers' current utils/check_inits.py.
std::vector<std::string> TransformersIgnoredSubmodules();

struct InitProblem {
  std::string path;                 // the init, relative to the tree root
  std::vector<std::string> errors;  // analyze_results' lines (without the "Problem in" one)
};

struct InitsReport {
  std::vector<InitProblem> problems;      // in os.walk order
  std::vector<std::string> unregistered;  // submodules, in the script's order
  // "ValueError" (a failed check, with the script's whole message), or the error it dies of
  // ("IndexError", "UnicodeDecodeError", "FileNotFoundError") with the file.
  std::string exception_type;
  std::string exception;
  std::string exception_path;
};

InitsReport CheckInits(const project::SourceTree& tree, const InitsOptions& options);

}  // namespace kensa::checks
