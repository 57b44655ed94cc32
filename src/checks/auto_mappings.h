// The auto-mappings check: the OrderedDict mappings of transformers' auto classes
// (`MODEL_MAPPING_NAMES = OrderedDict(` ... in src/<package>/models/auto/*.py) list their
// entries sorted by model name. CheckAutoMappings reproduces transformers'
// utils/sort_auto_mappings.py line for line: a line matching `[A-Z_]+_MAPPING(\s+|_[A-Z_]+\s+)=
// \s+OrderedDict` (Python `re`, through PyRe) opens a mapping whose entries start 8 columns
// deeper with "("; an entry is one line, or from a line that is "(" alone to the next line
// starting with the indent and ")"; the entries up to the line that is "]" are sorted (stably,
// by code point) by the first `\s*\(\s*"(\S[^"]+)"` in each, and the file becomes
// "\n".join(lines) — with universal newlines read, so CRLF files come out LF. The script's
// crashes are kept: IndexError when a mapping never finds its first entry, its "]" or an entry's
// ")", AttributeError for an entry without a quoted name (a comment or blank line among them).
//
// The script lists the directory with os.listdir, whose order is the filesystem's (hash order
// on ext4); kensa takes the files sorted by name, so its message lists them in that order and,
// if several files would crash, it names the first by name. In fix mode the script rewrites
// every file; kensa writes only the files whose bytes change, which leaves the same tree.
//
// Pure: files come from a SourceTree, the fix leaves as Edits. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/edit.h"
#include "project/source_tree.h"

namespace kensa::checks {

// What sort_auto_mapping makes of one file's text (as read: universal newlines applied).
struct AutoMappingSort {
  std::string sorted;  // "\n".join(new_lines)
  int first_changed_line =
      0;  // 1-based line where `sorted` first differs from the input; 0 if none
  std::string exception_type;  // "IndexError" or "AttributeError" when the script crashes
  std::string exception;
};
AutoMappingSort SortAutoMapping(const std::string& content);

struct AutoMappingsOptions {
  std::string auto_dir = "src/transformers/models/auto";  // PATH_TO_AUTO_MODULE
  bool fix = false;
};

struct AutoMappingsFinding {
  std::string file;  // "src/transformers/models/auto/modeling_auto.py"
  int line = 0;      // the first line the sort changes
};

struct AutoMappingsReport {
  std::vector<AutoMappingsFinding> unsorted;  // check mode: the files to sort, by name
  std::vector<Edit> edits;                    // fix mode: the files whose bytes change
  // The script's exception: "ValueError" for a failed check, else what it dies of
  // ("FileNotFoundError", "IndexError", ...); message after "<type>: "; the file, if one.
  std::string exception_type;
  std::string exception;
  std::string exception_path;
};

AutoMappingsReport CheckAutoMappings(const project::SourceTree& tree,
                                     const AutoMappingsOptions& options);

}  // namespace kensa::checks
