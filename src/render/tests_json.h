// JSON of a test selection (`kensa tests --json` and the MCP tool select_tests): the mode, the
// commits compared, the files changed and impacted, and each test with the reason it runs (the
// changed file and the import chain from the test to it).
#pragma once

#include <string>

#include "render/json.h"
#include "select/fetcher_run.h"

namespace kensa::render {

// With `with_files`, also "files": the reference's output files by name with their contents.
Json TestsJson(const select::FetcherInputs& inputs, const select::FetcherResult& r,
               const std::string& mode, bool with_files = true);

}  // namespace kensa::render
