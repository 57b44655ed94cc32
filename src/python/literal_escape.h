// Escape sequences of str and bytes literals, decoded exactly as CPython 3.11 does, with its
// error texts. Internal to the AST layer (literal_string.cc and fstring*.cc); pure functions.
#pragma once

#include <string>
#include <string_view>

namespace kensa::python {

// Source text is only checked for UTF-8 where CPython checks it, so a str literal can still
// hold invalid bytes. CheckUtf8 validates text CPython decodes in one piece (a raw or
// escape-free literal): on failure *error is "(unicode error) 'utf-8' codec can't decode byte
// 0xf6 in position 2: invalid start byte", the position counted in `text`.
bool CheckUtf8(std::string_view text, std::string* error);

// Decodes the body (between the quotes) of a non-raw str literal, or a literal part of an
// f-string, appending generalized UTF-8 to *out. On failure returns false and sets *error to
// CPython's message, e.g. "(unicode error) 'unicodeescape' codec can't decode bytes in
// position 0-1: truncated \xXX escape" (positions as CPython counts them: in its internal
// copy where each non-ASCII character is spelled "\UXXXXXXXX"). Invalid UTF-8 is reported
// first, as CPython does, with positions counted from the start of each run of non-ASCII bytes
// (CPython decodes the runs one at a time).
bool DecodeStrEscapes(std::string_view body, std::string* out, std::string* error);

// Decodes the body of a non-raw bytes literal (ASCII only). On failure returns false and sets
// *error, e.g. "(value error) invalid \x escape at position 0".
bool DecodeBytesEscapes(std::string_view body, std::string* out, std::string* error);

}  // namespace kensa::python
