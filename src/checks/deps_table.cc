#include "checks/deps_table.h"

#include <algorithm>
#include <map>
#include <optional>

#include "base/line_index.h"
#include "checks/py_re.h"
#include "python/parser.h"
#include "python/py_repr.h"
#include "python/source.h"

namespace kensa::checks {

namespace ast = python::ast;

namespace {

std::string Repr(std::string_view text) {
  std::string out;
  python::AppendStrRepr(text, &out);
  return out;
}

const ast::Name* AsName(const ast::Expr* e) {
  return ast::DynCast<ast::Name>(e);
}

bool IsName(const ast::Expr* e, std::string_view id) {
  const ast::Name* n = AsName(e);
  return n != nullptr && n->id == id;
}

// `NAME = value` with a single Name target.
const ast::Expr* AssignedTo(const ast::Stmt* stmt, std::string_view name) {
  const auto* assign = ast::DynCast<ast::Assign>(stmt);
  if (assign == nullptr || assign->targets.size() != 1 || !IsName(assign->targets[0], name)) {
    return nullptr;
  }
  return assign->value;
}

const ast::Constant* AsStr(const ast::Expr* e) {
  const auto* c = ast::DynCast<ast::Constant>(e);
  return c != nullptr && c->value.kind == ast::ConstantValue::Kind::kStr ? c : nullptr;
}

// The first str pattern given to a `*.findall(PATTERN, ...)` call inside `node`.
std::optional<std::string> FindallPattern(const ast::Node& node) {
  if (const auto* call = ast::DynCast<ast::Call>(&node)) {
    const auto* attr = ast::DynCast<ast::Attribute>(call->func);
    if (attr != nullptr && attr->attr == "findall" && call->args.size() >= 1) {
      if (const ast::Constant* pattern = AsStr(call->args[0])) {
        return std::string(pattern->value.text());
      }
    }
  }
  std::optional<std::string> found;
  ast::VisitChildren(node, [&](const ast::Node& child) {
    if (!found) found = FindallPattern(child);
  });
  return found;
}

// For `os.name == "nt"` (or `!=`): whether the test holds on POSIX, where kensa and the CI run.
std::optional<bool> HoldsOnPosix(const ast::Expr* test) {
  const auto* cmp = ast::DynCast<ast::Compare>(test);
  if (cmp == nullptr || cmp->ops.size() != 1) return std::nullopt;
  const auto* attr = ast::DynCast<ast::Attribute>(cmp->left);
  const ast::Constant* value = AsStr(cmp->comparators[0]);
  if (attr == nullptr || !IsName(attr->value, "os") || attr->attr != "name" || value == nullptr) {
    return std::nullopt;
  }
  bool equal = value->value.text() == "posix";
  if (cmp->ops[0] == ast::CmpOperator::kEq) return equal;
  if (cmp->ops[0] == ast::CmpOperator::kNotEq) return !equal;
  return std::nullopt;
}

// A name looked up in the table: `deps["x"]` or an argument of `deps_list(...)`.
// Or a file opened while setup.py is imported (diffusers' and transformers' `setup(...,
// long_description=open("README.md", ...).read())`): a missing one stops setup.py as well.
struct Lookup {
  uint32_t offset;
  std::string name;
  bool file = false;
};

void CollectLookups(const ast::Node& node, std::vector<Lookup>* out) {
  if (const auto* sub = ast::DynCast<ast::Subscript>(&node)) {
    if (IsName(sub->value, "deps")) {
      if (const ast::Constant* key = AsStr(sub->slice)) {
        out->push_back({node.begin, std::string(key->value.text())});
      }
    }
  } else if (const auto* call = ast::DynCast<ast::Call>(&node)) {
    if (IsName(call->func, "deps_list")) {
      for (const ast::Expr* arg : call->args) {
        if (const ast::Constant* key = AsStr(arg)) {
          out->push_back({arg->begin, std::string(key->value.text())});
        }
      }
    } else if (IsName(call->func, "open") && !call->args.empty()) {
      if (const ast::Constant* path = AsStr(call->args[0])) {
        out->push_back({call->args[0]->begin, std::string(path->value.text()), true});
      }
    }
  }
  if (ast::DynCast<ast::FunctionDef>(&node) || ast::DynCast<ast::ClassDef>(&node) ||
      ast::DynCast<ast::Lambda>(&node)) {
    return;  // bodies run later, if at all: not part of importing setup.py
  }
  if (const auto* branch = ast::DynCast<ast::If>(&node)) {
    if (std::optional<bool> posix = HoldsOnPosix(branch->test)) {
      // transformers' `if os.name == "nt":` extras: only the POSIX branch runs here.
      for (const ast::Stmt* s : *posix ? branch->body : branch->orelse) CollectLookups(*s, out);
      return;
    }
  }
  ast::VisitChildren(node, [&](const ast::Node& child) { CollectLookups(child, out); });
}

// Whether `l` stops setup.py, with the exception's type and message in `report`. Files are
// opened relative to the working directory, the repository's root (setup.py's own directory).
bool LookupFails(const Lookup& l, const std::map<std::string, size_t>& index,
                 const project::SourceTree& tree, DepsTableReport* report) {
  if (!l.file) {
    if (index.count(l.name)) return false;
    report->exception_type = "KeyError";
    report->exception = Repr(l.name);
    return true;
  }
  if (tree.IsFile(l.name)) return false;
  bool directory = tree.IsDirectory(l.name);
  report->exception_type = directory ? "IsADirectoryError" : "FileNotFoundError";
  report->exception =
      (directory ? "[Errno 21] Is a directory: " : "[Errno 2] No such file or directory: ") +
      Repr(l.name);
  return true;
}

// One line of the command's `content` list: a string literal, or the `entries` placeholder
// (std::nullopt) where the `    "name": "spec",` lines go.
using TemplateLine = std::optional<std::string>;

// diffusers' header, for a setup.py without a readable DepsTableUpdateCommand.run.
std::vector<TemplateLine> DefaultTemplate() {
  return {"# THIS FILE HAS BEEN AUTOGENERATED. To update:",
          "# 1. modify the `_deps` dict in setup.py",
          "# 2. run `make deps_table_update`",
          "deps = {",
          std::nullopt,
          "}",
          ""};
}

// The `content = [...]` list of `DepsTableUpdateCommand.run`, which the command joins with "\n":
// its header text is setup.py's own (transformers' line 3 ends in two backticks, diffusers' in
// one), so it is read rather than assumed. Empty when there is no such list of literals.
std::vector<TemplateLine> ReadTemplate(const ast::NodeList<ast::Stmt>& body) {
  for (const ast::Stmt* stmt : body) {
    const auto* cls = ast::DynCast<ast::ClassDef>(stmt);
    if (cls == nullptr || cls->name != "DepsTableUpdateCommand") continue;
    for (const ast::Stmt* member : cls->body) {
      const auto* fn = ast::DynCast<ast::FunctionDef>(member);
      if (fn == nullptr || fn->name != "run") continue;
      for (const ast::Stmt* s : fn->body) {
        const auto* list = ast::DynCast<ast::List>(AssignedTo(s, "content"));
        if (list == nullptr) continue;
        std::vector<TemplateLine> lines;
        for (const ast::Expr* e : list->elts) {
          if (const ast::Constant* c = AsStr(e)) {
            lines.emplace_back(std::string(c->value.text()));
          } else if (IsName(e, "entries")) {
            lines.emplace_back(std::nullopt);
          } else {
            return {};
          }
        }
        return lines;
      }
    }
  }
  return {};
}

// "\n".join(content), with entries = "\n".join(f'    "{k}": "{v}",' ...) as the command has it.
std::string Generate(const std::vector<TemplateLine>& content,
                     const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  for (size_t i = 0; i < content.size(); ++i) {
    if (i > 0) out += "\n";
    if (content[i]) {
      out += *content[i];
      continue;
    }
    for (size_t j = 0; j < entries.size(); ++j) {
      if (j > 0) out += "\n";
      out += "    \"" + entries[j].first + "\": \"" + entries[j].second + "\",";
    }
  }
  return out;
}

}  // namespace

DepsTableReport CheckDepsTable(const project::SourceTree& tree, const DepsTableOptions& options) {
  DepsTableReport report;
  auto tool = [&](std::string message) {
    report.tool_error = options.setup_path + ": " + std::move(message);
    return report;
  };
  std::string bytes, error;
  if (!tree.IsFile(options.setup_path) || !tree.ReadFile(options.setup_path, &bytes, &error)) {
    return tool("no such file (the table is generated from it)");
  }
  python::SyntaxError syntax;
  std::optional<python::Source> source = python::Source::Decode(bytes, &syntax);
  python::ParsedModule parsed;
  if (source) parsed = python::ParseModule(*source);
  if (!source || parsed.error) {
    const python::SyntaxError& e = source ? *parsed.error : syntax;
    report.exception_type = e.TypeName();
    report.exception = e.message;
    report.exception_line = e.line;
    return report;
  }
  LineIndex lines(source->text());

  // _deps, then the table built from it, then the lookups made while setup.py is imported.
  std::vector<std::string> deps;
  bool have_deps = false;
  std::optional<std::string> pattern;
  size_t table_statement = 0;
  const ast::NodeList<ast::Stmt>& body = parsed.module->body;
  for (size_t i = 0; i < body.size() && !pattern; ++i) {
    if (const ast::Expr* value = AssignedTo(body[i], "_deps")) {
      const auto* list = ast::DynCast<ast::List>(value);
      if (list == nullptr) return tool("`_deps` is not a list literal");
      deps.clear();
      for (const ast::Expr* e : list->elts) {
        const ast::Constant* s = AsStr(e);
        if (s == nullptr) {
          return tool("line " + std::to_string(lines.Locate(e->begin).line) +
                      ": an entry of `_deps` that is not a string literal");
        }
        deps.emplace_back(s->value.text());
      }
      have_deps = true;
      report.deps_line = lines.Locate(body[i]->begin).line;
    } else if (const ast::Expr* table = AssignedTo(body[i], "deps")) {
      pattern = FindallPattern(*table);
      if (!pattern) return tool("`deps = ...` without a `re.findall(PATTERN, ...)` kensa can read");
      table_statement = i;
    }
  }
  if (!have_deps || !pattern) return tool("no module-level `_deps = [...]` and `deps = ...`");

  std::optional<PyRe> re = PyRe::Compile(*pattern, &error);
  if (!re) return tool("the pattern of `deps`: " + error);
  std::vector<std::pair<std::string, std::string>> entries;  // name -> spec, first-seen order
  std::map<std::string, size_t> index;
  for (const std::string& dep : deps) {
    std::vector<std::optional<std::string>> groups;
    if (!re->Find(dep, false, &groups)) {
      report.exception_type = "IndexError";  // re.findall(...)[0] of an empty list
      report.exception = "list index out of range";
      report.exception_line = lines.Locate(body[table_statement]->begin).line;
      return report;
    }
    if (groups.size() != 2 || !groups[0] || !groups[1]) {
      return tool("the pattern of `deps` must have two groups that always take part");
    }
    auto [it, inserted] = index.try_emplace(*groups[1], entries.size());
    if (inserted) {
      entries.emplace_back(*groups[1], *groups[0]);
    } else {
      entries[it->second].second = *groups[0];
    }
  }
  for (size_t i = table_statement + 1; i < body.size(); ++i) {
    std::vector<Lookup> lookups;
    CollectLookups(*body[i], &lookups);
    std::stable_sort(lookups.begin(), lookups.end(),
                     [](const Lookup& a, const Lookup& b) { return a.offset < b.offset; });
    for (const Lookup& l : lookups) {
      if (LookupFails(l, index, tree, &report)) {
        report.exception_line = lines.Locate(l.offset).line;
        return report;
      }
    }
  }

  std::vector<TemplateLine> content = ReadTemplate(body);
  report.generated = Generate(content.empty() ? DefaultTemplate() : content, entries);
  std::string current;
  report.missing =
      !tree.IsFile(options.table_path) || !tree.ReadFile(options.table_path, &current, &error);
  report.outdated = report.missing || current != report.generated;
  if (options.fix && report.outdated) {
    Edit edit;
    edit.path = options.table_path;
    edit.begin = 0;
    edit.end = current.size();
    edit.replacement = report.generated;
    edit.create = report.missing;
    report.edits.push_back(std::move(edit));
  }
  return report;
}

}  // namespace kensa::checks
