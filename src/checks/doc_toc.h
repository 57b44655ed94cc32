// The table-of-contents check of docs/source/en/_toctree.yml, in the flavour of the project's
// utils/check_doc_toc.py:
// - diffusers (doc_toc_diffusers.cc): the Schedulers section of the API part must be sorted by
//   title (after "Overview" and "AutoPipeline", which keep their place), without an entry
//   listed twice under different titles — check_scheduler_doc, the one function its main runs.
// - transformers (doc_toc_transformers.cc): under "API" > "Models", each modality's list
//   (every entry with `sections`: Text models, Vision models, ...) must be sorted by title and
//   list each page once — check_model_doc.
// Both load the file as yaml.safe_load does (pyyaml.h), compare with Python's ==, print the
// same messages and, in fix mode, write the whole file as yaml.dump(content, allow_unicode=True).
//
// diffusers' mistake, kept unless `strict`: clean_doc_toc means to drop the copies of a
// duplicated entry (`"local" not in counts` should be `"local" not in doc`), so its fix keeps
// every copy and adds one more. With strict, each entry appears once. transformers' script
// drops them correctly, so strict changes nothing there.
//
// Pure: the file comes from a SourceTree, the fix leaves as an Edit. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/edit.h"
#include "project/source_tree.h"

namespace kensa::checks {

enum class DocTocFlavour { kDiffusers, kTransformers };

struct DocTocOptions {
  DocTocFlavour flavour = DocTocFlavour::kDiffusers;
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

// The flavour a project's preset calls for: transformers' script under "transformers",
// diffusers' otherwise (as before there were two).
DocTocFlavour DocTocFlavourForPreset(std::string_view preset);

DocTocReport CheckDocToc(const project::SourceTree& tree, const DocTocOptions& options);

}  // namespace kensa::checks
