#include "checks/init_isort.h"

#include <algorithm>
#include <utility>

#include "checks/py_re.h"
#include "checks/py_text.h"
#include "checks/py_walk.h"

namespace kensa::checks {
namespace {

// A Python exception the script would raise; thrown inside this file only, caught at its edge.
struct ScriptError {
  std::string type;
  std::string message;
};

[[noreturn]] void ListIndexError() {
  throw ScriptError{"IndexError", "list index out of range"};
}

using Lines = std::vector<std::string>;

Lines Split(std::string_view s) {  // s.split("\n")
  Lines out;
  size_t at = 0;
  while (true) {
    size_t nl = s.find('\n', at);
    out.emplace_back(s.substr(at, nl == std::string_view::npos ? nl : nl - at));
    if (nl == std::string_view::npos) return out;
    at = nl + 1;
  }
}

std::string Join(const Lines& lines, size_t from, size_t to) {  // "\n".join(lines[from:to])
  std::string out;
  for (size_t i = from; i < to && i < lines.size(); ++i) {
    if (i > from) out += '\n';
    out += lines[i];
  }
  return out;
}
std::string Join(const Lines& lines) {
  return Join(lines, 0, lines.size());
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// get_indent: re.search(r"^(\s*)\S", line) — the leading whitespace of a line that has
// something else, "" for a blank one.
std::string GetIndent(std::string_view line) {
  size_t end = SkipPySpace(line, 0);
  return end >= line.size() ? "" : std::string(line.substr(0, end));
}

// str.isupper(): a cased character and none in lower case (simple case mappings).
bool PyIsUpper(std::string_view s) {
  return PyUpper(s) == s && PyLower(s) != s;
}
// s[0].isupper(), raising as Python does on "".
bool FirstIsUpper(std::string_view s) {
  if (s.empty()) throw ScriptError{"IndexError", "string index out of range"};
  size_t n = 1;
  while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return PyIsUpper(s.substr(0, n));
}

// ignore_underscore_and_lowercase: key.lower().replace("_", "").
std::string LooseKey(std::string_view key) {
  std::string lowered = PyLower(key);
  lowered.erase(std::remove(lowered.begin(), lowered.end(), '_'), lowered.end());
  return lowered;
}

// sort_objects: constants, then classes, then functions, each sorted (stably) by the loose key.
// The three groups are three list comprehensions, as in the script: "_FOO" is upper but does
// not start with an upper-case letter, so it lands in the first group and the last.
template <typename T, typename Key>
std::vector<T> SortObjects(const std::vector<T>& objects, Key key) {
  std::vector<T> constants, classes, functions;
  for (const T& o : objects) {
    if (PyIsUpper(key(o))) constants.push_back(o);
  }
  for (const T& o : objects) {
    if (FirstIsUpper(key(o)) && !PyIsUpper(key(o))) classes.push_back(o);
  }
  for (const T& o : objects) {
    if (!FirstIsUpper(key(o))) functions.push_back(o);
  }
  auto by_loose = [&](const T& a, const T& b) { return LooseKey(key(a)) < LooseKey(key(b)); };
  std::stable_sort(constants.begin(), constants.end(), by_loose);
  std::stable_sort(classes.begin(), classes.end(), by_loose);
  std::stable_sort(functions.begin(), functions.end(), by_loose);
  constants.insert(constants.end(), classes.begin(), classes.end());
  constants.insert(constants.end(), functions.begin(), functions.end());
  return constants;
}

const PyRe& Pattern(int which) {
  static const std::vector<PyRe> patterns = [] {
    std::vector<PyRe> out;
    std::string error;
    for (const char* p : {R"re(^\s*"([^"]+)":)re", R"re(^\s*_import_structure\["([^"]+)"\])re",
                          R"re(^\s*"([^"]+)",\s*$)re"}) {
      out.push_back(*PyRe::Compile(p, &error));
    }
    return out;
  }();
  return patterns[static_cast<size_t>(which)];
}
constexpr int kDirectKey = 0, kIndirectKey = 1, kStripLine = 2;

std::optional<std::string> Group1(int pattern, std::string_view text) {
  std::vector<std::optional<std::string>> groups;
  if (!Pattern(pattern).Find(text, false, &groups) || groups.empty() || !groups[0]) {
    return std::nullopt;
  }
  return *groups[0];
}

// The names of "a", "b", ... : each piece stripped, its quotes removed, an empty last one dropped.
std::vector<std::string> ImportKeys(std::string_view text) {
  std::vector<std::string> keys;
  for (std::string_view part : PySplit(text, ',')) {
    std::string key(PyStrip(part));
    key.erase(std::remove(key.begin(), key.end(), '"'), key.end());
    keys.push_back(std::move(key));
  }
  if (keys.back().empty()) keys.pop_back();
  return keys;
}

std::string QuotedList(const std::vector<std::string>& keys) {
  std::vector<std::string> sorted = SortObjects(
      keys, [](const std::string& k) -> const auto& { return k; });
  std::string out;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) out += ", ";
    out += '"';
    out += sorted[i];
    out += '"';
  }
  return out;
}

// _re_bracket_content.sub(_replace, text), r"\[([^\]]+)\]": the leftmost "[" followed, after at
// least one character, by a "]"; matches do not overlap. `found` tells whether any matched.
std::string SubBrackets(std::string_view text, bool* found = nullptr) {
  std::string out;
  size_t p = 0;
  if (found != nullptr) *found = false;
  while (p < text.size()) {
    size_t open = text.find('[', p);
    if (open == std::string_view::npos) break;
    size_t close = text.find(']', open + 1);
    if (close == std::string_view::npos) break;
    if (close == open + 1) {  // "[]": no match here; the next position is tried
      out.append(text.substr(p, open + 1 - p));
      p = open + 1;
      continue;
    }
    if (found != nullptr) *found = true;
    std::string_view imports = text.substr(open + 1, close - open - 1);
    out.append(text.substr(p, open - p));
    if (!Contains(imports, ",")) {
      out += '[';
      out.append(imports);
      out += ']';
    } else {
      out += "[" + QuotedList(ImportKeys(imports)) + "]";
    }
    p = close + 1;
  }
  out.append(text.substr(std::min(p, text.size())));
  return out;
}

std::string SortObjectsInImport(const std::string& statement) {
  Lines lines = Split(statement);
  size_t n = lines.size();
  if (n > 3) {
    size_t idx = PyStrip(lines[1]) == "[" ? 2 : 1;
    std::vector<std::pair<size_t, std::string>> keyed;
    for (size_t i = idx; i + idx < n; ++i) {
      std::optional<std::string> key = Group1(kStripLine, lines[i]);
      if (!key) throw ScriptError{"AttributeError", "'NoneType' object has no attribute 'groups'"};
      keyed.emplace_back(i - idx, std::move(*key));
    }
    auto sorted = SortObjects(keyed, [](const auto& x) -> const std::string& { return x.second; });
    Lines out(lines.begin(), lines.begin() + static_cast<long>(idx));
    for (const auto& [i, key] : sorted) out.push_back(lines[i + idx]);
    out.insert(out.end(), lines.end() - static_cast<long>(idx), lines.end());
    return Join(out);
  }
  if (n == 3) {
    bool found = false;
    std::string replaced = SubBrackets(lines[1], &found);
    if (found) {
      lines[1] = replaced;
    } else {
      lines[1] = GetIndent(lines[1]) + QuotedList(ImportKeys(lines[1]));
    }
    return Join(lines);
  }
  return SubBrackets(statement);
}

// split_code_in_indented_blocks.
Lines SplitInIndentedBlocks(const std::string& code, const std::string& indent_level,
                            std::string_view start_prompt = {}, std::string_view end_prompt = {}) {
  Lines lines = Split(code);
  size_t index = 0;
  Lines blocks;
  if (!start_prompt.empty()) {
    while (true) {
      if (index >= lines.size()) ListIndexError();
      if (StartsWith(lines[index], start_prompt)) break;
      ++index;
    }
    blocks.push_back(Join(lines, 0, index));
  }
  Lines current{lines[index]};
  ++index;
  std::string deeper = indent_level + " ";
  while (index < lines.size() && (end_prompt.empty() || !StartsWith(lines[index], end_prompt))) {
    if (!lines[index].empty() && GetIndent(lines[index]) == indent_level) {
      if (!current.empty() && StartsWith(GetIndent(current.back()), deeper)) {
        current.push_back(lines[index]);
        blocks.push_back(Join(current));
        if (index < lines.size() - 1) {
          current = {lines[index + 1]};
          ++index;
        } else {
          current.clear();
        }
      } else {
        blocks.push_back(Join(current));
        current = {lines[index]};
      }
    } else {
      current.push_back(lines[index]);
    }
    ++index;
  }
  if (!current.empty()) blocks.push_back(Join(current));
  if (!end_prompt.empty() && index < lines.size())
    blocks.push_back(Join(lines, index, lines.size()));
  return blocks;
}

// The script's first test: is this a custom init it sorts?
bool IsCustomInit(std::string_view code, InitIsortFlavour flavour) {
  if (!Contains(code, "_import_structure")) return false;
  return flavour != InitIsortFlavour::kTransformers || !Contains(code, "define_import_structure");
}

std::string SortImports(const std::string& code, InitIsortFlavour flavour) {
  if (!IsCustomInit(code, flavour)) return code;
  Lines main_blocks = SplitInIndentedBlocks(code, "", "_import_structure = {", "if TYPE_CHECKING:");
  for (size_t b = 1; b + 1 < main_blocks.size(); ++b) {
    Lines block_lines = Split(main_blocks[b]);
    size_t n = block_lines.size();
    size_t line_idx = 0;
    while (line_idx < n && !Contains(block_lines[line_idx], "_import_structure")) {
      line_idx = Contains(block_lines[line_idx], "import dummy") ? n : line_idx + 1;
    }
    if (line_idx >= n) continue;
    std::string internal_code = Join(block_lines, line_idx, n - 1);
    if (n < 2) ListIndexError();
    std::string indent = GetIndent(block_lines[1]);
    Lines internal = SplitInIndentedBlocks(internal_code, indent);
    int pattern = Contains(block_lines[0], "_import_structure = {") ? kDirectKey : kIndirectKey;
    std::vector<std::optional<std::string>> keys;
    std::vector<std::pair<size_t, std::string>> keyed;
    for (size_t i = 0; i < internal.size(); ++i) {
      keys.push_back(Group1(pattern, internal[i]));
      if (keys.back()) keyed.emplace_back(i, *keys.back());
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& x, const auto& y) { return x.second < y.second; });
    Lines reordered;
    size_t count = 0;
    for (size_t i = 0; i < internal.size(); ++i) {
      if (!keys[i]) {
        reordered.push_back(internal[i]);
      } else {
        reordered.push_back(SortObjectsInImport(internal[keyed[count].first]));
        ++count;
      }
    }
    Lines joined(block_lines.begin(), block_lines.begin() + static_cast<long>(line_idx));
    joined.insert(joined.end(), reordered.begin(), reordered.end());
    joined.push_back(block_lines[n - 1]);
    main_blocks[b] = Join(joined);
  }
  return Join(main_blocks);
}

}  // namespace

std::optional<std::string> SortInitText(std::string_view code, std::string* error_type,
                                        std::string* error, InitIsortFlavour flavour) {
  try {
    return SortImports(std::string(code), flavour);
  } catch (const ScriptError& e) {
    *error_type = e.type;
    *error = e.message;
    return std::nullopt;
  }
}

InitIsortOptions InitIsortOptionsFor(const project::Layout& layout) {
  InitIsortOptions options;
  options.library_path = layout.package_dir;
  if (layout.preset.name == "transformers") options.flavour = InitIsortFlavour::kTransformers;
  return options;
}

InitIsortReport CheckInitIsort(const project::SourceTree& tree, const InitIsortOptions& options) {
  InitIsortReport report;
  std::vector<std::string> inits;
  PyWalk(tree, options.library_path, [&](PyWalkStep& step) {
    if (std::find(step.files.begin(), step.files.end(), "__init__.py") != step.files.end())
      inits.push_back(step.path + "/__init__.py");
  });
  for (const std::string& path : inits) {
    std::string bytes, error;
    if (!tree.ReadFile(path, &bytes, &error)) {
      report.exception_type = "OSError";
      report.exception = error;
      report.exception_path = path;
      break;
    }
    std::string decode_error;
    if (!ValidatePyUtf8(bytes, &decode_error, PyTextRead::kWhole)) {
      report.exception_type = "UnicodeDecodeError";
      report.exception = decode_error;
      report.exception_path = path;
      break;
    }
    std::string code = PyUniversalNewlines(bytes);
    std::optional<std::string> sorted =
        SortInitText(code, &report.exception_type, &report.exception, options.flavour);
    if (!sorted) {
      report.exception_path = path;
      break;
    }
    if (*sorted == code) continue;
    report.unsorted.push_back(path);
    if (options.fix) {
      report.printed.push_back("Overwriting " + path + ".");
      report.edits.push_back(Edit{path, 0, bytes.size(), *sorted});
    }
  }
  if (report.exception.empty() && !options.fix && !report.unsorted.empty()) {
    size_t count = options.strict ? report.unsorted.size() : 1;  // the script's `failures = [...]`
    report.exception_type = "ValueError";
    report.exception = "Would overwrite " + std::to_string(count) + " files, run `make style`.";
  }
  return report;
}

}  // namespace kensa::checks
