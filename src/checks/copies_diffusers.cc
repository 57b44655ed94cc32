// The diffusers flavour of the copies check: utils/check_copies.py of huggingface/diffusers
// (as of 58eb52c0803e) replayed line for line — find_code_in_diffusers, is_copy_consistent and
// check_copies — over a SourceTree.
#include <deque>
#include <optional>

#include "checks/copies_pass.h"
#include "checks/copy_code.h"
#include "checks/copy_comment.h"
#include "checks/py_text.h"

namespace kensa::checks::copies_internal {

namespace {

class DiffusersPass : public Pass {
 public:
  using Pass::Pass;

  void Execute(CopiesReport* report) override { CheckFiles(report); }

 private:
  // find_code_in_diffusers(object_name): the object's body (without its def/class line).
  bool FindCode(const std::string& object_name, std::string* code, PyError* error) {
    const std::string& lib = options_.preset.library_path;
    std::vector<std::string_view> parts = PySplit(object_name, '.');
    size_t first_name = 0;
    std::string module;
    if (!FindModule(lib, object_name, parts, &first_name, &module, error)) return false;
    std::string path = PyPathJoin(lib, module + ".py");
    std::string_view text;
    bool has_marker = false;
    if (!Read(path, &text, &has_marker, error)) return false;
    const PyLines& lines = LinesOf(path, text);
    const int64_t n = static_cast<int64_t>(lines.size());

    std::string indent;
    int64_t line_index = 0;
    if (!FindDefinition(lines, parts, first_name, object_name, module, &line_index, &indent,
                        error)) {
      return false;
    }
    int64_t start_index = line_index;
    while (line_index < n && ShouldContinueBlock(lines[static_cast<size_t>(line_index)], indent)) {
      ++line_index;
    }
    if (!DropTrailingEmptyLines(lines, &line_index, error)) return false;
    *code = PyJoinSlice(lines, start_index, line_index);
    return true;
  }

  bool IsCopyConsistent(const std::string& filename, std::vector<CopyMismatch>* diffs,
                        std::string* rewritten, CopiesStats* stats, PyError* error) override {
    std::string_view text;
    bool has_marker = false;
    if (!Read(filename, &text, &has_marker, error)) return false;
    if (!has_marker) return true;
    PyLines lines = PyReadLines(text);
    std::deque<std::string> owned;  // text of list items made by fixes
    const std::string_view package = options_.preset.package;

    int64_t line_index = 0;
    while (std::optional<CopyComment> search = NextCopyComment(lines, package, &line_index)) {
      ++stats->copies;
      std::string object_name(search->object_name);
      std::string replace_pattern(search->replace_pattern);
      std::string_view comment = lines[static_cast<size_t>(line_index)];
      std::string theoretical_code;
      if (!FindCode(object_name, &theoretical_code, error)) {
        LocateRegexError(filename, text, comment, error);
        return false;
      }
      std::string_view theoretical_indent;
      if (!GetIndent(theoretical_code, &theoretical_indent)) {
        *error = {"AttributeError", "'NoneType' object has no attribute 'groups'"};
        return false;
      }
      int64_t start_index = search->indent == theoretical_indent ? line_index + 1 : line_index + 2;
      std::string indent(theoretical_indent);
      line_index = FollowCopy(lines, start_index, indent, ShouldContinueBlock);
      if (!DropTrailingEmptyLines(lines, &line_index, error)) return false;
      std::string observed_code = PyJoinSlice(lines, start_index, line_index);

      // Nested "Copied from" comments are not part of what is compared.
      std::string filtered;
      bool first = true;
      for (std::string_view line : PySplit(theoretical_code, '\n')) {
        if (MatchCopyComment(line, package)) continue;
        if (!first) filtered.push_back('\n');
        filtered.append(line);
        first = false;
      }
      theoretical_code = std::move(filtered);

      bool known = true;
      if (!replace_pattern.empty()) {
        std::string regex_error;
        if (!ApplyReplacements(ParseReplacePattern(replace_pattern), &theoretical_code,
                               &regex_error)) {
          *error = {"re.error", regex_error};
          LocateRegexError(filename, text, comment, error);
          return false;
        }
        std::string_view header;
        if (!PyAt(lines, start_index - 1, &header)) {
          *error = {"IndexError", "list index out of range"};
          return false;
        }
        std::string styled;
        if (!Stylify(std::string(header) + theoretical_code, &styled, &known, error)) return false;
        if (known) theoretical_code = std::string(PyDropPrefix(styled, PyLen(header)));
      }

      if (known && observed_code != theoretical_code) {
        diffs->push_back({filename, object_name, static_cast<size_t>(start_index)});
        if (options_.fix) {
          ReplaceLines(&lines, &owned, start_index, line_index, std::move(theoretical_code));
          line_index = start_index + 1;
        }
      }
    }
    if (options_.fix && !diffs->empty()) {
      *rewritten = PyJoinSlice(lines, 0, static_cast<int64_t>(lines.size()));
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<Pass> NewDiffusersPass(const project::SourceTree& tree,
                                       const CopiesOptions& options, Shared* shared) {
  return std::make_unique<DiffusersPass>(tree, options, shared);
}

}  // namespace kensa::checks::copies_internal
