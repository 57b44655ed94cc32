// What every repository-check command (copies, dummies, init-isort, doc-toc) does around its
// check: find the project and its layout, apply the check's edits through the one atomic
// writer, and print the script's exception the way the reference would leave it. One place, so
// the commands differ only in their check and their output.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/edit.h"
#include "project/disk_tree.h"
#include "project/layout.h"
#include "project/project_root.h"

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
};

// Declares them on `sub`: --fix and --strict with the command's own help (not declared when the
// help is null: a check without a fix mode), --json, --format, -C, and --preset when the check
// reads the project's layout.
void AddCheckOptions(CLI::App& sub, CheckCommandOptions* options, const char* fix_help,
                     const char* strict_help, const char* json_help, bool with_preset);

struct CheckProject {
  project::ProjectRoot root;
  std::unique_ptr<project::DiskTree> tree;
  project::Layout layout;
};

// The project around `directory`, with its layout (detected, or `preset`). When `need_package`,
// a project without a Python package is an error. On failure prints "kensa COMMAND: reason" and
// returns nullopt (the command exits kExitUsage).
std::optional<CheckProject> OpenCheckProject(const std::string& command,
                                             const std::string& directory,
                                             const std::string& preset, bool need_package);

// Writes `edits` (paths relative to the project root) byte for byte; appends what was written
// to *written. On failure prints "kensa COMMAND: could not write the fix: ..." and returns false.
bool ApplyCheckEdits(const std::string& command, const CheckProject& project,
                     const std::vector<Edit>& edits, std::vector<std::string>* written);

// "--format must be text or github": false (after printing) for anything else.
bool ValidCheckFormat(const std::string& command, const std::string& format);

// The end of a reference script that raised: its own message for a failed check (`check_type`,
// ValueError for most), else "kensa COMMAND: [PATH: ]SCRIPT would stop here with TYPE: MESSAGE".
void PrintScriptException(const std::string& command, const std::string& script,
                          const std::string& path, const std::string& type,
                          const std::string& message, const std::string& check_type = "ValueError");

}  // namespace kensa::cli
