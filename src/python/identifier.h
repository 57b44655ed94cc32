// Identifier normalization: CPython stores every non-ASCII identifier in its NFKC form
// (PEP 3131), so `ℌ` and `H` are the same name and ast.dump prints the normalized spelling.
// NormalizeIdentifier gives that form for a name the tokenizer accepted. ASCII names are
// returned unchanged without touching the Unicode tables. Pure function; thread-safe.
//
// Uses libutf8proc (Unicode 13; CPython 3.11 has Unicode 14, which added no NFKC mappings
// for identifier characters that kensa's tests have found).
#pragma once

#include <string>
#include <string_view>

namespace kensa::python {

// True when every byte of `utf8` is ASCII (such a name is already normalized).
bool IsAscii(std::string_view utf8);

// The NFKC form of `utf8` (valid UTF-8). If normalization fails, `utf8` unchanged.
std::string NormalizeIdentifier(std::string_view utf8);

}  // namespace kensa::python
