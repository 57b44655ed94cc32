// Deciding whether a change to a Python file touches code or only docstrings, comments and
// blank lines. ReferenceCleanCode is tests_fetcher.py's `clean_code`, quirks included, so
// that kensa ignores exactly the diffs the reference ignores: it is string-based — it drops
// every other piece between triple double quotes, then between triple single quotes
// (whatever they are: docstrings, but also ordinary triple-quoted strings, and a '''
// inside a """ string shifts the pairing), then cuts every line at its first '#' (even
// inside a string) and drops blank lines.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kensa::select {

// `clean_code(content)` of the reference, on text already decoded and newline-translated.
std::string ReferenceCleanCode(std::string_view content);

// `keep_doc_examples_only(content)` of the reference: the pieces between pairs of ``` fences,
// without comments and blank lines.
std::string ReferenceKeepDocExamplesOnly(std::string_view content);

// True when the two versions differ only in what ReferenceCleanCode drops.
bool ReferenceDiffIsDocstringOnly(std::string_view old_content, std::string_view new_content);

}  // namespace kensa::select
