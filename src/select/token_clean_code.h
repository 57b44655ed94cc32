// The token-based rule for "does this change touch code?": two versions of a Python file are
// equivalent when their token streams are, ignoring comments, blank lines, line joins and
// spacing (the tokenizer drops them) and statements made only of string literals (docstrings
// and other bare strings, which do nothing). Unlike the reference's string-based clean_code,
// a '#' inside a string or a ''' inside a """ string cannot fool it.
// Used by `kensa tests --code-changes tokens`. Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace kensa::select {

// True when the two texts (decoded, "\n" newlines) differ only as described above. A text
// the tokenizer rejects counts as a code change.
bool TokenDiffIsDocstringOnly(std::string_view old_text, std::string_view new_text);

}  // namespace kensa::select
