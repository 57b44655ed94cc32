// The test selection as a value, for the MCP server's select_tests tool: what `kensa tests
// --json` prints, without writing the reference's output files or printing anything on stdout.
#pragma once

#include <optional>
#include <string>

#include "render/json.h"

namespace kensa::cli {

struct SelectionRequest {
  std::string directory = ".";
  std::string mode = "branch";  // branch, last_commit, range, work_tree
  std::string base;             // range (and work_tree against it)
  std::string head;             // range
  std::string preset;
};

// render::TestsJson of the selection (without "files"), or nullopt with *error.
std::optional<render::Json> SelectTests(const SelectionRequest& request, std::string* error);

}  // namespace kensa::cli
