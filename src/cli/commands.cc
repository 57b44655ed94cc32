#include "cli/command.h"

namespace kensa::cli {

CommandRunner SetupParseCommand(CLI::App& sub);

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"parse", "Parse Python files as CPython does: dump the AST or check for syntax errors",
       SetupParseCommand},
  };
  return commands;
}

}  // namespace kensa::cli
