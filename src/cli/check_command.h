// What every repository-check command (copies, dummies, init-isort, doc-toc, ...) does around
// its check: find the project and its layout, apply the check's edits through the one atomic
// writer, and print the script's exception the way the reference would leave it. One place, so
// the commands differ only in their check and their output.
//
// A check prints into a CheckOutput rather than to stdout and stderr, so that
// `kensa repo-consistency` can run every check at once over one project and still print each
// one's output whole and in a fixed order; a standalone command flushes it when the check ends.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/edit.h"
#include "cli/command.h"
#include "project/disk_tree.h"
#include "project/layout.h"
#include "project/project_root.h"
#include "render/json.h"

namespace CLI {
class App;
}

namespace kensa::cli {

// The options every check command takes.
struct CheckCommandOptions {
  bool fix = false;
  bool strict = false;
  bool json = false;
  std::string format = "text";  // text or github
  std::string directory = ".";
  std::string preset;
  std::string formatter;            // copies: the snippet formatter command (empty: ruff format)
  bool no_formatter_cache = false;  // copies: format every snippet anew (see cached_formatter.h)
};

// What one check printed, in order, stream by stream.
class CheckOutput {
 public:
  void Out(std::string text) { pieces_.push_back({false, std::move(text)}); }
  void Err(std::string text) { pieces_.push_back({true, std::move(text)}); }
  // The --json document: printed as one line on stdout, kept whole for repo-consistency.
  void Json(render::Json json);
  const render::Json* json() const { return has_json_ ? &json_ : nullptr; }
  // Writes every piece to its stream, in order.
  void Flush() const;
  // Both streams as one text, in order: what a runner capturing stderr into stdout sees.
  std::string Text() const;
  // What went to stderr, in order (the MCP tools' error text when there is no document).
  std::string ErrText() const;

