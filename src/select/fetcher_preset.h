// FetcherPreset: the constants of one repository's tests_fetcher.py — where the library and
// its tests live, which test folders the JSON map ignores, the pipelines or models always
// tested — as data, so that one implementation serves each repository the reference script
// was written for. The two scripts also differ in a few steps; `flavor` selects those:
//   kDiffusers     diffusers' utils/tests_fetcher.py (main at 58eb52c0803e): core pipelines
//                  added to the JSON map, "all" for every example test;
//   kTransformers  transformers' utils/tests_fetcher.py of mid-2023 (13639d7a, "tests_fetcher
//                  V2"): model tests capped to IMPORTANT_MODELS when a change reaches more than
//                  half of them, setup.py runs everything, test_repo_utils.txt, the doctest
//                  list, models/<name> keys in the JSON map. (Later revisions import the
//                  library itself to find model relations; they are not reproduced.)
// Plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::select {

enum class FetcherFlavor { kDiffusers, kTransformers };

struct FetcherPreset {
  FetcherFlavor flavor = FetcherFlavor::kDiffusers;
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
  // IMPORTANT_MODELS: the model test folders kept when too many models are hit.
  std::vector<std::string> important_models;
  // The references `main` may be, tried in order (the default mode's base).
  std::vector<std::string> main_refs;
};

// diffusers' utils/tests_fetcher.py.
FetcherPreset DiffusersPreset();
// transformers' utils/tests_fetcher.py, mid-2023 revision.
FetcherPreset TransformersPreset();
// By name ("diffusers", "transformers"); nullopt for an unknown name.
std::optional<FetcherPreset> PresetNamed(std::string_view name);

}  // namespace kensa::select
