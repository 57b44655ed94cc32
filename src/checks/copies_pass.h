// Internals of the copies check shared by its two flavours (copies_diffusers.cc,
// copies_transformers.cc): one Pass replays the reference script once over the tree — reading
// files through the SourceTree plus the files it has rewritten so far in this pass (an overlay),
// and answering the script's stylify() from the formatter answers collected so far. A snippet
// whose answer is not known yet is queued in Shared::pending and its copy treated as consistent;
// CheckCopies formats the queue in one batch and replays until nothing is pending. Not part of
// the checks' interface. Single-threaded per pass.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "checks/copies.h"
#include "checks/copy_code.h"
#include "checks/copy_comment.h"
#include "project/source_tree.h"

namespace kensa::checks::copies_internal {

// What Python raised, as its traceback's last line shows it: "<type>: <message>".
struct PyError {
  std::string type;
  std::string message;
};

// A file as the script's `open(path, encoding="utf-8", newline="\n").readlines()` sees it.
struct FileText {
  bool ok = false;
  std::string content;
  PyError error;                 // when !ok
  bool has_copy_marker = false;  // contains "Copied from" (else no line can match)
};

FileText LoadFile(const project::SourceTree& tree, const std::string& path);
// The exception open(path) raises for a SourceTree read failure `reason` (FileNotFoundError ...).
PyError OpenError(const std::string& reason, const std::string& path);

// State that outlives one pass: the file list, files read from disk, and formatter answers.
struct Shared {
  std::vector<std::string> files;  // what the script's glob returns, in order
  std::unordered_map<std::string, FileText> disk;
  std::unordered_map<std::string, bool> is_file;
  std::unordered_map<std::string, std::string> formatted;  // snippet -> ruff's stdout
  std::vector<std::string> pending;                        // snippets not yet formatted
  std::unordered_set<std::string> pending_set;
};

class Pass {
 public:
  Pass(const project::SourceTree& tree, const CopiesOptions& options, Shared* shared)
      : tree_(tree), options_(options), shared_(shared) {}
  virtual ~Pass() = default;

  // Replays the script, filling `report` (mismatches, printed lines, rewritten files, the
  // exception it would end with).
  virtual void Execute(CopiesReport* report) = 0;

  // The loop of check_copies() both flavours share: every file through IsCopyConsistent,
  // mismatches collected, fixed files rewritten (fix mode), and the exception the script ends
  // with. Returns false when the script stops there (an error, or mismatches in check mode).
  bool CheckFiles(CopiesReport* report);

  // The text of each file rewritten in this pass.
  const std::map<std::string, std::string>& overlay() const { return overlay_; }

 protected:
  // is_copy_consistent(filename, overwrite) of the flavour. In fix mode, *rewritten is the
  // file's new text when there were diffs.
  virtual bool IsCopyConsistent(const std::string& filename, std::vector<CopyMismatch>* diffs,
                                std::string* rewritten, CopiesStats* stats, PyError* error) = 0;

  const FileText& Disk(const std::string& path);
  // The file's current text: rewritten earlier in this pass, or as on disk.
  bool Read(const std::string& path, std::string_view* text, bool* has_marker, PyError* error);
  // os.path.isfile(path).
  bool IsFile(const std::string& path);
  // The lines of `text`, cached per file while its text stays the same.
  const PyLines& LinesOf(const std::string& path, std::string_view text);
  void Rewrite(const std::string& path, std::string text) { overlay_[path] = std::move(text); }

  // The module part of find_code_in_*: the shortest prefix of `parts` naming `<base>/<m>.py`.
  // Sets *first_name to the index of the first part after the module.
  bool FindModule(const std::string& base, const std::string& object_name,
                  const std::vector<std::string_view>& parts, size_t* first_name,
                  std::string* module, PyError* error);

  // The search loop of find_code_in_*: for each name of parts[first_name:], the first line at or
  // after *line_index that defines it at the indentation reached so far (*indent, four spaces
  // more per name). On return *line_index is the line after the last definition.
  bool FindDefinition(const PyLines& lines, const std::vector<std::string_view>& parts,
                      size_t first_name, const std::string& object_name, const std::string& module,
                      int64_t* line_index, std::string* indent, PyError* error);

  // stylify(code). *known is false while the formatter has not answered for this snippet.
  bool Stylify(const std::string& code, std::string* out, bool* known, PyError* error);

  const project::SourceTree& tree_;
  const CopiesOptions& options_;
  Shared* shared_;

 private:
  std::map<std::string, std::string> overlay_;
  std::unordered_map<std::string, std::pair<const char*, PyLines>> lines_cache_;
};

// How both scripts follow an observed copy from the comment: while the next line continues the
// block (`continues`, the flavour's _should_continue) and is not `<indent># End copy`. Returns
// the index after the copy's last line, before trailing empty lines are dropped.
int64_t FollowCopy(const PyLines& lines, int64_t line_index, const std::string& indent,
                   bool (*continues)(std::string_view line, std::string_view indent));

// lines = lines[:start] + [text] + lines[end:]: how a fix puts the corrected code back; the new
// item's text is kept alive in *owned.
void ReplaceLines(PyLines* lines, std::deque<std::string>* owned, int64_t start, int64_t end,
                  std::string text);

// The scripts' scan for copies: advances *line_index to the next item of `lines` that is a
// `# Copied from <package>.…` comment and returns it; nullopt at the end of the list (whose
// length a fix may have changed since the last call).
std::optional<CopyComment> NextCopyComment(const PyLines& lines, std::string_view package,
                                           int64_t* line_index);

// A regular expression from a `# Copied from` line that Python's `re` rejects (an object name
// with regex characters, a bad `with A->B` replacement): an error of type "re.error" whose
// message says which call fails and why. The reference stops with a traceback there; kensa
// names the place, rewriting such an error's message to "<file>:<line>: invalid regular
// expression in `# Copied from`: <message>" (other errors are left alone). `comment` is the
// comment's item of the script's line list, `text` the file as read (to count lines in).
void LocateRegexError(const std::string& filename, std::string_view text, std::string_view comment,
                      PyError* error);

// while len(lines[line_index - 1]) <= 1: line_index -= 1   (IndexError when it runs off)
bool DropTrailingEmptyLines(const PyLines& lines, int64_t* line_index, PyError* error);

std::unique_ptr<Pass> NewDiffusersPass(const project::SourceTree& tree,
                                       const CopiesOptions& options, Shared* shared);
std::unique_ptr<Pass> NewTransformersPass(const project::SourceTree& tree,
                                          const CopiesOptions& options, Shared* shared);

}  // namespace kensa::checks::copies_internal
