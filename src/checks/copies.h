// The copies check: code marked `# Copied from <package>.<module>.<Object> [with A->B ...]` must
// equal the original after the replacements (and, when there are replacements, after ruff
// formats it). CheckCopies reproduces a repository's utils/check_copies.py — diffusers' (line
// based) or transformers' (block based, with `# Ignore copy`, copies in tests/models and
// whole-file copies), chosen by the preset: the same files in the same order, the same
// text-based (not AST-based) location of objects and copied blocks, the same mismatches, the
// same exceptions on odd input, and in fix mode the same resulting files — including order
// effects (a file fixed early is what later copies read).
//
// Where the script starts the formatter once per copy, CheckCopies collects every snippet that
// needs formatting and asks its SnippetFormatter for all of them at once; it repeats the pass
// with the answers, and needs another batch only when an answer changes what a later copy
// formats (a fix rewriting an original that a later copy reads, in fix mode). A check never
// touches the disk: files come from a SourceTree, fixes leave as Edits. Not thread-safe per
// call (the formatter is stateful); independent calls may run concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "base/edit.h"
#include "checks/snippet_formatter.h"
#include "project/source_tree.h"

namespace kensa::checks {

// The names and rules the reference script hard-codes for one repository family.
struct CopiesPreset {
  // Which utils/check_copies.py: diffusers' (line-based comparison) or transformers' (block-based,
  // with `# Ignore copy`, copies in tests/models, and whole-file copies).
  enum class Flavor { kDiffusers, kTransformers };
  Flavor flavor = Flavor::kDiffusers;
  std::string library_path = "src/diffusers";  // where copies are looked for and found
  std::string package = "diffusers";           // "# Copied from <package>.…"
  // Transformers only: copies in test files ("# Copied from tests.…") and whole-file copies.
  std::string tests_path;                                        // "tests/models"
  std::string tests_package;                                     // "tests"
  std::vector<std::pair<std::string, std::string>> full_copies;  // (copy, original)
};

CopiesPreset DiffusersCopiesPreset();
// As of transformers f576078df320 (the newest utils/check_copies.py kensa was checked against).
CopiesPreset TransformersCopiesPreset();

struct CopiesOptions {
  CopiesPreset preset = DiffusersCopiesPreset();
  bool fix = false;       // --fix_and_overwrite
  std::string only_file;  // transformers' --file: check this file (as the script names it) only
};

struct CopyMismatch {
  std::string path;         // as the script prints it, e.g. "src/diffusers/models/x.py"
  std::string object_name;  // e.g. "models.attention.Attention"
  // What the script prints after "at line": the 0-based index of the copy's first body line,
  // which is the 1-based number of the line above it (usually the class/def line).
  size_t line = 0;
};

struct CopiesStats {
  size_t files_scanned = 0;
  size_t copies = 0;
  size_t snippets_formatted = 0;
  size_t formatter_runs = 0;
};

struct CopiesReport {
  // In the script's order. In fix mode, mismatches that were fixed.
  std::vector<CopyMismatch> mismatches;
  // What the script prints on stdout, in order ("Detected changes, rewriting <path>.", ...).
  std::vector<std::string> printed;
  // Fix mode: the files rewritten, in order, and the edits that turn each into its fixed text
  // (paths relative to the tree root, as the script names them).
  std::vector<std::string> rewritten;
  std::vector<Edit> edits;
  // Set when the script ends with an exception — a check that found mismatches (type
  // "Exception") or an error on odd input ("ValueError", "IndexError", ...): its message, what
  // follows "<type>: " in the traceback. In fix mode, files rewritten before that point are
  // still listed above, as the script has written them by then.
  std::string exception;
  std::string exception_type;
  // Non-empty when kensa could not complete the check (the formatter failed to run).
  std::string tool_error;
  CopiesStats stats;
};

CopiesReport CheckCopies(const project::SourceTree& tree, const CopiesOptions& options,
                         SnippetFormatter* formatter);

// "Found the following copy inconsistencies:\n- <path>: copy does not match <object> at line
// <n>\n...Run `make fix-copies` or ..." — the script's message for a failed check.
std::string CopyMismatchMessage(const std::vector<CopyMismatch>& mismatches);
// The same message around already formatted "- ..." lines.
std::string CopyInconsistenciesMessage(const std::vector<std::string>& lines);

}  // namespace kensa::checks
