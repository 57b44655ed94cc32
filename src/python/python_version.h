// The Python grammar kensa reads. 3.11 is the default because it is the oracle the project is
// tested against (ast.dump output, errors); 3.12 adds type parameters, `type` statements and
// PEP 701 f-strings, and the 3.12 fields in ast.dump.
#pragma once

#include <cstdint>

namespace kensa::python {

enum class PythonVersion : uint8_t { k3_11, k3_12 };

}  // namespace kensa::python
