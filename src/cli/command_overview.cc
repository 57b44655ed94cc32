#include "cli/command_overview.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "cli/command.h"

namespace kensa::cli {
namespace {

constexpr std::pair<CommandGroup, const char*> kHeadings[] = {
    {CommandGroup::kPullRequest, "Pull-request checks"},
    {CommandGroup::kInvestigation, "Investigation"},
    {CommandGroup::kImportGraph, "Import graph"},
    {CommandGroup::kParser, "Parser"},
    {CommandGroup::kOther, "Other commands"},
};

constexpr char kGlobalOptions[] = R"(Global options (before COMMAND, as git takes them):
  -C DIR         Run as if kensa had been started in DIR; several -C are applied in order,
                 each relative to the previous one (-C "" stays put)
  --preset NAME  Force a preset (transformers, diffusers, generic; `tests` also takes
                 transformers-2023) for the commands that read a project
  --verbose      List each file that could not be read or parsed (default: one summary line)
  -h, --help     This list; `kensa help COMMAND` is `kensa COMMAND --help`
  --version      Print kensa's version

Examples:
  kensa -C ~/src/diffusers tests --diff-with-last-commit   # the tests a commit needs
  kensa -C ~/src/diffusers copies                          # as utils/check_copies.py
  kensa deps diffusers.models.unets.unet_2d                # what a module imports
  kensa rdeps --transitive src/diffusers/utils/torch_utils.py
  kensa parse --check src/ tests/                          # files CPython would reject

Exit codes: 0 ok; 1 findings (syntax errors, failed checks); 2 bad usage or input (unknown
command or option, missing directory, not a project); 3 internal error.
)";

}  // namespace

std::string CommandOverview() {
  std::string out =
      "kensa: fast static checks and investigation for large Python repositories.\n\n";
  out += fmt::format("Usage: {} COMMAND [ARGS...]\n       kensa help COMMAND\n", kGlobalUsage);
  size_t width = 0;
  for (const Command& c : Commands()) width = std::max(width, c.name.size());
  for (const auto& [group, heading] : kHeadings) {
    std::string lines;
    for (const Command& c : Commands()) {
      if (c.group == group) lines += fmt::format("  {:<{}}  {}\n", c.name, width, c.summary);
    }
    if (!lines.empty()) out += fmt::format("\n{}:\n{}", heading, lines);
  }
  out += "\n";
  out += kGlobalOptions;
  return out;
}

}  // namespace kensa::cli
