#include "checks/config_docstrings.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "checks/module_statements.h"
#include "checks/py_re.h"
#include "checks/py_text.h"
#include "python/parser_file.h"

namespace kensa::checks {

const std::vector<std::string>& ConfigDocstringsIgnored() {
  static const std::vector<std::string> kIgnored = {"DecisionTransformerConfig",
                                                    "EncoderDecoderConfig",
                                                    "MusicgenConfig",
                                                    "RagConfig",
                                                    "SpeechEncoderDecoderConfig",
                                                    "TimmBackboneConfig",
                                                    "VisionEncoderDecoderConfig",
                                                    "VisionTextDualEncoderConfig",
                                                    "LlamaConfig"};
  return kIgnored;
}

namespace {

namespace ast = python::ast;

constexpr char kModels[] = "src/transformers/models/";
constexpr char kAuto[] = "src/transformers/models/auto/configuration_auto.py";

// Decodes and parses `path` (python::ParseBytes: the Source lives beside its tree); nullopt
// (with *why) when it cannot be read or parsed, which is an import error for the script.
std::optional<python::ParsedFile> ParseFile(const project::SourceTree& tree,
                                            const std::string& path, std::string* why) {
  std::string bytes, error;
  if (!tree.ReadFile(path, &bytes, &error)) {
    *why = error;
    return std::nullopt;
  }
  python::ParsedFile parsed = python::ParseBytes(bytes);
  if (parsed.source == nullptr) {
    *why = "cannot decode it";
    return std::nullopt;
  }
  if (parsed.result.module == nullptr) {
    *why = "a SyntaxError";
    return std::nullopt;
  }
  return parsed;
}

// The value assigned to the module-level name `name` (the last assignment wins, as at run time).
const ast::Expr* Assigned(const ast::Module& module, std::string_view name) {
  std::vector<const ast::Stmt*> stmts;
  ModuleLevelStatements(module.body, &stmts);
  const ast::Expr* value = nullptr;
  for (const ast::Stmt* s : stmts) {
    if (const auto* a = ast::DynCast<ast::Assign>(s)) {
      for (const ast::Expr* t : a->targets) {
        if (const auto* n = ast::DynCast<ast::Name>(t); n && n->id == name) value = a->value;
      }
    } else if (const auto* a = ast::DynCast<ast::AnnAssign>(s)) {
      if (const auto* n = ast::DynCast<ast::Name>(a->target); n && n->id == name && a->value)
        value = a->value;
    }
  }
  return value;
}

std::optional<std::string> StrConstant(const ast::Expr* e) {
  const auto* c = ast::DynCast<ast::Constant>(e);
  if (c == nullptr || c->value.kind != ast::ConstantValue::Kind::kStr) return std::nullopt;
  return std::string(c->value.text());
}

// OrderedDict([("a", "B"), ...]) (OrderedDict[str, str](...) too): the pairs, in order, or
// nullopt when the value is not of that shape.
std::optional<std::vector<std::pair<std::string, std::string>>> Pairs(const ast::Expr* value) {
  const auto* call = ast::DynCast<ast::Call>(value);
  if (call == nullptr || call->args.size() != 1) return std::nullopt;
  const ast::NodeList<ast::Expr>* elts = nullptr;
  if (const auto* l = ast::DynCast<ast::List>(call->args[0])) elts = &l->elts;
  if (const auto* t = ast::DynCast<ast::Tuple>(call->args[0])) elts = &t->elts;
  if (elts == nullptr) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const ast::Expr* e : *elts) {
    const auto* t = ast::DynCast<ast::Tuple>(e);
    if (t == nullptr || t->elts.size() != 2) return std::nullopt;
    std::optional<std::string> k = StrConstant(t->elts[0]), v = StrConstant(t->elts[1]);
    if (!k || !v) return std::nullopt;
    pairs.emplace_back(*k, *v);
  }
  return pairs;
}

// ["a", "b"] (a list or tuple of strings).
std::optional<std::set<std::string>> Strings(const ast::Expr* value) {
  const ast::NodeList<ast::Expr>* elts = nullptr;
  if (const auto* l = ast::DynCast<ast::List>(value)) elts = &l->elts;
  if (const auto* t = ast::DynCast<ast::Tuple>(value)) elts = &t->elts;
  if (elts == nullptr) return std::nullopt;
  std::set<std::string> out;
  for (const ast::Expr* e : *elts) {
    std::optional<std::string> s = StrConstant(e);
    if (!s) return std::nullopt;
    out.insert(*s);
  }
  return out;
}

// A class statement found for a config name, or where a name is made another way.
struct Located {
  std::string file;
  int line = 0;
  std::string source;    // inspect.getsource's text (found only)
  bool dynamic = false;  // `NAME = ...` instead of a class statement
};

// `class NAME` in the package directory `dir`: configuration_*.py first, then the other .py
// files, each group by name (the import gives the class its package exports; which file that
// is, only the package's __init__ knows — kensa takes the configuration file, where transformers
// defines its configs).
std::optional<Located> FindClass(const project::SourceTree& tree, const std::string& dir,
                                 const std::string& name,
                                 std::map<std::string, python::ParsedFile>* cache) {
  std::vector<project::DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(dir, &entries, &error)) return std::nullopt;
  std::vector<std::string> files;
  for (const project::DirEntry& e : entries) {
    if (e.type == project::DirEntry::Type::kFile && e.name.size() > 3 &&
        e.name.compare(e.name.size() - 3, 3, ".py") == 0)
      files.push_back(e.name);
  }
  auto rank = [](const std::string& f) { return f.rfind("configuration_", 0) == 0 ? 0 : 1; };
  std::sort(files.begin(), files.end(), [&](const std::string& a, const std::string& b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
  });
  std::optional<Located> dynamic;
  for (const std::string& f : files) {
    const std::string path = dir + "/" + f;
    auto it = cache->find(path);
    if (it == cache->end()) {
      std::string why;
      std::optional<python::ParsedFile> parsed = ParseFile(tree, path, &why);
      if (!parsed) continue;
      it = cache->emplace(path, std::move(*parsed)).first;
    }
    const python::Source& source = *it->second.source;
    std::vector<const ast::Stmt*> stmts;
    ModuleLevelStatements(it->second.result.module->body, &stmts);
    for (const ast::Stmt* s : stmts) {
      if (const auto* c = ast::DynCast<ast::ClassDef>(s); c && c->name == name) {
        // inspect.getsource: from the first decorator's line (the class line without one) to
        // the last line of the class's last statement (what tokenize's block ends on).
        uint32_t begin = c->decorator_list.empty() ? c->begin : c->decorator_list[0]->begin;
        int first = static_cast<int>(source.Locate(begin).line);
        int last = static_cast<int>(source.Locate(c->end).line);
        std::vector<std::string_view> lines = PyReadLines(source.text());
        Located found{path, first, "", false};
        for (int l = first; l <= last && l <= static_cast<int>(lines.size()); ++l)
          found.source += lines[l - 1];
        return found;
      }
      if (dynamic) continue;
      const ast::NodeList<ast::Expr>* targets = nullptr;
      if (const auto* a = ast::DynCast<ast::Assign>(s)) targets = &a->targets;
      for (const ast::Expr* t : targets ? *targets : ast::NodeList<ast::Expr>{}) {
        if (const auto* n = ast::DynCast<ast::Name>(t); n && n->id == name)
          dynamic = Located{path, static_cast<int>(source.Locate(s->begin).line), "", true};
      }
    }
  }
  return dynamic;
}

