#include "select/import_structure.h"

#include <algorithm>

#include "select/python_text.h"

namespace kensa::select {

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// str.strip(chars)
std::string_view StripChars(std::string_view s, std::string_view chars) {
  size_t begin = s.find_first_not_of(chars);
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(chars);
  return s.substr(begin, end - begin + 1);
}

// str.splitlines() on text whose "\r" are already translated.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0, i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t width = 0;
    if (c == '\n' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e) {
      width = 1;
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x85) {
      width = 2;  // U+0085
    } else if (c == 0xe2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xa8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xa9)) {
      width = 3;  // U+2028, U+2029
    }
    if (width == 0) {
      ++i;
      continue;
    }
    lines.push_back(text.substr(start, i - start));
    i += width;
    start = i;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

std::vector<std::string_view> SplitNewlines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    size_t next = text.find('\n', start);
    lines.push_back(text.substr(start, next == std::string_view::npos ? next : next - start));
    if (next == std::string_view::npos) return lines;
    start = next + 1;
  }
}

}  // namespace

std::vector<std::string> FetchAllNames(std::string_view content) {
  std::vector<std::string> names;
  if (content.find("__all__") == std::string_view::npos) return names;
  std::vector<std::string_view> lines = SplitLines(content);
  size_t start = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (StartsWith(lines[i], "__all__")) start = i;
  }
  if (start == lines.size()) return names;
  std::string_view first = lines[start];
  if (!first.empty() && first.back() == ']') {
    // lines[0].split("=")[1].strip(" []").split(","), each stripped of quotes and spaces.
    size_t eq = first.find('=');
    if (eq == std::string_view::npos) return names;  // (an IndexError in the reference)
    std::string_view value = first.substr(eq + 1);
    value = value.substr(0, value.find('='));
    value = StripChars(value, " []");
    size_t pos = 0;
    while (true) {
      size_t comma = value.find(',', pos);
      std::string_view item =
          value.substr(pos, comma == std::string_view::npos ? comma : comma - pos);
      names.emplace_back(StripChars(item, "\"' "));
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
    return names;
  }
  for (size_t i = start + 1; i < lines.size(); ++i) {
    if (StripPython(lines[i]) == "]") break;
    names.emplace_back(StripChars(lines[i], "\"', "));
  }
  return names;
}

std::vector<std::string> RequiresExportedNames(std::string_view content) {
  std::vector<std::string> names;
  if (content.find("@requires") == std::string_view::npos) return names;
  std::string_view previous_line;
  for (std::string_view line : SplitNewlines(content)) {
    bool indented_or_decorator = StartsWith(line, " ") || StartsWith(line, "\t") ||
                                 StartsWith(line, "@") || StartsWith(line, ")");
    if (indented_or_decorator && !StartsWith(line, "@requires")) continue;
    bool skip_line = false;
    if (previous_line.find("@requires") != std::string_view::npos) {
      if (!StartsWith(line, "class") && !StartsWith(line, "def")) {
        skip_line = true;
      } else {
        std::string_view rest = line.substr(StartsWith(line, "class") ? 6 : 4);
        rest = rest.substr(0, rest.find('('));
        names.emplace_back(StripChars(rest, ":"));
      }
    }
    if (!skip_line) previous_line = line;
  }
  return names;
}

const std::vector<std::string>& ImportStructures::ExportsOf(const std::string& file) {
  auto it = by_file_.find(file);
  if (it != by_file_.end()) return it->second;
  std::vector<std::string> names;
  git::Result<std::string> bytes = ContentReader(snapshot_).Read(file);
  if (bytes && !Utf8DecodeError(*bytes)) {
    std::string text = TranslateNewlines(std::move(*bytes));
    names = RequiresExportedNames(text);
    for (std::string& name : FetchAllNames(text)) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return by_file_[file] = std::move(names);
}

void ImportStructures::Collect(const std::string& dir, const std::string& prefix,
                               std::vector<Module>* out) {
  for (const Snapshot::Child& child : snapshot_.ListDirectory(dir)) {
    if (child.name == "__pycache__") continue;
    const std::string path = dir.empty() ? child.name : dir + "/" + child.name;
    if (child.is_directory) {
      Collect(path, prefix + child.name + "/", out);
      continue;
    }
    if (StartsWith(child.name, "convert_") || StartsWith(child.name, "modular_")) continue;
    if (child.name == "__init__.py" || child.name.size() < 3 ||
        child.name.compare(child.name.size() - 3, 3, ".py") != 0) {
      continue;
    }
    const std::vector<std::string>& names = ExportsOf(path);
    if (names.empty()) continue;
    out->push_back({prefix + child.name.substr(0, child.name.size() - 3), names});
  }
}

const std::vector<ImportStructures::Module>& ImportStructures::Of(const std::string& dir) {
  auto it = by_dir_.find(dir);
  if (it != by_dir_.end()) return it->second;
  std::vector<Module> modules;
  Collect(dir, "", &modules);
  std::sort(modules.begin(), modules.end(),
            [](const Module& a, const Module& b) { return a.relative < b.relative; });
  return by_dir_[dir] = std::move(modules);
}

}  // namespace kensa::select
