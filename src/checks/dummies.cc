#include "checks/dummies.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "checks/py_re.h"
#include "checks/py_text.h"

namespace kensa::checks {
namespace {

// A Python exception that ends the script, as the report carries it.
struct ScriptError {
  std::string type;
  std::string message;
};

constexpr std::string_view kIndexError = "list index out of range";

// find_backend: re.findall(r"is\_([a-z_]*)_available\(\)", line), joined with "_and_". The
// group is greedy and gives characters back until "_available()" follows, as the regex
// engine's backtracking does; matches do not overlap.
std::optional<std::string> FindBackend(std::string_view line) {
  constexpr std::string_view kPrefix = "is_", kSuffix = "_available()";
  std::string joined;
  bool any = false;
  size_t p = 0;
  while (p + kPrefix.size() + kSuffix.size() <= line.size()) {
    if (line.compare(p, kPrefix.size(), kPrefix) != 0) {
      ++p;
      continue;
    }
    size_t start = p + kPrefix.size(), run = start;
    while (run < line.size() && ((line[run] >= 'a' && line[run] <= 'z') || line[run] == '_')) {
      ++run;
    }
    std::optional<size_t> end;
    for (size_t m = run + 1; m-- > start;) {
      if (line.compare(m, kSuffix.size(), kSuffix) == 0) {
        end = m;
        break;
      }
    }
    if (!end) {
      ++p;
      continue;
    }
    if (any) joined += "_and_";
    joined.append(line.substr(start, *end - start));
    any = true;
    p = *end + kSuffix.size();
  }
  if (!any) return std::nullopt;
  return joined;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// s[:-n] in code points.
std::string_view DropLastCodePoints(std::string_view s, size_t n) {
  size_t end = s.size();
  while (n > 0 && end > 0) {
    --end;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    --n;
  }
  return s.substr(0, end);
}

// str.isupper() / str.islower() for the ASCII letters identifiers are made of: at least one
// cased character and none of the other case.
bool IsUpperName(std::string_view s) {
  bool cased = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') cased = true;
  }
  return cased;
}
bool IsLowerName(std::string_view s) {
  bool cased = false;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
    if (c >= 'a' && c <= 'z') cased = true;
  }
  return cased;
}

std::string Format2(std::string_view text, std::string_view a, std::string_view b) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "{0}") == 0) {
      out.append(a);
      i += 2;
    } else if (text.compare(i, 3, "{1}") == 0) {
      out.append(b);
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

constexpr std::string_view kDummyConstant = "\n{0} = None\n";
constexpr std::string_view kDummyClass =
    "\n"
    "class {0}(metaclass=DummyObject):\n"
    "    _backends = {1}\n"
    "\n"
    "    def __init__(self, *args, **kwargs):\n"
    "        requires_backends(self, {1})\n"
    "\n"
    "    @classmethod\n"
    "    def from_config(cls, *args, **kwargs):\n"
    "        requires_backends(cls, {1})\n"
    "\n"
    "    @classmethod\n"
    "    def from_pretrained(cls, *args, **kwargs):\n"
    "        requires_backends(cls, {1})\n";
constexpr std::string_view kDummyFunction =
    "\n"
    "def {0}(*args, **kwargs):\n"
    "    requires_backends({0}, {1})\n";

std::string DummyObjectText(std::string_view name, std::string_view backend_list) {
  if (IsUpperName(name)) return Format2(kDummyConstant, name, backend_list);
  if (IsLowerName(name)) return Format2(kDummyFunction, name, backend_list);
  return Format2(kDummyClass, name, backend_list);
}

// The backends in the init's order, each with its objects (a backend met twice keeps its first
// place and its last objects, as a dict assignment does).
struct InitObjects {
  std::vector<std::pair<std::string, std::vector<std::string>>> backends;
  std::vector<DummiesFinding> comments;  // strict only

  void Set(const std::string& backend, std::vector<std::string> objects) {
    for (auto& [name, list] : backends) {
      if (name == backend) {
        list = std::move(objects);
        return;
      }
    }
    backends.emplace_back(backend, std::move(objects));
  }
};

// read_init(): walks the lines as the script does, failing where it fails.
std::optional<ScriptError> ReadInit(std::string_view text, const std::string& init_path,
                                    bool strict, InitObjects* out) {
  static const std::optional<PyRe> single_line_import = [] {
    std::string error;
    return PyRe::Compile(R"(\s+from\s+\S*\s+import\s+([^\(\s].*)\n)", &error);
  }();
  std::vector<std::string_view> lines = PyReadLines(text);
  size_t i = 0;
  while (true) {
    if (i >= lines.size()) return ScriptError{"IndexError", std::string(kIndexError)};
    if (StartsWith(lines[i], "if TYPE_CHECKING")) break;
    ++i;
  }
  while (i < lines.size()) {
    std::optional<std::string> backend = FindBackend(lines[i]);
    if (!backend) {
      ++i;
      continue;
    }
    while (true) {
      if (i >= lines.size()) return ScriptError{"IndexError", std::string(kIndexError)};
      if (StartsWith(lines[i], "    else:")) break;
      ++i;
    }
    ++i;
    std::vector<std::string> objects;
    while (true) {
      if (i >= lines.size()) return ScriptError{"IndexError", std::string(kIndexError)};
      std::string_view line = lines[i];
      if (!PyLenAtMostOne(line) && !StartsWith(line, "        ")) break;
      std::vector<std::optional<std::string>> groups;
      if (single_line_import && single_line_import->Find(line, false, &groups) && groups[0]) {
        std::string_view names = *groups[0];
        for (size_t at = 0;;) {
          size_t comma = names.find(", ", at);
          objects.emplace_back(names.substr(
              at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
          if (comma == std::string_view::npos) break;
          at = comma + 2;
        }
      } else if (StartsWith(line, "            ")) {
        std::string_view name = DropLastCodePoints(PyDropPrefix(line, 12), 2);
        if (strict && StartsWith(PyStrip(line), "#")) {
          out->comments.push_back(
              {DummiesFinding::Kind::kCommentObject, init_path, i + 1,
               "a comment in the import list of the " + *backend +
                   " backend: check_dummies.py would write it as a dummy object (invalid "
                   "Python); not written"});
        } else {
          objects.emplace_back(name);
        }
      }
      ++i;
    }
    if (!objects.empty()) out->Set(*backend, std::move(objects));
  }
  return std::nullopt;
}

std::string ShortName(const std::string& backend) {
  return backend == "torch" ? "pt" : backend;
}

// The first line (1-based) where two texts differ; 0 when `actual` is empty.
size_t FirstDifferentLine(std::string_view actual, std::string_view wanted) {
  if (actual.empty()) return 0;
  size_t line = 1;
  size_t n = std::min(actual.size(), wanted.size());
  for (size_t k = 0; k < n && actual[k] == wanted[k]; ++k) {
    if (actual[k] == '\n') ++line;
  }
  return line;
}

}  // namespace

std::string DummyFileText(const std::string& backend, const std::vector<std::string>& objects) {
  std::string list = "[";
  size_t at = 0;
  bool first = true;
  while (true) {
    size_t next = backend.find("_and_", at);
    if (!first) list += ", ";
    first = false;
    list.push_back('"');
    list.append(backend, at, next == std::string::npos ? next : next - at);
    list.push_back('"');
    if (next == std::string::npos) break;
    at = next + 5;
  }
  list += "]";
  std::string text =
      "# This file is autogenerated by the command `make fix-copies`, do not edit.\n"
      "from ..utils import DummyObject, requires_backends\n\n";
  for (size_t k = 0; k < objects.size(); ++k) {
    if (k > 0) text += "\n";
    text += DummyObjectText(objects[k], list);
  }
  return text;
}

DummiesReport CheckDummies(const project::SourceTree& tree, const DummiesOptions& options) {
  DummiesReport report;
  auto fail = [&](ScriptError e) {
    report.exception_type = std::move(e.type);
    report.exception = std::move(e.message);
    return report;
  };
  std::string init_path = options.library_path + "/__init__.py";
  std::string init, error;
  if (!tree.ReadFile(init_path, &init, &error)) {
    return fail({"FileNotFoundError", "[Errno 2] No such file or directory: '" + init_path + "'"});
  }
  std::string decode_error;
  if (!ValidatePyUtf8(init, &decode_error)) return fail({"UnicodeDecodeError", decode_error});
  InitObjects objects;
  if (std::optional<ScriptError> e = ReadInit(init, init_path, options.strict, &objects)) {
    return fail(std::move(*e));
  }

  // Every dummy file is read before the first comparison, as the script does.
  std::string utils = options.library_path + "/utils";
  struct Dummy {
    std::string backend, path, wanted, actual;
    bool exists = false;
  };
  std::vector<Dummy> dummies;
  for (const auto& [backend, list] : objects.backends) {
    Dummy d{backend, utils + "/dummy_" + ShortName(backend) + "_objects.py",
            DummyFileText(backend, list), "", false};
    if (tree.IsFile(d.path)) {
      d.exists = true;
      if (!tree.ReadFile(d.path, &d.actual, &error)) {
        return fail({"OSError", error + ": '" + d.path + "'"});
      }
      if (!ValidatePyUtf8(d.actual, &decode_error, PyTextRead::kWhole)) {
        return fail({"UnicodeDecodeError", decode_error});
      }
    }
    dummies.push_back(std::move(d));
  }

  for (const Dummy& d : dummies) {
    if (d.actual == d.wanted) continue;
    std::string module = options.package + ".utils.dummy_" + ShortName(d.backend) + "_objects.py";
    DummiesFinding finding{DummiesFinding::Kind::kStale, d.path,
                           FirstDifferentLine(d.actual, d.wanted), ""};
    if (!options.fix) {
      finding.message = "The main __init__ has objects that are not present in " + module +
                        ". Run `make fix-copies` to fix this.";
      report.findings.push_back(finding);
      report.exception_type = "ValueError";
      report.exception = finding.message;
      break;
    }
    finding.message = "Updating " + module + " as the main __init__ has new objects.";
    report.printed.push_back(finding.message);
    report.findings.push_back(std::move(finding));
    Edit edit;
    edit.path = d.path;
    edit.begin = 0;
    edit.end = d.actual.size();
    edit.replacement = d.wanted;
    edit.create = !d.exists;
    if (!d.exists) report.created.push_back(d.path);
    report.edits.push_back(std::move(edit));
  }

  if (options.strict) {
    for (DummiesFinding& f : objects.comments) report.findings.push_back(std::move(f));
    std::vector<project::DirEntry> entries;
    if (tree.ListDirectory(utils, &entries, &error)) {
      std::sort(entries.begin(), entries.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
      for (const project::DirEntry& e : entries) {
        std::string_view name = e.name;
        if (e.type != project::DirEntry::Type::kFile || name.size() <= 17 ||
            !StartsWith(name, "dummy_") || !name.ends_with("_objects.py")) {
          continue;
        }
        std::string short_name(name.substr(6, name.size() - 6 - 11));
        bool known = std::any_of(dummies.begin(), dummies.end(), [&](const Dummy& d) {
          return ShortName(d.backend) == short_name;
        });
        if (!known) {
          report.findings.push_back(
              {DummiesFinding::Kind::kOrphanFile, utils + "/" + e.name, 0,
               "a dummy file check_dummies.py does not generate from the main __init__ (no "
               "backend maps to it): it is neither checked nor removed"});
        }
      }
    }
  }
  return report;
}

}  // namespace kensa::checks