// get_checkpoint_from_config_class on the class's source: whether a link names its checkpoint.
bool HasCheckpoint(std::string_view source) {
  // findall's matches are the pattern's matches with the groups taken out; the group-less
  // pattern finds them (FindAll takes at most one group), the grouped one splits each.
  static const std::optional<PyRe> kWhole = [] {
    std::string e;
    return PyRe::Compile(R"(\[.+?\]\(https://huggingface\.co/.+?\))", &e);
  }();
  static const std::optional<PyRe> kGroups = [] {
    std::string e;
    return PyRe::Compile(R"(\[(.+?)\]\((https://huggingface\.co/.+?)\))", &e);
  }();
  std::vector<PyRe::Found> found;
  std::string error;
  if (!kWhole || !kGroups || !kWhole->FindAll(source, &found, &error)) return false;
  for (const PyRe::Found& f : found) {
    std::vector<std::optional<std::string>> groups;
    if (!kGroups->Find(f.text, true, &groups) || groups.size() < 2 || !groups[0] || !groups[1])
      continue;
    std::string link = *groups[1];
    if (!link.empty() && link.back() == '/') link.pop_back();  // "allow the link to end with /"
    if (link == "https://huggingface.co/" + *groups[0]) return true;
  }
  return false;
}

}  // namespace

