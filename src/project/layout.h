// Layout: where things are in a project — the import package and its directory (src layout
// or flat), tests/, examples/, utils/, docs/, and the preset that applies. Detected from the
// files (pyproject.toml, setup.py, the directories present), with `[tool.kensa]` and an
// explicit `--preset` taking precedence, in that order: option > [tool.kensa] > detection.
// Plain data; copyable.
#pragma once

#include <string>
#include <vector>

#include "project/diagnostic.h"
#include "project/preset.h"
#include "project/source_tree.h"

namespace kensa::project {

struct Layout {
  std::string package;      // import name, e.g. "diffusers"; "" when none was found
  std::string package_dir;  // e.g. "src/diffusers"; "" when none was found
  bool src_layout = false;
  // Folders relative to the root; "" when the project has none.
  std::string tests_dir;
  std::string examples_dir;
  std::string utils_dir;
  std::string docs_dir;
  // Directories absolute imports are searched from, in order ("" = the root): {"src", ""}
  // for a src layout, {""} otherwise.
  std::vector<std::string> source_roots;
  Preset preset;
};

struct LayoutOptions {
  std::string preset;  // from --preset; "" = not given
};

// Detects the layout of the project in `tree`. An unknown preset name is an error: returns
// false with *error set. Other problems are diagnostics.
bool DetectLayout(const SourceTree& tree, const LayoutOptions& options, Layout* layout,
                  std::vector<Diagnostic>* diagnostics, std::string* error);

// A distribution name as an import name: "my-package" -> "my_package".
std::string NormalizePackageName(std::string_view name);

}  // namespace kensa::project
