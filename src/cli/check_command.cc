#include "cli/check_command.h"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "base/atomic_file.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "server/confined_tree.h"

namespace kensa::cli {
namespace {

void PrintError(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "kensa %s: %s\n", command.c_str(), message.c_str());
}

}  // namespace

void CheckOutput::Json(render::Json json) {
  Out(JsonLine(json));
  json_ = std::move(json);
  has_json_ = true;
}

void CheckOutput::Flush() const {
  for (const Piece& p : pieces_) {
    std::FILE* stream = p.err ? stderr : stdout;
    if (p.err) std::fflush(stdout);  // as the script's prints reach a shared terminal
    std::fwrite(p.text.data(), 1, p.text.size(), stream);
  }
  std::fflush(stdout);
}

std::string CheckOutput::Text() const {
  std::string text;
  for (const Piece& p : pieces_) text += p.text;
  return text;
}

std::string CheckOutput::ErrText() const {
  std::string text;
  for (const Piece& p : pieces_) {
    if (p.err) text += p.text;
  }
  return text;
}

std::optional<CheckProject> OpenCheckProject(const std::string& command,
                                             const std::string& directory,
                                             const std::string& preset, bool need_package) {
  std::string error;
  std::optional<project::ProjectRoot> root = project::FindProjectRoot(directory, &error);
  if (!root) {
    PrintError(command, error);
    return std::nullopt;
  }
  CheckProject p;
  p.root = std::move(*root);
  p.tree = std::make_unique<project::DiskTree>(p.root.root);
  std::vector<project::Diagnostic> diagnostics;
  if (!project::DetectLayout(*p.tree, {preset}, &p.layout, &diagnostics, &error)) {
    PrintError(command, error);
    return std::nullopt;
  }
  std::string missing = MissingPackage(command, p, need_package);
  if (!missing.empty()) {
    PrintError(command, missing);
    return std::nullopt;
  }
  return p;
}

std::string MissingPackage(const std::string& command, const CheckProject& project,
                           bool need_package) {
  if (!need_package || (!project.layout.package.empty() && !project.layout.package_dir.empty())) {
    return "";
  }
  return "no Python package found under " + project.root.root + " (the " + command +
         " check needs one, e.g. src/diffusers); see --preset";
}

bool PathExists(const CheckProject& project, const std::string& path, bool regular_or_directory) {
  if (path.find('\0') != std::string::npos) return false;  // no path holds a NUL byte
  const std::string& root = project.root.root;
  std::string full = !path.empty() && path[0] == '/' ? path : root + "/" + path;
  if (project.confined && !server::ResolvesInside(root, full)) return false;
  struct stat st;
  if (::stat(full.c_str(), &st) != 0) return false;
  return !regular_or_directory || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode);
}

namespace {

// Whether writing `absolute` stays inside the root: the real path of what is there (a link
// is judged by its target, a dangling one refused), or of the folder a new file goes into.
bool WritesInside(const std::string& root, const std::string& absolute) {
  if (server::ResolvesInside(root, absolute)) return true;
  struct stat st;
  if (::lstat(absolute.c_str(), &st) == 0) return false;
  size_t slash = absolute.rfind('/');
  return slash != std::string::npos && server::ResolvesInside(root, absolute.substr(0, slash));
}

}  // namespace

bool ApplyCheckEdits(const std::string& command, const CheckProject& project,
                     const std::vector<Edit>& edits, std::vector<std::string>* written,
                     CheckOutput* out) {
  if (edits.empty()) return true;
  std::vector<Edit> absolute = edits;
  for (Edit& e : absolute) {
    e.path = project.root.root + "/" + e.path;
    if (project.confined && !WritesInside(project.root.root, e.path)) {
      out->Err("kensa " + command + ": could not write the fix: " + e.path +
               " resolves outside the project root\n");
      return false;
    }
  }
  // The reference scripts write their text byte for byte; so must the fix, to stay identical.
  ApplyResult applied =
      ApplyEdits(absolute, {LineEndings::kVerbatim, nullptr, DefaultPendingWritesDirectory()});
  if (!applied.ok()) {
    out->Err("kensa " + command + ": could not write the fix: " + applied.error + "\n");
    return false;
  }
  if (written != nullptr) {
    for (const Edit& e : edits) written->push_back(e.path);
  }
  return true;
}

void AddCheckOptions(CLI::App& sub, CheckCommandOptions* options, const char* fix_help,
                     const char* strict_help, const char* json_help, bool with_preset) {
  if (fix_help != nullptr) sub.add_flag("--fix", options->fix, fix_help);
  if (strict_help != nullptr) sub.add_flag("--strict", options->strict, strict_help);
  sub.add_flag("--json", options->json, json_help);
  sub.add_option("--format", options->format, "text (default) or github (workflow annotations)")
      ->option_text("FORMAT");
  sub.add_option("-C", options->directory, "Run in DIR (any directory inside the project)")
      ->option_text("DIR");
  if (with_preset) {
    sub.add_option("--preset", options->preset,
                   "transformers, diffusers or generic (default: detect)");
  }
}

