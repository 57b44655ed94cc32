// The table-of-contents check: the Schedulers section of the API part of
// docs/source/en/_toctree.yml must be sorted by title (after "Overview" and "AutoPipeline",
// which keep their place), without an entry listed twice under different titles. CheckDocToc
// reproduces diffusers' utils/check_doc_toc.py as its main runs it (check_scheduler_doc; its
// pipeline and model functions are never called): the file loaded as yaml.safe_load loads it
// (pyyaml.h), clean_doc_toc's result compared with Python's ==, the same messages, and in fix
// mode the whole file written as yaml.dump(content, allow_unicode=True) writes it.
//
// The script's mistake, kept unless `strict`: clean_doc_toc means to drop the copies of a
// duplicated entry (`"local" not in counts` should be `"local" not in doc`), so its fix keeps
// every copy and adds one more. With strict, each entry appears once.
//
// Pure: the file comes from a SourceTree, the fix leaves as an Edit. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/edit.h"
#include "project/source_tree.h"

namespace kensa::checks {

struct DocTocOptions {
  std::string toc_path = "docs/source/en/_toctree.yml";  // PATH_TO_TOC
  bool fix = false;
  bool strict = false;
};

struct DocTocReport {
  bool unsorted = false;
  std::vector<Edit> edits;  // fix mode: the rewritten file
  // The script's exception: "ValueError" for a failed check or a duplicate with different
  // titles, else the error on odd input ("KeyError", "IndexError", ...); message after "<type>: ".
  std::string exception_type;
  std::string exception;
  // Set when kensa cannot reproduce the script's output for this file (see pyyaml.h).
  std::string tool_error;
};

DocTocReport CheckDocToc(const project::SourceTree& tree, const DocTocOptions& options);

}  // namespace kensa::checks
