#include "checks/pipeline_typing.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "checks/module_statements.h"
#include "checks/py_text.h"
#include "python/parser_file.h"

namespace kensa::checks {
namespace {

namespace ast = python::ast;

constexpr std::string_view kOpen = "# <generated-code>";
constexpr std::string_view kClose = "# </generated-code>";
constexpr std::string_view kDef = "def pipeline";
constexpr std::string_view kReturns = " -> Pipeline:";
constexpr std::string_view kTaskPattern = "task: str | None = None";
constexpr char kNoMatch[] = "'NoneType' object has no attribute 'group'";

// The script's banner line: 16 spaces, then 48 police-car lights (U+1F6A8).
std::string Sirens() {
  std::string line = "#                ";
  for (int i = 0; i < 48; ++i) line += "\xF0\x9F\x9A\xA8";
  return line + "\n";
}

std::string Header() {
  return "\n# fmt: off\n" + Sirens() +
         "#                       The part of the file below was automatically generated from "
         "the code.\n"
         "#           Do NOT edit this part of the file manually as any edits will be "
         "overwritten by the generation\n"
         "#           of the file. If any change should be done, please apply the changes to "
         "the `pipeline` function\n"
         "#            below and run `python utils/check_pipeline_typing.py --fix_and_overwrite` "
         "to update the file.\n" +
         Sirens() + "\nfrom typing import Literal, overload\n\n\n";
}

std::string Footer() {
  return "\n" + Sirens() +
         "#                       The part of the file above was automatically generated from "
         "the code.\n" +
         Sirens() + "# fmt: on\n";
}

// s.replace(old, new) for any `old` ("" leaves s as it is when `new` is "" too, the only use).
std::string ReplaceAll(std::string_view s, std::string_view old, std::string_view replacement) {
  if (old.empty()) return std::string(s);
  return PyReplace(s, old, replacement);
}

// re.search(OPEN + "(.*)" + CLOSE, text, re.DOTALL).group(1): greedy, so from the first
// opening to the last closing after it.
std::optional<std::string> Between(const std::string& text, std::string_view open,
                                   std::string_view close, size_t* at = nullptr) {
  size_t begin = text.find(open);
  if (begin == std::string::npos) return std::nullopt;
  size_t end = text.rfind(close);
  if (end == std::string::npos || end < begin + open.size()) return std::nullopt;
  if (at) *at = begin;
  return text.substr(begin + open.size(), end - begin - open.size());
}

int LineOf(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

bool IsTasksName(const ast::Expr* e) {
  const auto* n = ast::DynCast<ast::Name>(e);
  return n != nullptr && n->id == "SUPPORTED_TASKS";
}

// SUPPORTED_TASKS[...] as a target, or a method called on SUPPORTED_TASKS.
bool ChangesTasks(const ast::Stmt* s) {
  auto subscript_of_tasks = [](const ast::Expr* t) {
    const auto* sub = ast::DynCast<ast::Subscript>(t);
    return sub != nullptr && IsTasksName(sub->value);
  };
  if (const auto* a = ast::DynCast<ast::Assign>(s)) {
    for (const ast::Expr* t : a->targets)
      if (subscript_of_tasks(t)) return true;
  } else if (const auto* a = ast::DynCast<ast::AugAssign>(s)) {
    return subscript_of_tasks(a->target) || IsTasksName(a->target);
  } else if (const auto* d = ast::DynCast<ast::Delete>(s)) {
    for (const ast::Expr* t : d->targets)
      if (subscript_of_tasks(t) || IsTasksName(t)) return true;
  } else if (const auto* e = ast::DynCast<ast::ExprStmt>(s)) {
    const auto* call = ast::DynCast<ast::Call>(e->value);
    const auto* attr = call ? ast::DynCast<ast::Attribute>(call->func) : nullptr;
    return attr != nullptr && IsTasksName(attr->value);
  }
  return false;
}

struct Task {
  std::string quoted;  // f'"{task}"'
  std::string type;    // the impl's __name__, or the str itself
};

// What the import of the module gives for SUPPORTED_TASKS' (task, impl) pairs, in dict order;
// a KeyError for a task without "impl" goes to *exception; what kensa cannot follow statically
// to *tool_error.
std::optional<std::vector<Task>> ReadTasks(const ast::Module& module, const python::Source& source,
                                           std::string* exception_type, std::string* exception,
                                           std::string* tool_error) {
  std::vector<const ast::Stmt*> stmts;
  ModuleLevelStatements(module.body, &stmts);
  std::map<std::string, std::string, std::less<>> original_name;  // alias -> imported name
  const ast::Dict* tasks = nullptr;
  for (const ast::Stmt* s : stmts) {
    if (const auto* imp = ast::DynCast<ast::ImportFrom>(s)) {
      for (const ast::Alias* a : imp->names) {
        if (a->asname.data() != nullptr) original_name[std::string(a->asname)] = a->name;
      }
    } else if (const auto* a = ast::DynCast<ast::Assign>(s)) {
      for (const ast::Expr* t : a->targets) {
        if (!IsTasksName(t)) continue;
        tasks = ast::DynCast<ast::Dict>(a->value);
        if (tasks == nullptr) {
          *tool_error = "SUPPORTED_TASKS (line " + std::to_string(source.Locate(a->begin).line) +
                        ") is not a dict literal; kensa reads it statically";
          return std::nullopt;
        }
      }
    }
    if (ChangesTasks(s)) {
      *tool_error = "SUPPORTED_TASKS is changed at line " +
                    std::to_string(source.Locate(s->begin).line) + "; kensa reads only its literal";
      return std::nullopt;
    }
  }
  if (tasks == nullptr) {
    *tool_error = "no module-level SUPPORTED_TASKS = {...} in the pipelines module";
    return std::nullopt;
  }
  // Dict order: a repeated key keeps its first place and its last value.
  std::vector<std::string> order;
  std::map<std::string, const ast::Expr*> value_of;
  for (size_t i = 0; i < tasks->keys.size(); ++i) {
    const auto* key = ast::DynCast<ast::Constant>(tasks->keys[i]);
    if (key == nullptr || key->value.kind != ast::ConstantValue::Kind::kStr) {
      *tool_error = "a SUPPORTED_TASKS key that is not a string (line " +
                    std::to_string(source.Locate(tasks->values[i]->begin).line) + ")";
      return std::nullopt;
    }
    std::string name(key->value.text());
    if (!value_of.count(name)) order.push_back(name);
    value_of[name] = tasks->values[i];
  }
  std::vector<Task> out;
  for (const std::string& name : order) {
    const ast::Expr* value = value_of[name];
    const auto* info = ast::DynCast<ast::Dict>(value);
    if (info == nullptr) {
      *tool_error = "SUPPORTED_TASKS[\"" + name + "\"] (line " +
                    std::to_string(source.Locate(value->begin).line) + ") is not a dict literal";
      return std::nullopt;
    }
    const ast::Expr* impl = nullptr;
    for (size_t i = 0; i < info->keys.size(); ++i) {
      const auto* key = ast::DynCast<ast::Constant>(info->keys[i]);
      if (key && key->value.kind == ast::ConstantValue::Kind::kStr && key->value.text() == "impl")
        impl = info->values[i];
    }
    if (impl == nullptr) {
      *exception_type = "KeyError";
      *exception = "'impl'";
      return std::nullopt;
    }
    Task task{"\"" + name + "\"", ""};
    if (const auto* n = ast::DynCast<ast::Name>(impl)) {
      auto it = original_name.find(n->id);
      task.type = it == original_name.end() ? std::string(n->id) : it->second;
    } else if (const auto* attr = ast::DynCast<ast::Attribute>(impl)) {
      task.type = std::string(attr->attr);
    } else if (const auto* c = ast::DynCast<ast::Constant>(impl);
               c && c->value.kind == ast::ConstantValue::Kind::kStr) {
      task.type = std::string(c->value.text());
    } else {
      *tool_error = "SUPPORTED_TASKS[\"" + name + "\"][\"impl\"] (line " +
                    std::to_string(source.Locate(impl->begin).line) +
                    ") is neither a class name nor a string";
      return std::nullopt;
    }
    out.push_back(std::move(task));
  }
  return out;
}

}  // namespace

PipelineTypingReport CheckPipelineTyping(const project::SourceTree& tree, bool fix) {
  PipelineTypingReport report;
  const std::string path = kPipelineTypingFile;
  std::string bytes, error;
  if (!tree.IsFile(path) || !tree.ReadFile(path, &bytes, &error)) {
    // The import of transformers.pipelines fails before the script reads anything.
    report.tool_error = path + ": no such file (the script imports transformers.pipelines)";
    return report;
  }
  python::ParsedFile parsed = python::ParseBytes(bytes);
  if (parsed.source == nullptr || parsed.result.module == nullptr) {
    report.tool_error = path + ": not valid Python (the script's import would fail)";
    return report;
  }
  std::string decode_error;
  if (!ValidatePyUtf8(bytes, &decode_error, PyTextRead::kWhole)) {
    report.exception_type = "UnicodeDecodeError";
    report.exception = decode_error;
    return report;
  }
  // SUPPORTED_TASKS is what the import gives; a tool error stops before the script's own steps.
  std::string tasks_type, tasks_message;
  std::optional<std::vector<Task>> tasks = ReadTasks(
      *parsed.result.module, *parsed.source, &tasks_type, &tasks_message, &report.tool_error);
  if (!report.tool_error.empty()) return report;

  const std::string content = PyUniversalNewlines(bytes);
  size_t open_at = 0;
  std::optional<std::string> current = Between(content, kOpen, kClose, &open_at);
  if (!current) {
    report.exception_type = "AttributeError";
    report.exception = kNoMatch;
    return report;
  }
  report.line = LineOf(content, open_at);
  std::optional<std::string> signature = Between(ReplaceAll(content, *current, ""), kDef, kReturns);
  if (!signature) {
    report.exception_type = "AttributeError";
    report.exception = kNoMatch;
    return report;
  }
  std::string sig = ReplaceAll(*signature, "(\n    ", "(");
  sig = ReplaceAll(sig, ",\n    ", ", ");
  sig = ReplaceAll(sig, ",\n)", ")");
  if (!tasks) {  // the list comprehension's KeyError comes after both searches
    report.exception_type = tasks_type;
    report.exception = tasks_message;
    return report;
  }
  std::stable_sort(tasks->begin(), tasks->end(),
                   [](const Task& a, const Task& b) { return a.quoted < b.quoted; });
  tasks->insert(tasks->begin(), Task{"None", "Pipeline"});
  if (sig.find(kTaskPattern) == std::string::npos) {
    report.exception_type = "ValueError";
    report.exception =
        "Can't find `" + std::string(kTaskPattern) + "` in pipeline signature: " + sig;
    return report;
  }
  std::string generated;
  for (const Task& t : *tasks) {
    generated += "@overload\ndef pipeline" +
                 ReplaceAll(sig, kTaskPattern, "task: Literal[" + t.quoted + "]") + " -> " +
                 t.type + ": ...\n";
  }
  generated = Header() + generated + Footer();
  while (!generated.empty() && generated.back() == '\n') generated.pop_back();
  generated += "\n";
  if (generated == *current) return report;
  report.stale = true;
  if (fix) {
    std::string wrapped_current = std::string(kOpen) + *current + std::string(kClose);
    std::string wrapped_new = std::string(kOpen) + generated + std::string(kClose);
    report.edits.push_back(
        Edit{path, 0, bytes.size(), ReplaceAll(content, wrapped_current, wrapped_new)});
    return report;
  }
  report.exception_type = "ValueError";
  report.exception = "Found inconsistencies in " + path +
                     ". Run `python utils/check_pipeline_typing.py --fix_and_overwrite` to fix "
                     "them.";
  return report;
}

}  // namespace kensa::checks