ConfigDocstringsReport CheckConfigDocstrings(const project::SourceTree& tree) {
  ConfigDocstringsReport report;
  std::string why;
  std::optional<python::ParsedFile> auto_file = ParseFile(tree, kAuto, &why);
  auto fail = [&](const char* type, std::string message) {
    report.exception_type = type;
    report.exception = std::move(message);
    report.exception_path = kAuto;
    return report;
  };
  if (!auto_file) {
    if (!tree.IsFile(kAuto))
      return fail("ModuleNotFoundError", "No module named 'transformers.models.auto'");
    return fail("kensa", "cannot read it (" + why + ")");
  }
  const ast::Module& module = *auto_file->result.module;
  std::optional<std::vector<std::pair<std::string, std::string>>> names =
      Pairs(Assigned(module, "CONFIG_MAPPING_NAMES"));
  if (!names) {
    return fail("kensa",
                "CONFIG_MAPPING_NAMES is not an OrderedDict of (model type, class name) string "
                "pairs; kensa cannot read it without running it");
  }
  std::map<std::string, std::string> special;
  if (const ast::Expr* v = Assigned(module, "SPECIAL_MODEL_TYPE_TO_MODULE_NAME")) {
    if (auto pairs = Pairs(v)) {
      for (auto& [k, m] : *pairs) special[k] = m;  // a repeated key: its last value
    }
  }
  std::set<std::string> deprecated;
  if (const ast::Expr* v = Assigned(module, "DEPRECATED_MODELS")) {
    if (auto s = Strings(v)) deprecated = std::move(*s);
  }

  // CONFIG_MAPPING_NAMES is an OrderedDict: a repeated type keeps its first place, last value.
  std::vector<std::string> order;
  std::map<std::string, std::string> mapping;
  for (auto& [type, cls] : *names) {
    if (!mapping.count(type)) order.push_back(type);
    mapping[type] = cls;
  }

  std::map<std::string, python::ParsedFile> cache;
  std::vector<std::string> missing;
  std::map<std::string, ConfigDocstringsFinding> no_checkpoint;
  std::vector<ConfigDocstringsFinding> unresolved;
  std::set<std::string> ignored(ConfigDocstringsIgnored().begin(), ConfigDocstringsIgnored().end());
  for (const std::string& type : order) {
    const std::string& cls = mapping[type];
    // model_type_to_module_name.
    std::string module_name;
    if (auto it = special.find(type); it != special.end()) {
      module_name = it->second;
    } else {
      module_name = type;
      std::replace(module_name.begin(), module_name.end(), '-', '_');
    }
    if (deprecated.count(module_name)) module_name = "deprecated." + module_name;
    std::string dir = kModels + module_name;
    std::replace(dir.begin() + sizeof(kModels) - 1, dir.end(), '.', '/');
    ConfigDocstringsFinding f{ConfigDocstringsFinding::Kind::kUnresolved, cls, type, dir, 0, ""};
    if (!tree.IsDirectory(dir)) {
      f.message = "no package " + dir + " for model type '" + type +
                  "' (the import of transformers.models." + module_name + " would fail)";
      unresolved.push_back(std::move(f));
      continue;
    }
    std::optional<Located> found = FindClass(tree, dir, cls, &cache);
    if (!found) {
      f.message = "no `class " + cls + "` in " + dir +
                  "/*.py: which class the import gives cannot be told statically";
      unresolved.push_back(std::move(f));
      continue;
    }
    if (found->dynamic) {
      f.file = found->file;
      f.line = found->line;
      f.message = cls +
                  " is built at run time here, not by a class statement: its source "
                  "cannot be read statically";
      unresolved.push_back(std::move(f));
      continue;
    }
    // "models.deprecated" in config_class.__module__.
    if (found->file.find("/models/deprecated/") != std::string::npos) continue;
    ++report.checked;
    if (HasCheckpoint(found->source) || ignored.count(cls)) continue;
    f.kind = ConfigDocstringsFinding::Kind::kNoCheckpoint;
    f.file = found->file;
    f.line = found->line;
    f.message = cls + " has no checkpoint link [org/name](https://huggingface.co/org/name)";
    missing.push_back(cls);
    no_checkpoint.emplace(cls, std::move(f));
  }
  // sorted(configs_without_checkpoint): code point order, i.e. UTF-8 byte order.
  std::sort(missing.begin(), missing.end());
  for (const std::string& name : missing) {
    auto it = no_checkpoint.find(name);
    report.findings.push_back(it->second);  // a class listed twice is found once per listing
  }
  for (ConfigDocstringsFinding& f : unresolved) report.findings.push_back(std::move(f));
  if (!missing.empty()) {
    std::string message = "The following configurations don't contain any valid checkpoint:\n";
    for (size_t i = 0; i < missing.size(); ++i) message += (i ? "\n" : "") + missing[i];
    report.exception_type = "ValueError";
    report.exception = std::move(message);
  }
  return report;
}

}  // namespace kensa::checks
