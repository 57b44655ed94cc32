#include "checks/copies.h"

#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "base/thread_pool.h"
#include "checks/copy_code.h"
#include "checks/copy_comment.h"
#include "checks/glob_order.h"
#include "checks/py_text.h"

namespace kensa::checks {

CopiesPreset DiffusersCopiesPreset() {
  return CopiesPreset{"src/diffusers", "diffusers"};
}

std::string CopyMismatchMessage(const std::vector<CopyMismatch>& mismatches) {
  std::string out = "Found the following copy inconsistencies:\n";
  for (const CopyMismatch& m : mismatches) {
    out += "- " + m.path + ": copy does not match " + m.object_name + " at line " +
           std::to_string(m.line) + "\n";
  }
  out += "Run `make fix-copies` or `python utils/check_copies.py --fix_and_overwrite` to fix them.";
  return out;
}

namespace {

// What Python raised, as its traceback's last line shows it: "<type>: <message>".
struct PyError {
  std::string type;
  std::string message;
};

// A file as the script's `open(path, encoding="utf-8").readlines()` sees it.
struct FileText {
  bool ok = false;
  std::string content;
  PyError error;                 // when !ok
  bool has_copy_marker = false;  // contains "Copied from" (else no line can match)
};

FileText LoadFile(const project::SourceTree& tree, const std::string& path) {
  FileText f;
  std::string reason;
  if (!tree.ReadFile(path, &f.content, &reason)) {
    f.error = {"OSError", reason + ": '" + path + "'"};
    return f;
  }
  std::string message;
  if (!ValidatePyUtf8(f.content, &message)) {
    f.error = {"UnicodeDecodeError", message};
    return f;
  }
  f.ok = true;
  f.has_copy_marker = memmem(f.content.data(), f.content.size(), "Copied from", 11) != nullptr;
  return f;
}

// State that outlives one pass of the script: files read from disk, and formatter answers.
struct Shared {
  std::vector<std::string> files;  // the glob, in order
  std::unordered_map<std::string, FileText> disk;
  std::unordered_map<std::string, bool> is_file;
  std::unordered_map<std::string, std::string> formatted;  // snippet -> ruff's stdout
  std::vector<std::string> pending;                        // snippets not yet formatted
  std::unordered_set<std::string> pending_set;
};

// One pass of check_copies(overwrite) over the tree. Snippets whose formatting is not known yet
// are queued in Shared::pending and their copies treated as consistent for this pass.
class Pass {
 public:
  Pass(const project::SourceTree& tree, const CopiesOptions& options, Shared* shared)
      : tree_(tree), options_(options), shared_(shared) {}

  void Execute(CopiesReport* report) {
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
        report->rewritten.push_back(filename);
        overlay_[filename] = std::move(rewritten);
      }
    }
  }

  // The fixed text of each rewritten file, for edits.
  const std::map<std::string, std::string>& overlay() const { return overlay_; }

 private:
  const FileText& Disk(const std::string& path) {
    auto it = shared_->disk.find(path);
    if (it == shared_->disk.end()) it = shared_->disk.emplace(path, LoadFile(tree_, path)).first;
    return it->second;
  }

  // The file's current text: rewritten earlier in this pass, or as on disk.
  bool Read(const std::string& path, std::string_view* text, bool* has_marker, PyError* error) {
    auto o = overlay_.find(path);
    if (o != overlay_.end()) {
      *text = o->second;
      *has_marker = true;
      return true;
    }
    const FileText& f = Disk(path);
    if (!f.ok) {
      *error = f.error;
      return false;
    }
    *text = f.content;
    *has_marker = f.has_copy_marker;
    return true;
  }

  bool IsFile(const std::string& path) {
    if (overlay_.count(path) != 0) return true;
    auto it = shared_->is_file.find(path);
    if (it == shared_->is_file.end()) it = shared_->is_file.emplace(path, tree_.IsFile(path)).first;
    return it->second;
  }

  // The lines of `text`, cached per file while its text stays the same.
  const PyLines& LinesOf(const std::string& path, std::string_view text) {
    auto& entry = lines_cache_[path];
    if (entry.first != text.data() || entry.second.empty()) {
      entry.first = text.data();
      entry.second = PyReadLines(text);
    }
    return entry.second;
  }

