// The top-level module names of the Python standard library (CPython 3.11's
// sys.stdlib_module_names), so an import the project cannot resolve is classified as standard
// library or third party. Constant data; thread-safe.
#pragma once

#include <string_view>

namespace kensa::index {

bool IsStdlibModule(std::string_view top_level_name);

}  // namespace kensa::index
