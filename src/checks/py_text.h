// Python `str` semantics over UTF-8 text. Repository scripts that kensa reimplements (such as
// utils/check_copies.py) measure lengths in code points, split lines the way
// `open(..., newline="\n").readlines()` does, and use `\s` / `str.strip()` with Unicode
// whitespace; these helpers reproduce exactly that on byte strings, so a check can keep byte
// offsets while computing what the script computes. Inputs must be valid UTF-8 (see
// ValidatePyUtf8). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::checks {

// str.isspace() / `\s` in a str pattern: ASCII \t\n\v\f\r, \x1c-\x1f, space, and the Unicode
// spaces (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
bool IsPySpace(char32_t c);
// `\w` in a str pattern: str.isalnum() or "_".
bool IsPyWord(char32_t c);
// `\d` in a str pattern: a Unicode decimal digit.
bool IsPyDigit(char32_t c);

// Decodes `text` (valid UTF-8) into code points.
std::u32string DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);

// len(s) in code points.
size_t PyLen(std::string_view s);
// len(s) <= 1, without counting the whole string.
bool PyLenAtMostOne(std::string_view s);
// s[n:] for n >= 0 code points ("" when s is shorter).
std::string_view PyDropPrefix(std::string_view s, size_t n);

// The whitespace-run helpers below treat whitespace as IsPySpace does.
// Byte offset of the first character at or after `from` that is not whitespace.
size_t SkipPySpace(std::string_view s, size_t from);
// Byte offset of the first whitespace character at or after `from` (s.size() if none).
size_t SkipNonPySpace(std::string_view s, size_t from);
// s.strip().
std::string_view PyStrip(std::string_view s);

// s.lower() / s.upper() (simple case mappings, one code point to one).
std::string PyLower(std::string_view s);
std::string PyUpper(std::string_view s);

// s.split(sep) for a one-character separator: keeps empty pieces, never returns an empty list.
std::vector<std::string_view> PySplit(std::string_view s, char sep);
// open(path, newline="\n").readlines(): pieces ending in "\n", except possibly the last.
std::vector<std::string_view> PyReadLines(std::string_view text);
// s.replace(old, new) for a non-empty `old`.
std::string PyReplace(std::string_view s, std::string_view old, std::string_view replacement);

// What open(path) (newline=None) reads: "\r\n" and a lone "\r" become "\n".
std::string PyUniversalNewlines(std::string_view bytes);

// Checks that `bytes` decode with Python's strict "utf-8" codec (no surrogates, no overlong
// forms). On failure returns false and sets *message to the UnicodeDecodeError text Python
// prints when reading the file as text, e.g.
// "'utf-8' codec can't decode byte 0xff in position 12: invalid start byte". The position
// depends on how the script reads: f.read() decodes the whole file at once (kWhole: positions
// from the start of the file); readline(), readlines() and iteration decode 8 KiB chunks
// (kInChunks: positions from the start of the chunk).
enum class PyTextRead { kInChunks, kWhole };
bool ValidatePyUtf8(std::string_view bytes, std::string* message,
                    PyTextRead read = PyTextRead::kInChunks);

}  // namespace kensa::checks