 private:
  struct Piece {
    bool err;
    std::string text;
  };
  std::vector<Piece> pieces_;
  render::Json json_;
  bool has_json_ = false;
};

// Declares them on `sub`: --fix and --strict with the command's own help (not declared when the
// help is null: a check without a fix mode), --json, --format, -C, and --preset when the check
// reads the project's layout.
void AddCheckOptions(CLI::App& sub, CheckCommandOptions* options, const char* fix_help,
                     const char* strict_help, const char* json_help, bool with_preset);

// Declares --formatter: the command the copies check formats its snippets with, for every
// command that runs the copies check (copies, repo-consistency, fix-copies, fixup).
void AddFormatterOption(CLI::App& sub, CheckCommandOptions* options);

struct CheckProject {
  project::ProjectRoot root;
  std::unique_ptr<project::SourceTree> tree;
  project::Layout layout;
  // Set by the MCP server, whose clients are not the user: `tree` then reads nothing outside
  // the root (server::ConfinedTree), a fix writes nothing whose real path leaves it, and
  // PathExists answers false for what lies outside.
  bool confined = false;
};

// The project around `directory`, with its layout (detected, or `preset`). When `need_package`,
// a project without a Python package is an error. On failure prints "kensa COMMAND: reason" and
// returns nullopt (the command exits kExitUsage).
std::optional<CheckProject> OpenCheckProject(const std::string& command,
                                             const std::string& directory,
                                             const std::string& preset, bool need_package);

// "no Python package found under ROOT ..." when `need_package` and the project has none, else "".
std::string MissingPackage(const std::string& command, const CheckProject& project,
                           bool need_package);

// Whether `path` (relative to the root, or absolute) exists, links followed, as the scripts'
// os.path.exists asks; `regular_or_directory` also wants a file or folder (isfile or isdir).
// Confined: false for a real path outside the root, which the server must not reveal.
bool PathExists(const CheckProject& project, const std::string& path, bool regular_or_directory);

// Writes `edits` (paths relative to the project root) byte for byte; appends what was written
// to *written. Confined, an edit whose real path (or its folder's, for a new file) leaves the
// root is refused before anything is written. On failure prints "kensa COMMAND: could not write the
// fix: ..." to `out` and returns false.
bool ApplyCheckEdits(const std::string& command, const CheckProject& project,
                     const std::vector<Edit>& edits, std::vector<std::string>* written,
                     CheckOutput* out);

// "--format must be text or github": false (after printing) for anything else.
bool ValidCheckFormat(const std::string& command, const std::string& format);

// One --format github workflow annotation, "::error file=PATH[,line=N]::MESSAGE\n" (no line
// when `line` is 0), escaped as GitHub's workflow commands require: %, CR and LF in both parts,
// and also ':' and ',' in the file property. The one place every check builds an annotation.
std::string GithubAnnotation(std::string_view path, int line, std::string_view message);

// The end of a reference script that raised: its own message for a failed check (`check_type`,
// ValueError for most), else "kensa COMMAND: [PATH: ]SCRIPT would stop here with TYPE: MESSAGE".
void PrintScriptException(const std::string& command, const std::string& script,
                          const std::string& path, const std::string& type,
                          const std::string& message, CheckOutput* out,
                          const std::string& check_type = "ValueError");

// One repository check as repo-consistency, its own command and its MCP tool run it: `run`
// checks (or with options.fix, fixes) an open project, prints into `out` and returns the exit
// code; with options.json what it prints is the one JSON document (CheckOutput::Json).
using CheckRun = int (*)(const CheckProject& project, const CheckCommandOptions& options,
                         CheckOutput* out);
struct RepositoryCheck {
  const char* name;    // the command: "dummies"
  const char* script;  // what it replaces: "utils/check_dummies.py"
  bool needs_package;  // the check reads the project's package (OpenCheckProject's need_package)
  bool fixes;          // has a --fix mode
  bool strict;         // has a --strict mode
  CheckRun run;
  // Run by repo-consistency unless --only names it. Off for a check the project's own CI does
  // not pass (diffusers' check_inits.py looks at src/transformers; pointed at src/diffusers,
  // its line-based parser rejects 125 of diffusers' inits).
  bool by_default = true;
};

// Every check, in the order repo-consistency prints them.
const std::vector<RepositoryCheck>& RepositoryChecks();
const RepositoryCheck* FindRepositoryCheck(const std::string& name);

// A check command's whole run: validates --format, opens the project, runs, flushes.
int RunCheckCommand(const std::string& name, const CheckCommandOptions& options);

// What a standalone check command's --help says: its options' help (a null fix or strict: the
// check has no such mode), whether it reads the project's layout (--preset), and its footer.
struct CheckCommandHelp {
  const char* fix = nullptr;
  const char* strict = nullptr;
  const char* json = "Print the findings as JSON";
  bool with_preset = false;
  const char* footer = "";
};

// Declares the command `name` of RepositoryChecks() on `sub` and returns its run: the one
// setup every check command shares, so they differ only in their help.
CommandRunner SetupCheckCommand(CLI::App& sub, const char* name, const CheckCommandHelp& help);

// The checks' run functions, one per *_command.cc.
int RunCopiesCheck(const CheckProject& project, const CheckCommandOptions& options,
                   CheckOutput* out);
int RunDummiesCheck(const CheckProject& project, const CheckCommandOptions& options,
                    CheckOutput* out);
int RunSupportListCheck(const CheckProject& project, const CheckCommandOptions& options,
                        CheckOutput* out);
int RunForwardDocstringsCheck(const CheckProject& project, const CheckCommandOptions& options,
                              CheckOutput* out);
int RunDepsTableCheck(const CheckProject& project, const CheckCommandOptions& options,
                      CheckOutput* out);
int RunDocTocCheck(const CheckProject& project, const CheckCommandOptions& options,
                   CheckOutput* out);
int RunInitIsortCheck(const CheckProject& project, const CheckCommandOptions& options,
                      CheckOutput* out);
int RunInitsCheck(const CheckProject& project, const CheckCommandOptions& options,
                  CheckOutput* out);
int RunAiDocsCheck(const CheckProject& project, const CheckCommandOptions& options,
                   CheckOutput* out);
int RunDoctestListCheck(const CheckProject& project, const CheckCommandOptions& options,
                        CheckOutput* out);
int RunAutoMappingsCheck(const CheckProject& project, const CheckCommandOptions& options,
                         CheckOutput* out);
int RunConfigDocstringsCheck(const CheckProject& project, const CheckCommandOptions& options,
                             CheckOutput* out);
int RunPipelineTypingCheck(const CheckProject& project, const CheckCommandOptions& options,
                           CheckOutput* out);

}  // namespace kensa::cli
