// The config-docstrings check: every configuration class transformers' CONFIG_MAPPING names has
// a checkpoint link in its source. CheckConfigDocstrings reproduces
// utils/check_config_docstrings.py without importing the library:
// - CONFIG_MAPPING's values, in order, are CONFIG_MAPPING_NAMES' (model type, class name) pairs
//   as src/transformers/models/auto/configuration_auto.py spells them (an OrderedDict of a list
//   of 2-tuples of strings). _LazyConfigMapping resolves a type to the package
//   transformers.models.<module>, module = model_type_to_module_name(type):
//   SPECIAL_MODEL_TYPE_TO_MODULE_NAME's value or the type with "-" turned to "_", prefixed
//   "deprecated." when it is in DEPRECATED_MODELS (where the file has one). The library
//   registers no extra content itself (CONFIG_MAPPING.register is for users), so there is none.
// - The class is the top-level `class NAME` of that package's directory (its configuration_*.py
//   files first, then the other .py files, each by name); its source is what inspect.getsource
//   gives: from the first decorator (or the class line) to the end of its last statement.
// - A class under models/deprecated is skipped ("models.deprecated" in __module__); the rest
//   need a match of `\[(.+?)\]\((https://huggingface\.co/.+?)\)` (findall, in order) whose link,
//   less one trailing "/", is "https://huggingface.co/" + name; the ignore set is the script's.
// What a static reading cannot know — a package directory or a class statement that is not
// there (a class re-exported from elsewhere, or made by a call: `XConfig = make(...)`) — is a
// kUnresolved finding at the place it looked, never a guess.
//
// Pure: reads through a SourceTree. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "project/source_tree.h"

namespace kensa::checks {

// The script's CONFIG_CLASSES_TO_IGNORE_FOR_DOCSTRING_CHECKPOINT_CHECK.
const std::vector<std::string>& ConfigDocstringsIgnored();

struct ConfigDocstringsFinding {
  enum class Kind {
    kNoCheckpoint,  // the class has no valid checkpoint link: listed in the ValueError
    kUnresolved,    // kensa cannot tell statically which class the import would give
  };
  Kind kind;
  std::string config_class;  // the name CONFIG_MAPPING_NAMES gives
  std::string model_type;
  std::string file;  // kNoCheckpoint: the class's file; kUnresolved: where kensa looked
  int line = 0;      // 1-based: the class's first line (its first decorator), or 0
  std::string message;
};

struct ConfigDocstringsReport {
  // kNoCheckpoint findings sorted by class name (the script's order), then kUnresolved ones in
  // CONFIG_MAPPING_NAMES' order.
  std::vector<ConfigDocstringsFinding> findings;
  int checked = 0;  // classes whose source was read
  // "ValueError" with the script's message when a class lacks a checkpoint; "SyntaxError",
  // "KeyError"-like types are not produced: an unreadable mapping file is exception_type
  // "FileNotFoundError" or "kensa" (CONFIG_MAPPING_NAMES not found), with exception_path.
  std::string exception_type;
  std::string exception;
  std::string exception_path;
};

ConfigDocstringsReport CheckConfigDocstrings(const project::SourceTree& tree);

}  // namespace kensa::checks
