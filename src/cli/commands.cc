#include "cli/command.h"

namespace kensa::cli {

CommandRunner SetupParseCommand(CLI::App& sub);
CommandRunner SetupDepsCommand(CLI::App& sub);
CommandRunner SetupRdepsCommand(CLI::App& sub);
CommandRunner SetupChainCommand(CLI::App& sub);
CommandRunner SetupGraphCommand(CLI::App& sub);
CommandRunner SetupCyclesCommand(CLI::App& sub);

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"parse", "Parse Python files as CPython does: dump the AST or check for syntax errors",
       SetupParseCommand},
      {"deps", "What a module imports (resolved to defining modules), directly or transitively",
       SetupDepsCommand},
      {"rdeps", "What imports a module, directly or transitively", SetupRdepsCommand},
      {"chain", "The shortest import chain from one module to another", SetupChainCommand},
      {"graph", "The project's import graph as text, JSON or DOT", SetupGraphCommand},
      {"cycles", "Import cycles between the project's modules", SetupCyclesCommand},
  };
  return commands;
}

}  // namespace kensa::cli
