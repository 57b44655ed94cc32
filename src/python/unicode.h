// Unicode facts the Python lexer needs, as CPython 3.11.2 has them: which code points may start
// or continue an identifier (XID_Start / XID_Continue, the tables generated from the oracle's
// unicodedata by tools/unicode_tables/generate.py), which are printable (for the
// "invalid character" message), and strict UTF-8 validation with the exact reason and byte
// range CPython's 'utf-8' codec reports. Pure functions over constant tables; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "python/python_version.h"

namespace kensa::python {

struct CodePointRange {
  char32_t first;
  char32_t last;  // inclusive
};

namespace unicode_tables {
extern const CodePointRange kXidStart[];
extern const size_t kXidStartSize;
extern const CodePointRange kXidContinue[];
extern const size_t kXidContinueSize;
extern const CodePointRange kPrintable[];
extern const size_t kPrintableSize;
// unicode_tables_312.cc: printable in CPython 3.12 (Unicode 15.0) but not in 3.11.
extern const CodePointRange kPrintableAdded312[];
extern const size_t kPrintableAdded312Size;
}  // namespace unicode_tables

// Identifier classes as _PyUnicode_ScanIdentifier uses them ('_' counts as a start).
bool IsIdentifierStart(char32_t cp);
bool IsIdentifierContinue(char32_t cp);
// As str.isprintable() for one character (in CPython 3.11, or in `version`).
bool IsPrintable(char32_t cp);
bool IsPrintable(char32_t cp, PythonVersion version);

// The first place where `bytes` is not valid UTF-8, described as CPython's decoder does:
// bytes [start, end) are the offending sequence (the lead byte and the continuation bytes that
// were still valid), `reason` is "invalid start byte", "invalid continuation byte" or
// "unexpected end of data".
struct Utf8Error {
  size_t start = 0;
  size_t end = 0;
  const char* reason = "";
};
std::optional<Utf8Error> FindUtf8Error(std::string_view bytes);

// "'<codec>' codec can't decode byte 0xff in position 3: <reason>" (or "bytes in position
// 3-4" for a longer range), the text of CPython's UnicodeDecodeError.
std::string DecodeErrorMessage(std::string_view codec, std::string_view bytes, size_t start,
                               size_t end, std::string_view reason);

// The number of characters CPython counts in `bytes` when it decodes them with
// errors="replace" (each invalid sequence counts as one U+FFFD): how it turns byte columns
// into the character offsets of SyntaxError.
size_t CountCharsReplacing(std::string_view bytes);

}  // namespace kensa::python
