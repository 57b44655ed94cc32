#include "checks/inits.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "checks/py_re.h"
#include "checks/py_text.h"
#include "checks/py_walk.h"

namespace kensa::checks {

namespace {

// The script's module-level patterns, compiled once. _re_backend has a second, empty group
// (`available()`); findall would give pairs and the script keeps the first, so it is dropped.
struct Patterns {
  PyRe backend, one_line_import_struct, import_struct_key_value, test_backend,
      import_struct_add_one, import_struct_add_many, quote_object, between_brackets, import_, try_,
      else_, brackets, dict_key, subscript_key;
};

PyRe Must(std::string_view pattern) {
  std::string error;
  std::optional<PyRe> re = PyRe::Compile(pattern, &error);
  if (!re) std::abort();  // the patterns are fixed: a failure is a kensa bug
  return *re;
}

const Patterns& Res() {
  static const Patterns p{
      Must(R"re(is\_([a-z_]*)_available)re"),
      Must(R"re(^_import_structure\s+=\s+\{([^\}]+)\})re"),
      Must(R"re(\s+"\S*":\s+\[([^\]]*)\])re"),
      Must(R"re(^\s*if\s+not\s+is\_[a-z_]*\_available\(\))re"),
      Must(R"re(^\s*_import_structure\["\S*"\]\.append\("(\S*)"\))re"),
      Must(R"re(^\s*_import_structure\[\S*\](?:\.extend\(|\s*=\s+)\[([^\]]*)\])re"),
      Must(R"re(^\s+"([^"]+)",)re"),
      Must(R"re(^\s+\[([^\]]+)\])re"),
      Must(R"re(\s+from\s+\S*\s+import\s+([^\(\s].*)\n)re"),
      Must(R"re(^\s*try:)re"),
      Must(R"re(^\s*else:)re"),
      Must(R"re(\[([^\]]+)\])re"),
      // kensa's reading of the _import_structure literal's keys, and transformers' regex.
      Must(R"re("([^"\n]*)"\s*:)re"),
      Must(R"re(import_structure\["([^"]*)"\])re"),
  };
  return p;
}

struct IndexError {};  // the script's lines[i] past the end

// regex.search(line).groups()[0], or nullopt when it does not match.
std::optional<std::string> Group(const PyRe& re, std::string_view line) {
  std::vector<std::optional<std::string>> groups;
  if (!re.Find(line, false, &groups)) return std::nullopt;
  return groups.empty() || !groups[0] ? std::string() : *groups[0];
}

std::vector<std::string> FindAll(const PyRe& re, std::string_view text) {
  std::vector<PyRe::Found> found;
  std::string error;
  re.FindAll(text, &found, &error);
  std::vector<std::string> out;
  for (PyRe::Found& f : found) out.push_back(std::move(f.text));
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix);
}

// s[start:-drop] in code points (drop > 0).
std::string Slice(std::string_view s, size_t start, size_t drop) {
  std::u32string u = DecodeUtf8(s);
  size_t end = u.size() > drop ? u.size() - drop : 0;
  if (start >= end) return "";
  return EncodeUtf8(std::u32string_view(u).substr(start, end - start));
}

// s.split(", ").
std::vector<std::string> SplitComma(std::string_view s) {
  std::vector<std::string> out;
  size_t from = 0;
  for (;;) {
    size_t at = s.find(", ", from);
    if (at == std::string_view::npos) break;
    out.emplace_back(s.substr(from, at - from));
    from = at + 2;
  }
  out.emplace_back(s.substr(from));
  return out;
}

// find_backend: the backends of an `if not is_xxx_available()` line, sorted, "_and_"-joined.
std::optional<std::string> FindBackend(std::string_view line) {
  if (!Res().test_backend.Search(line)) return std::nullopt;
  std::vector<std::string> backends = FindAll(Res().backend, line);
  std::sort(backends.begin(), backends.end());
  std::string joined;
  for (size_t i = 0; i < backends.size(); ++i) joined += (i ? "_and_" : "") + backends[i];
  return joined;
}

// dict[key] = value: replaces in place, or appends.
void Assign(InitHalf* half, const std::string& key, std::vector<std::string> objects) {
  for (auto& [k, v] : *half) {
    if (k == key) {
      v = std::move(objects);
      return;
    }
  }
  half->emplace_back(key, std::move(objects));
}

// str.isprintable() for one character: not in Cc, Cf, Cs, Co, Cn, Zl, Zp, nor Zs but ' '.
bool PyPrintable(char32_t c) {
  if (c == ' ') return true;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_ZS:
      return false;
    default:
      return true;
  }
}

// repr(str) for the duplicates list: Python's quote choice and escapes.
std::string Repr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char32_t c : DecodeUtf8(s)) {
    if (c == '\\' || c == static_cast<char32_t>(quote)) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (!PyPrintable(c)) {
      char buf[12];
      std::snprintf(buf, sizeof buf,
                    c < 0x100     ? "\\x%02x"
                    : c < 0x10000 ? "\\u%04x"
                                  : "\\U%08x",
                    static_cast<unsigned>(c));
      out += buf;
    } else {
      out += EncodeUtf8(std::u32string(1, c));
    }
  }
  out += quote;
  return out;
}

std::string ListRepr(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Repr(items[i]);
  return out + "]";
}

// collections.Counter(seq): the keys seen more than once, in first-seen order.
std::vector<std::string> Duplicates(const std::vector<std::string>& seq) {
  std::map<std::string, size_t> count;
  for (const std::string& s : seq) ++count[s];
  std::vector<std::string> out;
  std::set<std::string> done;
  for (const std::string& s : seq) {
    if (count[s] > 1 && done.insert(s).second) out.push_back(s);
  }
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void WalkInits(const project::SourceTree& tree, const std::string& top,
               std::vector<std::string>* inits) {
  PyWalk(tree, top, [&](PyWalkStep& step) {
    if (Contains(step.files, "__init__.py")) inits->push_back(step.path + "/__init__.py");
  });
}

bool HasPyFile(const project::SourceTree& tree, const std::string& dir) {
  std::vector<project::DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(dir, &entries, &error)) return false;
  return std::any_of(entries.begin(), entries.end(),
                     [](const project::DirEntry& e) { return e.name.ends_with(".py"); });
}

std::string Dotted(std::string_view path) {
  std::string out(path);
  std::replace(out.begin(), out.end(), '/', '.');
  return out;
}

// get_transformers_submodules, including its pruning quirk: removing a private folder from
// `directories` while iterating over it skips the folder after it.
void WalkSubmodules(const project::SourceTree& tree, const std::string& root,
                    std::vector<std::string>* submodules) {
  PyWalk(tree, root, [&](PyWalkStep& step) {
    for (size_t i = 0; i < step.dirs.size(); ++i) {
      const std::string folder = step.dirs[i];
      if (folder.starts_with("_")) {
        step.dirs.erase(step.dirs.begin() + static_cast<long>(i));
        continue;  // and the loop's ++i steps over the folder that moved into its place
      }
      std::string sub = step.path + "/" + folder;
      if (!HasPyFile(tree, sub)) continue;
      submodules->push_back(Dotted(std::string_view(sub).substr(root.size() + 1)));
    }
    for (const std::string& fname : step.files) {
      if (fname == "__init__.py") continue;
      std::string short_path = (step.path + "/" + fname).substr(root.size() + 1);
      std::string submodule = Dotted(PyReplace(short_path, ".py", ""));
      if (submodule.find('.') == std::string::npos) submodules->push_back(submodule);
    }
  });
}

// The keys `_import_structure` has once the main init ran with every backend installed: those
// of its `_import_structure = {...}` literal and every `import_structure["key"]` subscript.
std::set<std::string> ImportStructureKeys(std::string_view text) {
  std::set<std::string> keys;
  std::vector<std::string_view> lines = PyReadLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].starts_with("_import_structure = {")) continue;
    std::string literal;
    for (size_t j = i; j < lines.size(); ++j) {
      literal += lines[j];
      if (j == i ? lines[j].find('}') != std::string_view::npos : lines[j].starts_with("}")) break;
    }
    for (std::string& k : FindAll(Res().dict_key, literal)) keys.insert(std::move(k));
    break;
  }
  for (std::string& k : FindAll(Res().subscript_key, text)) keys.insert(std::move(k));
  return keys;
}

}  // namespace

