// The table of kensa's subcommands. Each command lives in its own <name>_command.cc, which
// declares its options on a CLI11 subcommand and returns the function that runs it; main.cc
// only walks this table. Commands turn results into output and exit codes; analysis lives
// in the layers below.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace kensa::cli {

// Exit codes shared by every command (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,  // the command worked and found problems (syntax errors, failed checks)
  kExitUsage = 2,     // bad arguments, unreadable input, not a repository, ...
  kExitInternal = 3,  // a bug in kensa
};

using CommandRunner = std::function<int()>;

// The headings of `kensa help`, in the order it prints them.
enum class CommandGroup { kPullRequest, kInvestigation, kImportGraph, kParser, kOther };

// One subcommand. Global options (-C, --preset, --verbose before the command name) are
// handled once in main.cc for every entry: a command only declares its own options.
struct Command {
  std::string_view name;
  std::string_view summary;
  // Declares the subcommand's options on `sub` and returns what runs it once parsed.
  CommandRunner (*setup)(CLI::App& sub);
  CommandGroup group = CommandGroup::kOther;
};

const std::vector<Command>& Commands();

}  // namespace kensa::cli
