// `kensa graph --compat tests-fetcher`: the direct dependency map exactly as diffusers'
// utils/tests_fetcher.py builds it (get_module_dependencies over its regex import scan),
// computed by the select layer's reproduction. kensa's own graph is more precise; this mode
// exists for comparisons and for tools that must match the reference (docs/index-parity.md).
#pragma once

#include <string>

#include "cli/index_loader.h"

namespace kensa::cli {

// Prints the map as JSON ({"compat": ..., "direct": {file: [files]}}) or text (`file -> dep`
// lines). Returns the exit code.
int RunCompatGraph(const IndexCommandOptions& options, const std::string& compat,
                   const std::string& format);

}  // namespace kensa::cli
