// The names of CPython 3.11's builtins module, which a name not bound anywhere falls back to.
#pragma once

#include <string_view>

namespace kensa::query {

bool IsPythonBuiltin(std::string_view name);

}  // namespace kensa::query
