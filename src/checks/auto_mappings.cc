#include "checks/auto_mappings.h"

#include <algorithm>
#include <optional>

#include "checks/py_re.h"
#include "checks/py_re_translate.h"
#include "checks/py_text.h"

namespace kensa::checks {

namespace {

// The script's patterns; `\s` and `\S` are Unicode in a str pattern, so they run through PyRe.
constexpr char kIntroMapping[] = R"([A-Z_]+_MAPPING(\s+|_[A-Z_]+\s+)=\s+OrderedDict)";
constexpr char kIdentifier[] = R"re(\s*\(\s*"(\S[^"]+)")re";

struct Patterns {
  std::optional<PyRe> intro;
  std::optional<PyRe> identifier;
  std::string error;
};

const Patterns& CompiledPatterns() {
  static const Patterns kPatterns = [] {
    Patterns p;
    p.intro = PyRe::Compile(kIntroMapping, &p.error);
    if (p.intro) p.identifier = PyRe::Compile(kIdentifier, &p.error);
    return p;
  }();
  return kPatterns;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  return out;
}

}  // namespace

AutoMappingSort SortAutoMapping(const std::string& content) {
  AutoMappingSort result;
  const Patterns& re = CompiledPatterns();
  if (!re.identifier) {  // cannot happen for the script's patterns; kensa's own failure
    result.exception_type = "kensa";
    result.exception = re.error;
    return result;
  }
  std::vector<std::string_view> lines = PySplit(content, '\n');
  auto index_error = [&result] {
    result.exception_type = "IndexError";
    result.exception = "list index out of range";
    return result;
  };
  std::vector<std::string> new_lines;
  size_t i = 0;
  while (i < lines.size()) {
    // The pattern needs both words literally: most lines are rejected without running it.
    bool maybe_intro = lines[i].find("_MAPPING") != std::string_view::npos &&
                       lines[i].find("OrderedDict") != std::string_view::npos;
    if (!maybe_intro || !re.intro->Search(lines[i])) {
      new_lines.emplace_back(lines[i++]);
      continue;
    }
    // len(re.search(r"^(\s*)\S", line).groups()[0]) + 8: the leading whitespace in code points.
    size_t lead = SkipPySpace(lines[i], 0);
    const std::string indent(PyLen(lines[i].substr(0, lead)) + 8, ' ');
    const std::string open = indent + "(", close = indent + ")";
    while (true) {  // up to the first entry
      if (i >= lines.size()) return index_error();
      if (StartsWith(lines[i], open)) break;
      new_lines.emplace_back(lines[i++]);
    }
    std::vector<std::string> blocks;
    while (true) {
      if (i >= lines.size()) return index_error();
      std::string_view stripped = PyStrip(lines[i]);
      if (stripped == "]") break;
      if (stripped == "(") {  // an entry over several lines, up to its ")" at the indent
        size_t start = i;
        while (true) {
          if (i >= lines.size()) return index_error();
          if (StartsWith(lines[i], close)) break;
          ++i;
        }
        std::vector<std::string> block(lines.begin() + start, lines.begin() + i + 1);
        blocks.push_back(Join(block));
      } else {
        blocks.emplace_back(lines[i]);
      }
      ++i;
    }
    // sorted(blocks, key=...): every key is computed first, so one entry without a name fails
    // the mapping even alone; then a stable sort by code point (UTF-8 byte) order.
    std::vector<std::pair<std::string, size_t>> keys;
    for (size_t b = 0; b < blocks.size(); ++b) {
      std::vector<std::optional<std::string>> groups;
      if (!re.identifier->Find(blocks[b], false, &groups) || groups.empty() || !groups[0]) {
        result.exception_type = "AttributeError";
        result.exception = "'NoneType' object has no attribute 'groups'";
        return result;
      }
      keys.emplace_back(*groups[0], b);
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& k : keys) new_lines.push_back(std::move(blocks[k.second]));
  }
  result.sorted = Join(new_lines);
  if (result.sorted != content) {
    // Both texts split on "\n": the first line that differs, for annotations.
    std::vector<std::string_view> after = PySplit(result.sorted, '\n');
    size_t n = 0;
    while (n < after.size() && n < lines.size() && after[n] == lines[n]) ++n;
    result.first_changed_line = static_cast<int>(n) + 1;
  }
  return result;
}

AutoMappingsReport CheckAutoMappings(const project::SourceTree& tree,
                                     const AutoMappingsOptions& options) {
  AutoMappingsReport report;
  auto fail = [&report](const char* type, std::string message, const std::string& path) {
    report.exception_type = type;
    report.exception = std::move(message);
    report.exception_path = path;
  };
  auto repr = [](const std::string& path) { return PyStrRepr(DecodeUtf8(path)); };
  std::vector<project::DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(options.auto_dir, &entries, &error)) {
    if (tree.IsFile(options.auto_dir)) {
      fail("NotADirectoryError", "[Errno 20] Not a directory: " + repr(options.auto_dir),
           options.auto_dir);
    } else {
      fail("FileNotFoundError", "[Errno 2] No such file or directory: " + repr(options.auto_dir),
           options.auto_dir);
    }
    return report;
  }
  // os.listdir order is the filesystem's; kensa's is the names' (see the header).
  std::sort(entries.begin(), entries.end(),
            [](const project::DirEntry& a, const project::DirEntry& b) { return a.name < b.name; });
  for (const project::DirEntry& e : entries) {
    if (e.name.size() < 3 || e.name.compare(e.name.size() - 3, 3, ".py") != 0) continue;
    const std::string path = options.auto_dir + "/" + e.name;
    if (e.type == project::DirEntry::Type::kDirectory) {
      fail("IsADirectoryError", "[Errno 21] Is a directory: " + repr(path), path);
      return report;
    }
    std::string bytes;
    if (!tree.ReadFile(path, &bytes, &error)) {
      fail("FileNotFoundError", "[Errno 2] No such file or directory: " + repr(path), path);
      return report;
    }
    std::string decode_error;
    if (!ValidatePyUtf8(bytes, &decode_error, PyTextRead::kWhole)) {  // f.read()
      fail("UnicodeDecodeError", decode_error, path);
      return report;
    }
    const std::string content = PyUniversalNewlines(bytes);
    AutoMappingSort sorted = SortAutoMapping(content);
    if (!sorted.exception_type.empty()) {
      fail(sorted.exception_type.c_str(), sorted.exception, path);
      return report;
    }
    if (options.fix) {
      // The script rewrites every file; only those whose bytes change need writing.
      if (sorted.sorted != bytes)
        report.edits.push_back(Edit{path, 0, bytes.size(), sorted.sorted});
    } else if (sorted.first_changed_line != 0) {
      report.unsorted.push_back({path, sorted.first_changed_line});
    }
  }
  if (!report.unsorted.empty()) {
    std::string files;
    for (const AutoMappingsFinding& f : report.unsorted) {
      files += (files.empty() ? "" : ", ") + f.file;
    }
    fail("ValueError",
         "The following files have auto mappings that need sorting: " + files +
             ". Run `make style` to fix this.",
         "");
  }
  return report;
}

}  // namespace kensa::checks