  // find_code_in_diffusers(object_name).
  bool FindCode(const std::string& object_name, std::string* code, PyError* error) {
    const std::string& lib = options_.preset.library_path;
    std::vector<std::string_view> parts = PySplit(object_name, '.');
    size_t i = 0;
    std::string module(parts[0]);
    while (i < parts.size() && !IsFile(PyPathJoin(lib, module + ".py"))) {
      ++i;
      if (i < parts.size()) module = PyPathJoin(module, parts[i]);
    }
    if (i >= parts.size()) {
      *error = {"ValueError", "`object_name` should begin with the name of a module of " +
                                  options_.preset.package + " but got " + object_name + "."};
      return false;
    }
    std::string path = PyPathJoin(lib, module + ".py");
    std::string_view text;
    bool has_marker = false;
    if (!Read(path, &text, &has_marker, error)) return false;
    const PyLines& lines = LinesOf(path, text);
    const int64_t n = static_cast<int64_t>(lines.size());

    std::string indent;
    int64_t line_index = 0;
    for (size_t k = i + 1; k < parts.size(); ++k) {
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

  // while len(lines[line_index - 1]) <= 1: line_index -= 1
  static bool DropTrailingEmptyLines(const PyLines& lines, int64_t* line_index, PyError* error) {
    for (;;) {
      std::string_view line;
      if (!PyAt(lines, *line_index - 1, &line)) {
        *error = {"IndexError", "list index out of range"};
        return false;
      }
      if (!PyLenAtMostOne(line)) return true;
      --*line_index;
    }
  }

  // stylify(code), or false in *known when the formatter has not answered for it yet.
  bool Stylify(const std::string& code, std::string* out, bool* known, PyError* error) {
    std::string_view indent;
    if (!GetIndent(code, &indent)) {
      *error = {"AttributeError", "'NoneType' object has no attribute 'groups'"};
      return false;
    }
    bool has_indent = !indent.empty();
    std::string snippet = has_indent ? "class Bla:\n" + code : code;
    auto it = shared_->formatted.find(snippet);
    if (it == shared_->formatted.end()) {
      *known = false;
      if (shared_->pending_set.insert(snippet).second) shared_->pending.push_back(snippet);
      return true;
    }
    *known = true;
    *out = has_indent ? std::string(PyDropPrefix(it->second, 11)) : it->second;
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
      std::string theoretical_code;
      if (!FindCode(object_name, &theoretical_code, error)) return false;
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

  const project::SourceTree& tree_;
  const CopiesOptions& options_;
  Shared* shared_;
  std::map<std::string, std::string> overlay_;
  std::unordered_map<std::string, std::pair<const char*, PyLines>> lines_cache_;
};

// The file list, with every file read (and checked for UTF-8) on all cores up front.
void Preload(const project::SourceTree& tree, const CopiesOptions& options, Shared* shared) {
  shared->files = GlobPythonFiles(tree, options.preset.library_path);
  std::vector<FileText> texts(shared->files.size());
  ParallelFor(shared->files.size(), [&](size_t i) { texts[i] = LoadFile(tree, shared->files[i]); });
  for (size_t i = 0; i < texts.size(); ++i) {
    shared->disk.emplace(shared->files[i], std::move(texts[i]));
    shared->is_file.emplace(shared->files[i], true);
  }
}

// One edit per file: the span between the unchanged prefix and suffix.
Edit EditBetween(const std::string& path, const std::string& before, const std::string& after) {
  size_t prefix = 0;
  size_t limit = std::min(before.size(), after.size());
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < limit - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
    ++suffix;
  }
  return Edit{path, prefix, before.size() - suffix,
              after.substr(prefix, after.size() - suffix - prefix)};
}

}  // namespace

CopiesReport CheckCopies(const project::SourceTree& tree, const CopiesOptions& options,
                         SnippetFormatter* formatter) {
  Shared shared;
  Preload(tree, options, &shared);
  CopiesStats formatting;
  // Each pass resolves at least the first copy still waiting for the formatter, so this ends;
  // the bound only guards against a bug.
  for (int round = 0;; ++round) {
    CopiesReport report;
    Pass pass(tree, options, &shared);
    pass.Execute(&report);
    report.stats.snippets_formatted = formatting.snippets_formatted;
    report.stats.formatter_runs = formatting.formatter_runs;
    // In check mode the text never changes, so an exception does not depend on formatting.
    bool final = shared.pending.empty() || (!options.fix && !report.exception.empty());
    if (final || round > 1000) {
      for (const std::string& path : report.rewritten) {
        const std::string& fixed = pass.overlay().at(path);
        const FileText& original = shared.disk.at(path);
        report.edits.push_back(EditBetween(path, original.content, fixed));
      }
      return report;
    }
    std::vector<std::string> outputs;
    std::string error;
    ++formatting.formatter_runs;
    formatting.snippets_formatted += shared.pending.size();
    if (!formatter->FormatBatch(shared.pending, &outputs, &error)) {
      report.tool_error = error;
      report.stats = formatting;
      return report;
    }
    for (size_t i = 0; i < shared.pending.size(); ++i) {
      shared.formatted[shared.pending[i]] = i < outputs.size() ? outputs[i] : std::string();
    }
    shared.pending.clear();
    shared.pending_set.clear();
  }
}

}  // namespace kensa::checks
