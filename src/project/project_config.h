// ProjectConfig: what a project says about itself — the distribution name in pyproject.toml
// ([project].name) or setup.py (name=..., find_packages("src")), and kensa's own settings in
// pyproject.toml's [tool.kensa] table:
//
//   [tool.kensa]
//   preset = "diffusers"          # transformers | diffusers | generic
//   package = "diffusers"         # the import package
//   package-dir = "src/diffusers" # where it lives
//   tests = "tests"               # tests/examples/utils/docs folders ("" = none)
//
// A malformed file yields a diagnostic and an empty config, never a failure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "project/diagnostic.h"
#include "project/source_tree.h"

namespace kensa::project {

struct ProjectConfig {
  std::string project_name;       // pyproject.toml [project].name
  std::string setup_name;         // setup.py name="..."
  bool setup_src_layout = false;  // setup.py uses find_packages("src") / package_dir {"": "src"}
  // [tool.kensa]
  std::optional<std::string> preset;
  std::optional<std::string> package;
  std::optional<std::string> package_dir;
  std::optional<std::string> tests_dir;
  std::optional<std::string> examples_dir;
  std::optional<std::string> utils_dir;
  std::optional<std::string> docs_dir;
};

// Reads pyproject.toml and setup.py at the root of `tree` (either may be missing).
ProjectConfig ReadProjectConfig(const SourceTree& tree, std::vector<Diagnostic>* diagnostics);

// The parts separately, for tests.
void ParsePyprojectToml(std::string_view text, const std::string& path, ProjectConfig* config,
                        std::vector<Diagnostic>* diagnostics);
void ParseSetupPy(std::string_view text, ProjectConfig* config);

}  // namespace kensa::project
