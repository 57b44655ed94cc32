// FetcherPreset: the constants of one repository's tests_fetcher.py — where the library and
// its tests live, which test folders the JSON map ignores, the pipelines or models always
// tested — as data, so that one implementation serves each repository the reference script
// was written for. The two scripts also differ in a few steps; `flavor` selects those:
//   kDiffusers     diffusers' utils/tests_fetcher.py (main at 58eb52c0803e): core pipelines
//                  added to the JSON map, "all" for every example test;
//   kTransformers  transformers' current utils/tests_fetcher.py (00455bcf6219): CORE_FILES or
//                  15 impacted model test folders run every test, the per-job lists
//                  test_preparation/<job>_test_list.txt, repo utils and conftest tests, the
//                  doctest list (when fewer than 20 tests), tiny_model_summary.json, inits
//                  read through define_import_structure. (Its backbone edges, which import
//                  every configuration class, are not reproduced: see fetcher_run_transformers.cc.)
//   kTransformers2023  the same script in mid-2023 (13639d7a, "tests_fetcher V2"): model tests
//                  capped to IMPORTANT_MODELS when a change reaches more than half of them,
//                  setup.py runs everything, test_repo_utils.txt, the doctest list, the JSON
//                  map with models/<name> keys (preset "transformers-2023").
// Plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::select {

enum class FetcherFlavor { kDiffusers, kTransformers, kTransformers2023 };

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
  // IMPORTANT_MODELS (2023): the model test folders kept when too many models are hit.
  std::vector<std::string> important_models;
  // The references `main` may be, tried in order (the default mode's base).
  std::vector<std::string> main_refs;
  // Current transformers: inits are read with define_import_structure, and the conversion
  // scripts under models/ are left out of the map.
  bool init_import_structure = false;
  // CORE_FILES: a change to one of them runs every test.
  std::vector<std::string> core_files;
  // NUM_MODELS_TO_TRIGGER_FULL_CI: this many impacted model test folders run every test.
  size_t models_for_full_ci = 0;
};

// diffusers' utils/tests_fetcher.py.
FetcherPreset DiffusersPreset();
// transformers' utils/tests_fetcher.py as it is now.
FetcherPreset TransformersPreset();
// transformers' utils/tests_fetcher.py, mid-2023 revision.
FetcherPreset Transformers2023Preset();
// By name ("diffusers", "transformers", "transformers-2023"); nullopt for an unknown name.
std::optional<FetcherPreset> PresetNamed(std::string_view name);

}  // namespace kensa::select
