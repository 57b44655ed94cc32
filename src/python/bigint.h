// Arbitrary-size integer text conversion for integer literals: CPython's int has no size
// limit, so "0x" + 40 hex digits must print as its exact decimal value in ast.dump. Only what
// literals need (radix 2/8/16 digits -> decimal text). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kensa::python {

// The decimal text (no sign, no leading zeros, "0" for zero) of the non-negative integer
// whose digits in `base` (2, 8, 10 or 16; no underscores, no prefix) are `digits`.
std::string RadixToDecimal(std::string_view digits, unsigned base);

}  // namespace kensa::python
