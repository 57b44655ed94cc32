// kensa: fast static checks and investigation for large Python repositories.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <map>
#include <string>

#include "cli/command.h"

int main(int argc, char** argv) {
  using namespace kensa::cli;
  CLI::App app{
      "kensa: fast static checks and investigation for large Python repositories.\n"
      "Run `kensa COMMAND --help` for the options of a command."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kensa 0.1.0");

  std::map<std::string, CommandRunner> runners;
  std::map<std::string, CLI::App*> subs;
  for (const Command& c : Commands()) {
    std::string name(c.name);
    CLI::App* sub = app.add_subcommand(name, std::string(c.summary));
    subs[name] = sub;
    runners[name] = c.setup(*sub);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  try {
    for (auto& [name, sub] : subs) {
      if (sub->parsed()) return runners[name]();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kensa: internal error: %s\n", e.what());
    return kExitInternal;
  }
  return kExitUsage;
}
