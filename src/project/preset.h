// Presets: what differs between the repositories kensa knows (transformers, diffusers) and
// any other Python project, written as data so each analysis has one implementation that
// reads it. A preset is picked from the package name, and can be forced with `--preset` or
// `[tool.kensa] preset = "..."` in pyproject.toml. Immutable values; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kensa::project {

struct Preset {
  std::string name;     // "transformers", "diffusers", "generic"
  std::string package;  // the import package it is made for; "" = any (generic)
  // Where the package lives, relative to the root, tried in order ("src/diffusers").
  std::vector<std::string> package_dirs;
  std::string tests_dir = "tests";
  std::string examples_dir = "examples";
  std::string utils_dir = "utils";
  std::string docs_dir = "docs";
  // Dummy-object modules (classes that raise when a backend is missing), relative to the
  // package directory, as a glob with one '*'.
  std::string dummy_objects_glob = "utils/dummy_*_objects.py";
  // The script the test selection reproduces, relative to the root ("" = none).
  std::string tests_fetcher = "utils/tests_fetcher.py";
};

// The built-in presets, "generic" last.
const std::vector<Preset>& BuiltinPresets();
// The preset named `name`, or nullptr.
const Preset* FindPreset(std::string_view name);
// The preset for a package name: its own when there is one, else "generic".
const Preset& PresetForPackage(std::string_view package);

}  // namespace kensa::project