void AddFormatterOption(CLI::App& sub, CheckCommandOptions* options) {
  sub.add_option("--formatter", options->formatter,
                 "The command the copies check formats its snippets with; the snippet files are "
                 "appended to it (default: ruff format --config pyproject.toml)")
      ->option_text("CMD");
  sub.add_flag("--no-formatter-cache", options->no_formatter_cache,
               "Format every snippet anew instead of reusing what the same formatter, config and "
               "snippet gave before (also KENSA_NO_FORMATTER_CACHE=1)");
}

bool ValidCheckFormat(const std::string& command, const std::string& format) {
  if (format == "text" || format == "github") return true;
  PrintError(command, "--format must be text or github, not '" + format + "'");
  return false;
}

namespace {
std::string EscapeWorkflowCommand(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}
}  // namespace

std::string GithubAnnotation(std::string_view path, int line, std::string_view message) {
  std::string text = "::error file=" + EscapeWorkflowCommand(path, true);
  if (line > 0) text += ",line=" + std::to_string(line);
  return text + "::" + EscapeWorkflowCommand(message, false) + "\n";
}

void PrintScriptException(const std::string& command, const std::string& script,
                          const std::string& path, const std::string& type,
                          const std::string& message, CheckOutput* out,
                          const std::string& check_type) {
  if (type.empty()) return;
  if (type == check_type) {
    out->Err(message + "\n");
    return;
  }
  out->Err("kensa " + command + ": " + (path.empty() ? "" : path + ": ") + script +
           " would stop here with " + type + ": " + message + "\n");
}

const std::vector<RepositoryCheck>& RepositoryChecks() {
  // diffusers' PR CI consistency job first (its order), then the rest of `make repo-consistency`
  // and the consistency part of `make quality`.
  static const std::vector<RepositoryCheck> kChecks = {
      {"copies", "utils/check_copies.py", true, true, false, RunCopiesCheck},
      {"dummies", "utils/check_dummies.py", true, true, true, RunDummiesCheck},
      {"support-list", "utils/check_support_list.py", false, false, false, RunSupportListCheck},
      {"forward-docstrings", "utils/check_forward_call_docstrings.py", false, true, true,
       RunForwardDocstringsCheck},
      {"deps-table", "make deps_table_check_updated", true, true, false, RunDepsTableCheck},
      {"doc-toc", "utils/check_doc_toc.py", false, true, true, RunDocTocCheck},
      {"init-isort", "utils/custom_init_isort.py --check_only", true, true, true,
       RunInitIsortCheck},
      {"ai-docs", "utils/check_ai.py", false, false, false, RunAiDocsCheck},
      {"inits", "utils/check_inits.py", true, false, false, RunInitsCheck, false},
      // transformers' checks (diffusers has neither file): by request only.
      {"doctest-list", "utils/check_doctest_list.py", false, true, false, RunDoctestListCheck,
       false},
      {"auto-mappings", "utils/sort_auto_mappings.py --check_only", true, true, false,
       RunAutoMappingsCheck, false},
      {"config-docstrings", "utils/check_config_docstrings.py", false, false, false,
       RunConfigDocstringsCheck, false},
      {"pipeline-typing", "utils/check_pipeline_typing.py", false, true, false,
       RunPipelineTypingCheck, false},
  };
  return kChecks;
}

const RepositoryCheck* FindRepositoryCheck(const std::string& name) {
  for (const RepositoryCheck& c : RepositoryChecks()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

int RunCheckCommand(const std::string& name, const CheckCommandOptions& options) {
  const RepositoryCheck* check = FindRepositoryCheck(name);
  if (check == nullptr) return kExitInternal;
  if (!ValidCheckFormat(name, options.format)) return kExitUsage;
  std::optional<CheckProject> project =
      OpenCheckProject(name, options.directory, options.preset, check->needs_package);
  if (!project) return kExitUsage;
  CheckOutput out;
  int code = check->run(*project, options, &out);
  out.Flush();
  return code;
}

CommandRunner SetupCheckCommand(CLI::App& sub, const char* name, const CheckCommandHelp& help) {
  auto options = std::make_shared<CheckCommandOptions>();
  AddCheckOptions(sub, options.get(), help.fix, help.strict, help.json, help.with_preset);
  sub.footer(help.footer);
  std::string command = name;
  return [options, command] { return RunCheckCommand(command, *options); };
}

}  // namespace kensa::cli
