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

// re.findall(r"is\_([a-z_]*)" + suffix, line)'s groups, `suffix` being literal: diffusers'
// "_available()" (the call), transformers' "_available" (its `_available()` is an empty group,
// not parentheses). The group is greedy and gives characters back until the suffix follows, as
// the regex engine's backtracking does; matches do not overlap.
std::vector<std::string> FindAllBackends(std::string_view line, std::string_view suffix) {
  constexpr std::string_view kPrefix = "is_";
  std::vector<std::string> found;
  size_t p = 0;
  while (p + kPrefix.size() + suffix.size() <= line.size()) {
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
      if (line.compare(m, suffix.size(), suffix) == 0) {
        end = m;
        break;
      }
    }
    if (!end) {
      ++p;
      continue;
    }
    found.emplace_back(line.substr(start, *end - start));
    p = *end + suffix.size();
  }
  return found;
}

std::string JoinBackends(const std::vector<std::string>& backends) {
  std::string joined;
  for (size_t k = 0; k < backends.size(); ++k) {
    if (k > 0) joined += "_and_";
    joined += backends[k];
  }
  return joined;
}

// transformers' _re_test_backend: only an indented `if not [(]is_x_available()` line is a guard
// (diffusers takes any line naming a backend, imports included).
bool IsTransformersGuard(std::string_view line) {
  static const std::optional<PyRe> test_backend = [] {
    std::string error;
    return PyRe::Compile(R"(^\s+if\s+not\s+\(?is\_[a-z_]*\_available\(\))", &error);
  }();
  // The pattern needs both literals; most lines have neither, and skip the regex.
  if (line.find("is_") == std::string_view::npos || line.find("not") == std::string_view::npos) {
    return false;
  }
  return test_backend && test_backend->Search(line);
}

