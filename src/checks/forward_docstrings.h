// The forward/__call__ docstring check: diffusers' utils/check_forward_call_docstrings.py (its
// PR CI and `make repo-consistency`). In every file under src/diffusers/models (method
// `forward`, classes with a base named `ModelMixin`) and src/diffusers/pipelines (`__call__`,
// base `DiffusionPipeline`), sorted as pathlib sorts, classes in ast.walk order: every
// signature argument (positional-only, positional, keyword-only, less self/cls) has an entry in
// the docstring's Args:/Arguments:/Parameters: section, no entry names a removed argument, and a
// method annotated to return something has a Returns:/Return:/Yields:/Yield: section. The
// docstring is ast.get_docstring's (inspect.cleandoc); files that are not UTF-8 or do not parse
// are skipped, as the script skips them. With `fix`, stale entries are deleted from the source
// lines the way the script deletes them (str.splitlines indices, the file rewritten from its
// universal-newline text) and the check runs on the fixed text.
//
// Pure: files come from a SourceTree, fixes leave as Edits. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/edit.h"
#include "project/source_tree.h"

namespace kensa::checks {

struct ForwardDocstringsOptions {
  std::string models_dir = "src/diffusers/models";
  std::string pipelines_dir = "src/diffusers/pipelines";
  bool fix = false;
  // The script's fix splits the source with str.splitlines (form feeds, U+2028, ... end lines
  // there) but indexes it with ast line numbers, and rewrites CRLF files with LF: strict splits
  // at line ends only and keeps each file's own line ends.
  bool strict = false;
};

struct ForwardDocstringsFinding {
  enum class Kind { kMissing, kStale, kNoReturns };
  Kind kind = Kind::kMissing;
  std::string path;  // relative to the project root
  size_t line = 0;   // the method's `def` line
  std::string class_name;
  std::string method;
  std::vector<std::string> names;  // missing or stale arguments; the annotation for kNoReturns
  std::string message;             // the script's line, "path:line: Class.method ..."
};

struct ForwardDocstringsReport {
  std::vector<ForwardDocstringsFinding> findings;  // in the script's order
  std::vector<std::string> removed;                // --fix: "path: Class.method: removed a, b"
  std::vector<Edit> edits;
  size_t files = 0;  // files checked
  // The error the script dies of (UnicodeDecodeError in the fix, a file it cannot read),
  // message after "<type>: "; edits hold only the files written before it.
  std::string exception_type;
  std::string exception;
  std::string exception_path;
};

ForwardDocstringsReport CheckForwardDocstrings(const project::SourceTree& tree,
                                               const ForwardDocstringsOptions& options);

}  // namespace kensa::checks
