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

  void Execute(CopiesReport* report) override {
    for (const std::string& filename : shared_->files) {
      ++report->stats.files_scanned;
      PyError error;
      std::vector<CopyMismatch> diffs;
      std::string rewritten;
      if (!IsCopyConsistent(filename, &diffs, &rewritten, &report->stats, &error)) {
        report->exception_type = error.type;
        report->exception = error.message;
        return;
      }
      if (diffs.empty()) continue;
      report->mismatches.insert(report->mismatches.end(), diffs.begin(), diffs.end());
      if (options_.fix) {
        report->printed.push_back("Detected changes, rewriting " + filename + ".");
        report->rewritten.push_back(filename);
        Rewrite(filename, std::move(rewritten));
      }
    }
    if (!options_.fix && !report->mismatches.empty()) {
      report->exception_type = "Exception";
      report->exception = CopyMismatchMessage(report->mismatches);
    }
  }

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
    for (size_t k = first_name; k < parts.size(); ++k) {
      DefinitionMatcher matcher(indent, parts[k]);
      if (line_index < n && !matcher.error().empty()) {
        *error = {"re.error", matcher.error()};
        return false;
      }
      while (line_index < n && !matcher.Matches(lines[static_cast<size_t>(line_index)])) {
        ++line_index;
      }
      indent += "    ";
      ++line_index;
    }
    if (line_index >= n) {
      *error = {"ValueError",
                " " + object_name + " does not match any function or class in " + module + "."};
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

  // is_copy_consistent(filename, overwrite). On success *rewritten holds the file's new text
  // when there were diffs in fix mode.
  bool IsCopyConsistent(const std::string& filename, std::vector<CopyMismatch>* diffs,
                        std::string* rewritten, CopiesStats* stats, PyError* error) {
    std::string_view text;
    bool has_marker = false;
    if (!Read(filename, &text, &has_marker, error)) return false;
    if (!has_marker) return true;
    PyLines lines = PyReadLines(text);
    std::deque<std::string> owned;  // text of list items made by fixes
    const std::string_view package = options_.preset.package;

    int64_t line_index = 0;
    while (line_index < static_cast<int64_t>(lines.size())) {
      std::optional<CopyComment> search =
          MatchCopyComment(lines[static_cast<size_t>(line_index)], package);
      if (!search) {
        ++line_index;
        continue;
      }
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
      std::string end_marker = indent + "# End copy";
      line_index = start_index;

      // Follow the observed copy until the indentation drops or an "# End copy" line.
      const int64_t n = static_cast<int64_t>(lines.size());
      bool should_continue = true;
      while (line_index < n && should_continue) {
        ++line_index;
        if (line_index >= n) break;
        std::string_view line = lines[static_cast<size_t>(line_index)];
        should_continue =
            ShouldContinueBlock(line, indent) && line.substr(0, end_marker.size()) != end_marker;
      }
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
          owned.push_back(std::move(theoretical_code));
          PyLines next = PySlice(lines, 0, start_index);
          next.push_back(owned.back());
          PyLines tail = PySlice(lines, line_index, n);
          next.insert(next.end(), tail.begin(), tail.end());
          lines = std::move(next);
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