// find_backend(line): the line's backends joined with "_and_", or nullopt when it is no guard.
std::optional<std::string> FindBackend(std::string_view line, DummiesFlavor flavor) {
  if (flavor == DummiesFlavor::kDiffusers) {
    std::vector<std::string> backends = FindAllBackends(line, "_available()");
    if (backends.empty()) return std::nullopt;
    return JoinBackends(backends);
  }
  if (!IsTransformersGuard(line)) return std::nullopt;
  std::vector<std::string> backends = FindAllBackends(line, "_available");
  std::sort(backends.begin(), backends.end());  // list.sort(): code points, as UTF-8 bytes
  return JoinBackends(backends);
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

// str.format for the templates' {0} and {1}. Copies the text between fields in one piece: a
// transformers-sized init formats ~15k objects, and a compare per character was a fifth of the run.
std::string Format2(std::string_view text, std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(text.size() + 4 * std::max(a.size(), b.size()));
  size_t at = 0;
  for (size_t open; (open = text.find('{', at)) != std::string_view::npos;) {
    out.append(text.substr(at, open - at));
    std::string_view field = text.substr(open, 3);
    if (field == "{0}" || field == "{1}") {
      out.append(field[1] == '0' ? a : b);
      at = open + 3;
    } else {
      out.push_back('{');
      at = open + 1;
    }
  }
  out.append(text.substr(at));
  return out;
}

constexpr std::string_view kDummyConstant = "\n{0} = None\n";
constexpr std::string_view kDummyClass =
    "\n"
    "class {0}(metaclass=DummyObject):\n"
    "    _backends = {1}\n"
    "\n"
    "    def __init__(self, *args, **kwargs):\n"
    "        requires_backends(self, {1})\n";
// What diffusers' class template adds (transformers' ends with __init__).
constexpr std::string_view kDummyClassLoaders =
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

std::string DummyObjectText(std::string_view name, std::string_view backend_list,
                            DummiesFlavor flavor) {
  if (IsUpperName(name)) return Format2(kDummyConstant, name, backend_list);
  if (IsLowerName(name)) return Format2(kDummyFunction, name, backend_list);
  std::string text = Format2(kDummyClass, name, backend_list);
  if (flavor == DummiesFlavor::kDiffusers) text += Format2(kDummyClassLoaders, name, backend_list);
  return text;
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
                                    const DummiesOptions& options, InitObjects* out) {
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
    std::optional<std::string> backend = FindBackend(lines[i], options.flavor);
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
        if (options.strict && StartsWith(PyStrip(line), "#")) {
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
    // diffusers skips a guard without objects; transformers gives it a header-only file.
    if (!objects.empty() || options.flavor == DummiesFlavor::kTransformers) {
      out->Set(*backend, std::move(objects));
    }
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

struct Dummy {
  std::string backend, path, wanted, actual;
  bool exists = false;
};

// Every dummy file is read before the first comparison, as the script does.
std::optional<ScriptError> ReadDummies(const project::SourceTree& tree, const std::string& utils,
                                       const InitObjects& objects, const DummiesOptions& options,
                                       std::vector<Dummy>* dummies) {
  std::string error, decode_error;
  for (const auto& [backend, list] : objects.backends) {
    Dummy d{backend, utils + "/dummy_" + ShortName(backend) + "_objects.py",
            DummyFileText(backend, list, options.flavor), "", false};
    if (tree.IsFile(d.path)) {
      d.exists = true;
      if (!tree.ReadFile(d.path, &d.actual, &error)) {
        return ScriptError{"OSError", error + ": '" + d.path + "'"};
      }
      if (!ValidatePyUtf8(d.actual, &decode_error, PyTextRead::kWhole)) {
        return ScriptError{"UnicodeDecodeError", decode_error};
      }
    }
    dummies->push_back(std::move(d));
  }
  return std::nullopt;
}

// str.split(sep) for a non-empty `sep`.
std::vector<std::string_view> SplitOn(std::string_view text, std::string_view sep) {
  std::vector<std::string_view> pieces;
  size_t at = 0;
  for (size_t next; (next = text.find(sep, at)) != std::string_view::npos; at = next + sep.size()) {
    pieces.push_back(text.substr(at, next - at));
  }
  pieces.push_back(text.substr(at));
  return pieces;
}

// transformers' error for a stale file: whichever backend is stale, it quotes the first pair of
// "class"-separated pieces of the torch dummies (actual, wanted) that differ. Without a torch
// backend the lookup raises KeyError; when zip() finds no differing pair (torch up to date, or
// only longer or shorter), the quoted variable was never set.
ScriptError TransformersStaleError(const std::vector<Dummy>& dummies, const std::string& module) {
  auto torch = std::find_if(dummies.begin(), dummies.end(),
                            [](const Dummy& d) { return d.backend == "torch"; });
  if (torch == dummies.end()) return {"KeyError", "'torch'"};
  std::vector<std::string_view> actual = SplitOn(torch->actual, "class");
  std::vector<std::string_view> wanted = SplitOn(torch->wanted, "class");
  for (size_t k = 0; k < std::min(actual.size(), wanted.size()); ++k) {
    if (actual[k] == wanted[k]) continue;
    return {"ValueError",
            "The main __init__ has objects that are not present in " + module +
                ".\n It is likely the following objects are responsible, see these excerpts: \n"
                "---------------------------------- Actual "
                "-------------------------------------\n \n " +
                std::string(actual[k]) +
                " \n---------------------------------- Dummy "
                "-------------------------------------\n \n " +
                std::string(wanted[k]) + " \nRun `make fix-copies` to fix this."};
  }
  return {"UnboundLocalError",
          "cannot access local variable 'actual_broken' where it is not associated with a value"};
}

// Check mode stops at the first stale file with the script's exception; fix mode rewrites (or
// creates) each one and prints a line for it.
void CompareDummies(const std::vector<Dummy>& dummies, const DummiesOptions& options,
                    DummiesReport* report) {
  for (const Dummy& d : dummies) {
    if (d.actual == d.wanted) continue;
    std::string module = options.package + ".utils.dummy_" + ShortName(d.backend) + "_objects.py";
    DummiesFinding finding{DummiesFinding::Kind::kStale, d.path,
                           FirstDifferentLine(d.actual, d.wanted), ""};
    if (!options.fix) {
      // diffusers' message, and the finding's when transformers' script fails another way.
      finding.message = "The main __init__ has objects that are not present in " + module +
                        ". Run `make fix-copies` to fix this.";
      ScriptError e{"ValueError", finding.message};
      if (options.flavor == DummiesFlavor::kTransformers)
        e = TransformersStaleError(dummies, module);
      if (e.type == "ValueError") finding.message = e.message;
      report->findings.push_back(std::move(finding));
      report->exception_type = std::move(e.type);
      report->exception = std::move(e.message);
      return;
    }
    finding.message = "Updating " + module + " as the main __init__ has new objects.";
    report->printed.push_back(finding.message);
    report->findings.push_back(std::move(finding));
    Edit edit;
    edit.path = d.path;
    edit.begin = 0;
    edit.end = d.actual.size();
    edit.replacement = d.wanted;
    edit.create = !d.exists;
    if (!d.exists) report->created.push_back(d.path);
    report->edits.push_back(std::move(edit));
  }
}

// --strict: the comment lines read as objects, then the dummy files no backend maps to.
void AddStrictFindings(const project::SourceTree& tree, const std::string& utils,
                       const std::vector<Dummy>& dummies, InitObjects* objects,
                       DummiesReport* report) {
  for (DummiesFinding& f : objects->comments) report->findings.push_back(std::move(f));
  std::vector<project::DirEntry> entries;
  std::string error;
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
      bool known = std::any_of(dummies.begin(), dummies.end(),
                               [&](const Dummy& d) { return ShortName(d.backend) == short_name; });
      if (!known) {
        report->findings.push_back(
            {DummiesFinding::Kind::kOrphanFile, utils + "/" + e.name, 0,
             "a dummy file check_dummies.py does not generate from the main __init__ (no "
             "backend maps to it): it is neither checked nor removed"});
      }
    }
  }
}

}  // namespace

std::string DummyFileText(const std::string& backend, const std::vector<std::string>& objects,
                          DummiesFlavor flavor) {
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
    text += DummyObjectText(objects[k], list, flavor);
  }
  return text;
}

DummiesOptions DummiesOptionsFor(const project::Layout& layout) {
  DummiesOptions options;
  options.library_path = layout.package_dir;
  options.package = layout.package;
  if (layout.preset.name == "transformers") options.flavor = DummiesFlavor::kTransformers;
  return options;
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
  if (std::optional<ScriptError> e = ReadInit(init, init_path, options, &objects)) {
    return fail(std::move(*e));
  }
  std::string utils = options.library_path + "/utils";
  std::vector<Dummy> dummies;
  if (std::optional<ScriptError> e = ReadDummies(tree, utils, objects, options, &dummies)) {
    return fail(std::move(*e));
  }
  CompareDummies(dummies, options, &report);
  if (options.strict) AddStrictFindings(tree, utils, dummies, &objects, &report);
  return report;
}

}  // namespace kensa::checks