bool ParseInit(std::string_view text, ParsedInit* parsed) {
  *parsed = ParsedInit();
  const Patterns& re = Res();
  std::vector<std::string_view> lines = PyReadLines(text);
  const long n = static_cast<long>(lines.size());
  auto at = [&](long i) -> std::string_view {
    if (i < 0) i += n;  // lines[-1]
    if (i < 0 || i >= n) throw IndexError{};
    return lines[static_cast<size_t>(i)];
  };
  // At a backend guard (`is_xxx_available()` on the line after a `try:`): the backend, with
  // `li` moved past the guard's `else:`, where its objects start; else nullopt, one line on.
  auto EnterBackendBlock = [&](long& li) -> std::optional<std::string> {
    std::optional<std::string> backend = FindBackend(at(li));
    if (!re.try_.Search(at(li - 1))) backend.reset();
    ++li;
    if (!backend) return std::nullopt;
    while (!re.else_.Search(at(li))) ++li;
    ++li;
    return backend;
  };
  try {
    long li = 0;
    while (li < n && !at(li).starts_with("_import_structure = {")) ++li;
    if (li >= n) return true;  // a traditional init
    parsed->custom = true;

    std::vector<std::string> objects;
    while (!at(li).starts_with("if TYPE_CHECKING") && !FindBackend(at(li))) {
      std::string_view line = at(li);
      if (std::optional<std::string> content = Group(re.one_line_import_struct, line)) {
        for (const std::string& imp : FindAll(re.brackets, *content)) {
          for (const std::string& obj : SplitComma(imp)) objects.push_back(Slice(obj, 1, 1));
        }
        ++li;
        continue;
      }
      if (std::optional<std::string> found = Group(re.import_struct_key_value, line)) {
        for (const std::string& obj : SplitComma(*found)) {
          if (!obj.empty()) objects.push_back(Slice(obj, 1, 1));
        }
      } else if (StartsWith(line, "        \"")) {
        objects.push_back(Slice(line, 9, 3));
      }
      ++li;
    }
    parsed->import_structure.emplace_back("none", std::move(objects));

    while (!at(li).starts_with("if TYPE_CHECKING")) {
      std::optional<std::string> backend = EnterBackendBlock(li);
      if (!backend) continue;
      std::vector<std::string> found_objects;
      while (PyLenAtMostOne(at(li)) || at(li).starts_with("    ")) {
        std::string_view line = at(li);
        std::optional<std::string> g;
        if ((g = Group(re.import_struct_add_one, line))) {
          found_objects.push_back(*g);
        } else if ((g = Group(re.import_struct_add_many, line)) ||
                   (g = Group(re.between_brackets, line))) {
          for (const std::string& obj : SplitComma(*g)) {
            if (!obj.empty()) found_objects.push_back(Slice(obj, 1, 1));
          }
        } else if ((g = Group(re.quote_object, line))) {
          found_objects.push_back(*g);
        } else if (StartsWith(line, "        \"")) {
          found_objects.push_back(Slice(line, 9, 3));
        } else if (StartsWith(line, "            \"")) {
          found_objects.push_back(Slice(line, 13, 3));
        }
        ++li;
      }
      Assign(&parsed->import_structure, *backend, std::move(found_objects));
    }

    objects.clear();
    while (li < n && !FindBackend(at(li)) && !at(li).starts_with("else")) {
      std::string_view line = at(li);
      if (std::optional<std::string> g = Group(re.import_, line)) {
        for (std::string& obj : SplitComma(*g)) objects.push_back(std::move(obj));
      } else if (StartsWith(line, "        ")) {
        objects.push_back(Slice(line, 8, 2));
      }
      ++li;
    }
    parsed->type_checking.emplace_back("none", std::move(objects));

    while (li < n) {
      std::optional<std::string> backend = EnterBackendBlock(li);
      if (!backend) continue;
      std::vector<std::string> found_objects;
      while (PyLenAtMostOne(at(li)) || at(li).starts_with("        ")) {
        std::string_view line = at(li);
        if (std::optional<std::string> g = Group(re.import_, line)) {
          for (std::string& obj : SplitComma(*g)) found_objects.push_back(std::move(obj));
        } else if (StartsWith(line, "            ")) {
          found_objects.push_back(Slice(line, 12, 2));
        }
        ++li;
      }
      Assign(&parsed->type_checking, *backend, std::move(found_objects));
    }
  } catch (const IndexError&) {
    return false;
  }
  return true;
}

