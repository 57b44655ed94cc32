// The dependency-table check: src/<package>/dependency_versions_table.py must be what
// `python setup.py deps_table_update` generates from setup.py's `_deps` list (diffusers'
// `make deps_table_check_updated`, in its PR CI; transformers has the same command).
//
// CheckDepsTable evaluates setup.py statically, as far as the command depends on it: the
// module-level `_deps = [...]` list of string literals; `deps = {b: a for a, b in
// (re.findall(PATTERN, x)[0] for x in _deps)}` with its PATTERN run by PyRe (an entry the
// pattern does not match is the script's IndexError); then every module-level `deps["name"]`
// and `deps_list("name", ...)` before `setup(...)`, in order, since a name missing from the
// table stops setup.py with KeyError before the command runs, as does an `open("LITERAL")` of a
// missing file (FileNotFoundError; setup()'s README.md). The table is generated as the
// command writes it: the string literals of `DepsTableUpdateCommand.run`'s `content = [...]`
// (setup.py's own header: transformers' line 3 ends in two backticks, diffusers' in one;
// diffusers' header when there is no such list) joined by newlines, with one `    "name":
// "spec",` line per entry in first-seen order (a later duplicate's spec wins) in place of
// `entries`. Lookups under `if os.name == "nt":` follow the POSIX branch (transformers' extras).
//
// Pure: files come from a SourceTree, the fix leaves as an Edit (creating the file if needed).
#pragma once

#include <string>
#include <vector>

#include "base/edit.h"
#include "project/source_tree.h"

namespace kensa::checks {

struct DepsTableOptions {
  std::string setup_path = "setup.py";
  std::string table_path = "src/diffusers/dependency_versions_table.py";
  bool fix = false;
};

struct DepsTableReport {
  bool outdated = false;  // the table differs from the generated text (or is missing)
  bool missing = false;   // no table file at all
  std::string generated;  // the text the command writes
  size_t deps_line = 0;   // the line of `_deps = [` in setup.py
  std::vector<Edit> edits;
  // setup.py's own failure (SyntaxError, IndexError, KeyError, FileNotFoundError), message after
  // "<type>: ".
  std::string exception_type;
  std::string exception;
  size_t exception_line = 0;  // where in setup.py
  // Set when setup.py does something kensa cannot evaluate statically (say what and where).
  std::string tool_error;
};

DepsTableReport CheckDepsTable(const project::SourceTree& tree, const DepsTableOptions& options);

}  // namespace kensa::checks
