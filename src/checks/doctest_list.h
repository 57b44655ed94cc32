// The doctest-list check: transformers' lists of documentation files left out of the doctests
// (utils/not_doctested.txt) and of slow ones (utils/slow_documentation_tests.txt) name paths
// that exist and are sorted. CheckDoctestList reproduces transformers' utils/check_doctest_list.py:
// each file in turn, read as `for line in open(file)` reads it (universal newlines), each line
// cut to `line.strip().split(" ")[0]` and looked up as os.path.join(".", entry) with isfile or
// isdir; the first file naming a missing path, or (check mode) out of order, stops the script
// with its ValueError. Its quirks are kept: a blank line is the entry "", which names the
// repository itself (a directory, so it exists) and sorts first; the order is Python's str
// order (code points, i.e. UTF-8 bytes); a missing list file is a FileNotFoundError.
//
// Fix mode (--fix_and_overwrite) writes an unsorted file as "\n".join(sorted(entries)) + "\n"
// (so a file's comments after the first space go) and goes on to the next file; missing paths
// are still an error, after the files before it were written.
//
// Pure: the lists come from a SourceTree, existence from `exists` (an entry as the script joins
// it to ".": relative to the project root, or absolute); fixes leave as Edits. Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/edit.h"
#include "project/source_tree.h"

namespace kensa::checks {

// DOCTEST_FILE_PATHS, under utils/, in the script's order.
const std::vector<std::string>& DoctestListFiles();

struct DoctestListProblem {
  enum class Kind { kMissingPath, kUnsorted };
  Kind kind;
  std::string file;   // "utils/not_doctested.txt", relative to the project root
  int line = 0;       // kMissingPath: 1-based line of the entry; kUnsorted: of the first entry
                      // out of place
  std::string entry;  // kMissingPath: the entry as the script lists it
};

struct DoctestListReport {
  // What the file that stopped the script holds wrong: each missing path, or one kUnsorted.
  std::vector<DoctestListProblem> problems;
  std::vector<Edit> edits;  // fix mode: the files rewritten sorted, before any exception
  // The script's exception: "ValueError" for a failed check, else what it dies of on odd input
  // ("FileNotFoundError", "IsADirectoryError", "UnicodeDecodeError"); message after "<type>: ".
  std::string exception_type;
  std::string exception;
  std::string exception_path;  // the list file, relative to the project root
};

DoctestListReport CheckDoctestList(const project::SourceTree& tree,
                                   const std::function<bool(const std::string&)>& exists, bool fix);

}  // namespace kensa::checks