std::vector<std::string> AnalyzeInit(const ParsedInit& parsed) {
  const InitHalf& a = parsed.import_structure;
  const InitHalf& b = parsed.type_checking;
  bool same_keys = a.size() == b.size() &&
                   std::equal(a.begin(), a.end(), b.begin(),
                              [](const auto& x, const auto& y) { return x.first == y.first; });
  if (!same_keys) return {"Both sides of the init do not have the same backends!"};
  std::vector<std::string> errors;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& key = a[i].first;
    const std::vector<std::string>& imports = a[i].second;
    const std::vector<std::string>& hints = b[i].second;
    std::vector<std::string> dup = Duplicates(imports);
    if (!dup.empty())
      errors.push_back("Duplicate _import_structure definitions for: " + ListRepr(dup));
    dup = Duplicates(hints);
    if (!dup.empty()) errors.push_back("Duplicate TYPE_CHECKING objects for: " + ListRepr(dup));
    if (std::set<std::string>(imports.begin(), imports.end()) ==
        std::set<std::string>(hints.begin(), hints.end())) {
      continue;
    }
    errors.push_back("Differences for " + (key == "none" ? "base imports" : key + " backend") +
                     ":");
    for (const std::string& x : hints) {
      if (!Contains(imports, x))
        errors.push_back("  " + x + " in TYPE_HINT but not in _import_structure.");
    }
    for (const std::string& x : imports) {
      if (!Contains(hints, x))
        errors.push_back("  " + x + " in _import_structure but not in TYPE_HINT.");
    }
  }
  return errors;
}

