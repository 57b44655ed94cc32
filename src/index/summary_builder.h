// Building a ModuleSummary from a file's bytes: decode and parse with the Python front end,
// then one walk over the statements (never into expressions beyond what a pattern needs).
// A file that does not decode or parse yields a summary holding only the error. Pure function
// of the bytes; thread-safe.
#pragma once

#include <string_view>

#include "index/module_summary.h"

namespace kensa::index {

ModuleSummary SummarizeModule(std::string_view bytes);

}  // namespace kensa::index
