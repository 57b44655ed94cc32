// kensa: fast static checks and investigation for large Python repositories.
//
// The command line is `kensa [GLOBAL OPTIONS] COMMAND [ARGS...]`, as git's. This file is the
// one parser of the global options: it reads them up to the command name, changes directory
// for each -C, then builds only the chosen command from the table (commands.cc) and hands
// over a global --preset or --verbose to the command's own option of that name. So every
// command gets the global options without any code of its own.
#include <errno.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "base/atomic_file.h"
#include "cli/closest_name.h"
#include "cli/command.h"
#include "cli/command_overview.h"

namespace kensa::cli {
namespace {

struct GlobalOptions {
  std::vector<std::string> directories;  // -C, in the order given
  std::string preset;
  bool verbose = false;
  bool help = false;
};

const Command* FindCommand(const std::string& name) {
  for (const Command& c : Commands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

int UnknownCommand(const std::string& name) {
  std::vector<std::string_view> names;
  for (const Command& c : Commands()) names.push_back(c.name);
  names.push_back("help");
  std::string closest = ClosestName(name, names);
  std::string hint = closest.empty() ? "" : "; did you mean '" + closest + "'?";
  std::fprintf(stderr, "kensa: '%s' is not a kensa command%s (see `kensa help`)\n", name.c_str(),
               hint.c_str());
  return kExitUsage;
}

// As git: each -C relative to the previous one; an empty one changes nothing.
bool ChangeDirectories(const std::vector<std::string>& directories) {
  for (const std::string& dir : directories) {
    if (dir.empty()) continue;
    if (::chdir(dir.c_str()) != 0) {
      std::fprintf(stderr, "kensa: error: cannot change to '%s': %s\n", dir.c_str(),
                   std::strerror(errno));
      return false;
    }
  }
  return true;
}

// Gives a global option's value to the command's option of the same name, unless the
// command was given its own (the nearer one wins). Returns whether the command has it.
bool HandOver(CLI::App& sub, const std::string& name, const std::string& value) {
  CLI::Option* option = sub.get_option_no_throw(name);
  if (option == nullptr) return false;
  if (option->count() == 0) {
    option->add_result(value);
    option->run_callback();
  }
  return true;
}

int ParseError(CLI::App& app, const CLI::ParseError& e) {
  int rc = app.exit(e);
  return rc == 0 ? kExitOk : kExitUsage;
}

// The command's own CLI11 app, named "kensa CMD" for its usage line, with the global
// options mentioned at the end of its --help.
CommandRunner Build(const Command& command, CLI::App& sub) {
  CommandRunner runner = command.setup(sub);
  std::string footer = sub.get_footer();
  if (!footer.empty()) footer += "\n\n";
  footer += std::string("Global options go before the command: ") + kGlobalUsage + " " +
            std::string(command.name) + " ... (see `kensa help`).";
  sub.footer(footer);
  return runner;
}

int Help(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::fputs(CommandOverview().c_str(), stdout);
    return kExitOk;
  }
  const Command* command = FindCommand(args[0]);
  if (command == nullptr) return UnknownCommand(args[0]);
  CLI::App sub{std::string(command->summary), "kensa " + args[0]};
  Build(*command, sub);
  std::fputs(sub.help().c_str(), stdout);
  return kExitOk;
}

int Main(int argc, char** argv) {
  // A fix or cache write killed midway (kill -9, a CI timeout) left temporaries; whatever this
  // run is, it removes them first (base/atomic_file), so none lingers to be committed.
  RecoverPendingWrites(DefaultPendingWritesDirectory());
  GlobalOptions globals;
  CLI::App app{"kensa: fast static checks and investigation for large Python repositories.",
               "kensa"};
  app.prefix_command();  // stop at the command name: the rest is the command's
  app.set_help_flag();
  app.add_flag("-h,--help", globals.help);
  app.set_version_flag("--version", "kensa 0.1.0");
  app.add_option("-C", globals.directories)->option_text("DIR")->allow_extra_args(false);
  app.add_option("--preset", globals.preset);
  app.add_flag("-v,--verbose", globals.verbose);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return ParseError(app, e);
  }
  std::vector<std::string> rest = app.remaining();
  if (!rest.empty() && rest[0].size() > 1 && rest[0][0] == '-') {
    std::fprintf(stderr,
                 "kensa: unknown option '%s' before the command (global options: -C DIR, "
                 "--preset NAME, --verbose; see `kensa help`)\n",
                 rest[0].c_str());
    return kExitUsage;
  }
  if (!ChangeDirectories(globals.directories)) return kExitUsage;
  if (globals.help || rest.empty()) return Help({});
  const std::string name = rest[0];
  rest.erase(rest.begin());
  if (name == "help") return Help(rest);
  const Command* command = FindCommand(name);
  if (command == nullptr) return UnknownCommand(name);

  CLI::App sub{std::string(command->summary), "kensa " + name};
  CommandRunner runner = Build(*command, sub);
  try {
    std::reverse(rest.begin(), rest.end());  // CLI11 takes the arguments last first
    sub.parse(rest);
    if (!globals.preset.empty() && !HandOver(sub, "--preset", globals.preset)) {
      std::fprintf(stderr, "kensa: warning: `kensa %s` reads no project; --preset is ignored\n",
                   name.c_str());
    }
    if (globals.verbose) HandOver(sub, "--verbose", "true");
  } catch (const CLI::ParseError& e) {
    return ParseError(sub, e);
  }
  return runner();
}

}  // namespace
}  // namespace kensa::cli

int main(int argc, char** argv) {
  try {
    return kensa::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kensa: internal error: %s\n", e.what());
    return kensa::cli::kExitInternal;
  }
}
