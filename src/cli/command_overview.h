// What `kensa`, `kensa help` and `kensa --help` print: the commands of the table grouped by
// what they are for, the global options, a few examples and the exit codes.
#pragma once

#include <string>

namespace kensa::cli {

// The global options as one usage fragment, for every command's --help footer.
inline constexpr char kGlobalUsage[] = "kensa [-C DIR]... [--preset NAME] [--verbose]";

std::string CommandOverview();

}  // namespace kensa::cli