std::vector<std::string> TransformersIgnoredSubmodules() {
  return {"convert_pytorch_checkpoint_to_tf2",
          "modeling_flax_pytorch_utils",
          "models.esm.openfold_utils",
          "modeling_attn_mask_utils",
          "safetensors_conversion",
          "modeling_gguf_pytorch_utils",
          "kernels.falcon_mamba",
          "kernels"};
}

InitsReport CheckInits(const project::SourceTree& tree, const InitsOptions& options) {
  InitsReport report;
  auto fail = [&](const char* type, std::string message, const std::string& path) {
    report.exception_type = type;
    report.exception = std::move(message);
    report.exception_path = path;
    return report;
  };
  std::vector<std::string> inits;
  if (tree.IsDirectory(options.library_path)) WalkInits(tree, options.library_path, &inits);
  std::string failures;
  for (const std::string& path : inits) {
    std::string bytes, error;
    if (!tree.ReadFile(path, &bytes, &error)) {
      return fail("FileNotFoundError", "[Errno 2] No such file or directory: '" + path + "'", path);
    }
    if (!ValidatePyUtf8(bytes, &error, PyTextRead::kInChunks))
      return fail("UnicodeDecodeError", error, path);
    ParsedInit parsed;
    if (!ParseInit(bytes, &parsed)) return fail("IndexError", "list index out of range", path);
    if (!parsed.custom) continue;
    std::vector<std::string> errors = AnalyzeInit(parsed);
    if (errors.empty()) continue;
    if (!failures.empty()) failures += "\n\n";
    failures += "Problem in " + path + ", both halves do not define the same objects.";
    for (const std::string& e : errors) failures += "\n" + e;
    report.problems.push_back({path, std::move(errors)});
  }
  if (!failures.empty()) return fail("ValueError", failures, "");

  // check_submodules: only reached when every init agrees.
  std::string main_init = options.library_path + "/__init__.py", bytes, error;
  if (!tree.IsFile(main_init) || !tree.ReadFile(main_init, &bytes, &error)) {
    return fail("FileNotFoundError", "[Errno 2] No such file or directory: '" + main_init + "'",
                main_init);
  }
  if (!ValidatePyUtf8(bytes, &error, PyTextRead::kWhole))
    return fail("UnicodeDecodeError", error, main_init);
  std::set<std::string> keys = ImportStructureKeys(PyUniversalNewlines(bytes));
  std::vector<std::string> submodules;
  WalkSubmodules(tree, options.library_path, &submodules);
  std::string list;
  for (const std::string& m : submodules) {
    if (Contains(options.ignore_submodules, m) || keys.count(m)) continue;
    list += (report.unregistered.empty() ? "- " : "\n- ") + m;
    report.unregistered.push_back(m);
  }
  if (!report.unregistered.empty()) {
    return fail("ValueError",
                "The following submodules are not properly registered in the main init of "
                "Transformers:\n" +
                    list +
                    "\nMake sure they appear somewhere in the keys of `_import_structure` with "
                    "an empty list as value.",
                "");
  }
  return report;
}

}  // namespace kensa::checks
