#include "cli/mcp_check_tools.h"

#include <memory>
#include <string>
#include <vector>

#include "cli/check_command.h"
#include "cli/check_suite.h"
#include "cli/command.h"
#include "project/disk_tree.h"
#include "server/confined_tree.h"
#include "server/schema.h"

namespace kensa::cli {
namespace {

namespace s = server::schema;
using render::Json;

// Text forms are for a model to read: past this many lines, the rest is counted.
constexpr size_t kTextLines = 200;

std::string ToolName(const std::string& check) {
  std::string name = "check_" + check;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

std::string Summary(const std::string& command) {
  for (const Command& c : Commands()) {
    if (c.name == command) return std::string(c.summary);
  }
  return command;
}

// The project as the workspace found it, read through a fresh confined tree of the disk (a
// check reads files the index does not hold: yaml, markdown, setup.py).
CheckProject ConfinedProject(const server::Workspace& ws) {
  CheckProject p;
  p.root = ws.files().root;
  p.layout = ws.files().layout;
  p.tree = std::make_unique<server::ConfinedTree>(std::make_unique<project::DiskTree>(p.root.root),
                                                  p.root.root);
  p.confined = true;
  return p;
}

Json ExceptionSchema() {
  return s::Object(
      {{"type", s::Of("string")}, {"message", s::Of("string")}, {"file", s::Of("string")}},
      {"type", "message"});
}

Json Finding() {
  return s::Object(
      {{"kind", s::Of("string")}, {"file", s::Of("string")}, {"line", s::Of("integer")}});
}

// The fields an agent relies on in each check's document (render/check_json.cc); more may
// follow. A check not named here gets the fields every document may hold.
Json ResultSchema(const std::string& name) {
  const Json strings = s::ArrayOf(s::Of("string"));
  const Json findings = s::ArrayOf(Finding());
  if (name == "copies") {
    return s::Object({{"mismatches", s::ArrayOf(s::Object({{"file", s::Of("string")},
                                                           {"line", s::Of("integer")},
                                                           {"object", s::Of("string")},
                                                           {"message", s::Of("string")}},
                                                          {"file", "line", "object"}))},
                      {"total", s::Of("integer")},
                      {"omitted", s::Of("integer")},
                      {"exception", ExceptionSchema()}},
                     {"mismatches", "total", "omitted"});
  }
  if (name == "init-isort") {
    return s::Object(
        {{"unsorted", strings}, {"written", strings}, {"exception", ExceptionSchema()}},
        {"unsorted", "written"});
  }
  if (name == "doc-toc") {
    return s::Object(
        {{"unsorted", s::Of("boolean")}, {"written", strings}, {"exception", ExceptionSchema()}},
        {"unsorted", "written"});
  }
  if (name == "auto-mappings") {
    return s::Object(
        {{"unsorted", findings}, {"written", strings}, {"exception", ExceptionSchema()}},
        {"unsorted", "written"});
  }
  if (name == "deps-table") {
    return s::Object({{"file", s::Of("string")},
                      {"outdated", s::Of("boolean")},
                      {"missing", s::Of("boolean")},
                      {"written", strings},
                      {"exception", ExceptionSchema()}},
                     {"file", "outdated", "missing", "written"});
  }
  return s::Object({{"findings", findings}, {"written", strings}, {"exception", ExceptionSchema()}},
                   {"findings"});
}

Json CheckInput(const RepositoryCheck& check) {
  Json input = s::Input({}, {});
  Json& properties = input["properties"];
  if (check.fixes) {
    properties["fix"] = s::Boolean(std::string("Rewrite the files as `kensa ") + check.name +
                                       " --fix` does (the files written are listed in the result)",
                                   false);
  }
  if (check.strict) {
    properties["strict"] =
        s::Boolean("Report what the reference script gets wrong instead of reproducing it", false);
  }
  if (std::string(check.name) == "copies") {
    // The tool's bound from before the registry: absent, the list is whole, as the CLI prints it.
    Json limit = s::Integer("At most this many mismatches; the rest are counted", 1, 1000, 100);
    limit.erase("default");
    properties["limit"] = std::move(limit);
  }
  return input;
}

CheckCommandOptions RunOptions(const Json& arguments) {
  CheckCommandOptions options;
  options.json = true;
  options.fix = arguments.value("fix", false);
  options.strict = arguments.value("strict", false);
  return options;
}

// check_copies' `limit`: the first mismatches of the document, the rest counted in `omitted`.
void Bound(const Json& arguments, Json* doc) {
  if (!arguments.contains("limit") || !doc->contains("mismatches")) return;
  Json& list = (*doc)["mismatches"];
  size_t limit = arguments["limit"].get<size_t>();
  if (list.size() <= limit) return;
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(limit), list.end());
  (*doc)["omitted"] = (*doc)["total"].get<size_t>() - limit;
}

void AddLine(std::string line, size_t* lines, std::string* text) {
  if (++*lines <= kTextLines) *text += line + "\n";
}

// One finding as `file[:line]: message` (its kind, or its first error, when it has none).
std::string FindingLine(const Json& f) {
  std::string line = f.value("file", f.value("submodule", ""));
  if (f.value("line", 0) > 0) line.append(":").append(std::to_string(f["line"].get<int>()));
  std::string what = f.value("message", "");
  if (what.empty() && f.contains("errors") && !f["errors"].empty()) what = f["errors"][0];
  if (what.empty()) what = f.value("kind", "");
  return line + ": " + what;
}

// The text form of a check's document: each finding, each true flag, what was written, the
// script's exception, and the exit status last.
std::string ResultText(const std::string& name, const Json& doc, int code) {
  std::string text;
  size_t lines = 0;
  const std::string file = doc.value("file", "");
  for (const auto& [key, value] : doc.items()) {
    if (value.is_boolean() && value.get<bool>()) {
      AddLine((file.empty() ? "" : file + ": ") + key, &lines, &text);
    }
    if (!value.is_array()) continue;
    for (const Json& item : value) {
      if (item.is_object()) AddLine(FindingLine(item), &lines, &text);
      if (item.is_string()) AddLine(item.get<std::string>() + ": " + key, &lines, &text);
    }
  }
  if (lines > kTextLines) text += std::to_string(lines - kTextLines) + " more lines not shown\n";
  if (doc.contains("exception")) {
    text += "the reference script stops with " + doc["exception"].value("type", "") + ": " +
            doc["exception"].value("message", "") + "\n";
  }
  return text + "kensa " + name + ": exit " + std::to_string(code) +
         (code == kExitOk ? " (passed)\n" : " (failed)\n");
}

server::ToolResult CallCheck(const RepositoryCheck& check, server::Workspace* ws,
                             const Json& arguments) {
  auto lock = ws->Fresh();
  CheckProject project = ConfinedProject(*ws);
  std::string missing = MissingPackage(check.name, project, check.needs_package);
  if (!missing.empty()) return server::ToolResult::Error(missing);
  CheckOutput out;
  int code = check.run(project, RunOptions(arguments), &out);
  if (out.json() == nullptr) return server::ToolResult::Error(out.ErrText());
  server::ToolResult r;
  r.structured = *out.json();
  Bound(arguments, &r.structured);
  r.text = ResultText(check.name, r.structured, code);
  return r;
}

server::Tool CheckTool(const RepositoryCheck& check, server::Workspace* ws) {
  std::string description = Summary(check.name) + ". The result is `kensa " + check.name +
                            " --json` on the work tree; the text lists the findings as " +
                            "file:line and the exit status (0 passed, 1 failed).";
  if (check.fixes) description += " With fix, the files are rewritten as `--fix` rewrites them.";
  const RepositoryCheck* c = &check;
  return server::Tool{
      ToolName(check.name),
      Summary(check.name),
      description,
      CheckInput(check),
      ResultSchema(check.name),
      !check.fixes,
      [c, ws](const Json& a, const server::CallContext&) { return CallCheck(*c, ws, a); }};
}

std::vector<std::string> CheckNames() {
  std::vector<std::string> names;
  for (const RepositoryCheck& c : RepositoryChecks()) names.push_back(c.name);
  return names;
}

server::ToolResult CallSuite(server::Workspace* ws, const Json& arguments) {
  std::string unknown;
  std::vector<std::string> only = arguments.value("only", std::vector<std::string>{});
  std::vector<const RepositoryCheck*> checks = SelectChecks(only, {}, &unknown);
  if (!unknown.empty()) return server::ToolResult::Error("'" + unknown + "' is not a check");
  auto lock = ws->Fresh();
  CheckProject project = ConfinedProject(*ws);
  std::string missing = MissingPackage("repo-consistency", project, AnyNeedsPackage(checks));
  if (!missing.empty()) return server::ToolResult::Error(missing);
  std::vector<CheckRunResult> results = RunCheckSet(project, checks, RunOptions(arguments), false);
  server::ToolResult r;
  r.structured = CheckSetJson(checks, results);
  size_t failed = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const CheckOutput& out = results[i].output;
    std::string why = out.json() == nullptr ? ": " + out.ErrText() : "\n";
    r.text += std::string(checks[i]->name) + ": exit " + std::to_string(results[i].code) + why;
    failed += results[i].code != kExitOk;
  }
  r.text += std::to_string(failed) + " of " + std::to_string(results.size()) + " checks failed\n";
  return r;
}

server::Tool SuiteTool(server::Workspace* ws) {
  Json input = s::Input(
      {{"only", s::NameList("Run only these checks (default: those `kensa repo-consistency` runs)",
                            CheckNames())},
       {"fix", s::Boolean("Run each check's fix mode, one check after another", false)},
       {"strict", s::Boolean("Pass strict to every check", false)}},
      {});
  Json output = s::Object({{"checks", s::ArrayOf(s::Object({{"name", s::Of("string")},
                                                            {"script", s::Of("string")},
                                                            {"exit", s::Of("integer")},
                                                            {"result", Json::object()}},
                                                           {"name", "script", "exit", "result"}))},
                           {"failed", s::ArrayOf(s::Of("string"))}},
                          {"checks", "failed"});
  return server::Tool{"check_repo_consistency",
                      "Run every repository check",
                      "`kensa repo-consistency --json` on the work tree: every check of diffusers' "
                      "consistency CI job and make quality in one call (`only` names others, such "
                      "as inits), each check's result its own document; with fix, every fix mode "
                      "in turn.",
                      input,
                      output,
                      false,
                      [ws](const Json& a, const server::CallContext&) { return CallSuite(ws, a); }};
}

}  // namespace

void AddCheckTools(server::ToolTable* tools, server::Workspace* workspace) {
  for (const RepositoryCheck& check : RepositoryChecks()) {
    tools->Add(CheckTool(check, workspace));
  }
  tools->Add(SuiteTool(workspace));
}

}  // namespace kensa::cli
