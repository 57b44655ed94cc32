#include "checks/copies_pass.h"

#include <algorithm>
#include <cstring>

#include "checks/py_text.h"

namespace kensa::checks::copies_internal {

PyError OpenError(const std::string& reason, const std::string& path) {
  // The exceptions open() raises for the usual reasons, as Python prints them.
  struct Known {
    const char* reason;
    const char* type;
    int errno_value;
  };
  static const Known kKnown[] = {
      {"No such file or directory", "FileNotFoundError", 2},
      {"Permission denied", "PermissionError", 13},
      {"Is a directory", "IsADirectoryError", 21},
      {"Not a directory", "NotADirectoryError", 20},
  };
  for (const Known& k : kKnown) {
    if (reason == k.reason) {
      return {k.type,
              "[Errno " + std::to_string(k.errno_value) + "] " + reason + ": '" + path + "'"};
    }
  }
  return {"OSError", reason + ": '" + path + "'"};
}

FileText LoadFile(const project::SourceTree& tree, const std::string& path) {
  FileText f;
  std::string reason;
  if (!tree.ReadFile(path, &f.content, &reason)) {
    f.error = OpenError(reason, path);
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

const FileText& Pass::Disk(const std::string& path) {
  auto it = shared_->disk.find(path);
  if (it == shared_->disk.end()) it = shared_->disk.emplace(path, LoadFile(tree_, path)).first;
  return it->second;
}

bool Pass::Read(const std::string& path, std::string_view* text, bool* has_marker, PyError* error) {
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

bool Pass::IsFile(const std::string& path) {
  if (overlay_.count(path) != 0) return true;
  auto it = shared_->is_file.find(path);
  if (it == shared_->is_file.end()) it = shared_->is_file.emplace(path, tree_.IsFile(path)).first;
  return it->second;
}

const PyLines& Pass::LinesOf(const std::string& path, std::string_view text) {
  auto& entry = lines_cache_[path];
  if (entry.first != text.data() || entry.second.empty()) {
    entry.first = text.data();
    entry.second = PyReadLines(text);
  }
  return entry.second;
}

bool Pass::FindModule(const std::string& base, const std::string& object_name,
                      const std::vector<std::string_view>& parts, size_t* first_name,
                      std::string* module, PyError* error) {
  size_t i = 0;
  *module = std::string(parts[0]);
  while (i < parts.size() && !IsFile(PyPathJoin(base, *module + ".py"))) {
    ++i;
    if (i < parts.size()) *module = PyPathJoin(*module, parts[i]);
  }
  if (i >= parts.size()) {
    *error = {"ValueError", "`object_name` should begin with the name of a module of " +
                                options_.preset.package + " but got " + object_name + "."};
    return false;
  }
  *first_name = i + 1;
  return true;
}

bool Pass::Stylify(const std::string& code, std::string* out, bool* known, PyError* error) {
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

bool Pass::CheckFiles(CopiesReport* report) {
  for (const std::string& filename : shared_->files) {
    ++report->stats.files_scanned;
    PyError error;
    std::vector<CopyMismatch> diffs;
    std::string rewritten;
    if (!IsCopyConsistent(filename, &diffs, &rewritten, &report->stats, &error)) {
      report->exception_type = error.type;
      report->exception = error.message;
      return false;
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
    return false;
  }
  return true;
}

bool Pass::FindDefinition(const PyLines& lines, const std::vector<std::string_view>& parts,
                          size_t first_name, const std::string& object_name,
                          const std::string& module, int64_t* line_index, std::string* indent,
                          PyError* error) {
  const int64_t n = static_cast<int64_t>(lines.size());
  for (size_t k = first_name; k < parts.size(); ++k) {
    DefinitionMatcher matcher(*indent, parts[k]);
    if (*line_index < n && !matcher.error().empty()) {
      *error = {"re.error", matcher.error()};
      return false;
    }
    while (*line_index < n && !matcher.Matches(lines[static_cast<size_t>(*line_index)])) {
      ++*line_index;
    }
    *indent += "    ";
    ++*line_index;
  }
  if (*line_index >= n) {
    *error = {"ValueError",
              " " + object_name + " does not match any function or class in " + module + "."};
    return false;
  }
  return true;
}

int64_t FollowCopy(const PyLines& lines, int64_t line_index, const std::string& indent,
                   bool (*continues)(std::string_view line, std::string_view indent)) {
  const std::string end_marker = indent + "# End copy";
  const int64_t n = static_cast<int64_t>(lines.size());
  bool should_continue = true;
  while (line_index < n && should_continue) {
    ++line_index;
    if (line_index >= n) break;
    std::string_view line = lines[static_cast<size_t>(line_index)];
    should_continue = continues(line, indent) && line.substr(0, end_marker.size()) != end_marker;
  }
  return line_index;
}

void ReplaceLines(PyLines* lines, std::deque<std::string>* owned, int64_t start, int64_t end,
                  std::string text) {
  owned->push_back(std::move(text));
  PyLines next = PySlice(*lines, 0, start);
  next.push_back(owned->back());
  PyLines tail = PySlice(*lines, end, static_cast<int64_t>(lines->size()));
  next.insert(next.end(), tail.begin(), tail.end());
  *lines = std::move(next);
}

std::optional<CopyComment> NextCopyComment(const PyLines& lines, std::string_view package,
                                           int64_t* line_index) {
  for (; *line_index < static_cast<int64_t>(lines.size()); ++*line_index) {
    std::optional<CopyComment> search =
        MatchCopyComment(lines[static_cast<size_t>(*line_index)], package);
    if (search) return search;
  }
  return std::nullopt;
}

void LocateRegexError(const std::string& filename, std::string_view text, std::string_view comment,
                      PyError* error) {
  if (error->type != "re.error") return;
  // The comment line is always an item read from the file (fixes only replace code below
  // comments), so its place in `text` gives its line number in the file on disk.
  size_t line = 1;
  if (comment.data() >= text.data() && comment.data() <= text.data() + text.size()) {
    std::string_view before = text.substr(0, static_cast<size_t>(comment.data() - text.data()));
    line += static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  }
  error->message = filename + ":" + std::to_string(line) +
                   ": invalid regular expression in `# Copied from`: " + error->message;
}

bool DropTrailingEmptyLines(const PyLines& lines, int64_t* line_index, PyError* error) {
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

}  // namespace kensa::checks::copies_internal
