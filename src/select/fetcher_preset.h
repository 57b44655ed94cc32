// FetcherPreset: the constants of one repository's tests_fetcher.py — where the library and
// its tests live, which test folders the JSON map ignores, the pipelines always tested — as
// data, so that one implementation serves each repository the reference script was written
// for. Plain values; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace kensa::select {

struct FetcherPreset {
  std::string name;          // "diffusers"
  std::string package;       // the import name: "diffusers"
  std::string source_dir;    // "src/diffusers"
  std::string tests_dir;     // "tests"
  std::string examples_dir;  // "examples"
  // Example frameworks (examples/<framework>/test_*.py map to the scripts they name).
  std::vector<std::string> example_frameworks;
  // Test folders left out of the JSON map (MODULES_TO_IGNORE).
  std::vector<std::string> modules_to_ignore;
  // IMPORTANT_PIPELINES: always-run pipeline test folders, in the reference's order.
  std::vector<std::string> important_pipelines;
};

// diffusers' utils/tests_fetcher.py.
FetcherPreset DiffusersPreset();

}  // namespace kensa::select
