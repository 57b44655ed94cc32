// The Unicode character names of "\N{...}" escapes, as CPython 3.11 knows them (Unicode 14.0).
// The table is generated at build time from the Unicode Character Database
// (tools/asdl_gen/unicode_gen.cc; Debian package unicode-data); the AST layer owns it.
// Immutable data: thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace kensa::python {

// The code point named `name` as "\N{name}" accepts it (unicodedata names and name aliases,
// case-insensitively; "CJK UNIFIED IDEOGRAPH-XXXX" and "HANGUL SYLLABLE ..." algorithmically,
// case-sensitively as CPython does), or -1. Named sequences are not accepted, as in CPython.
int32_t LookupUnicodeName(std::string_view name);

namespace unicode_name_tables {
struct NameEntry {
  uint32_t name_offset;
  uint32_t code_point;
};
struct NameRange {
  uint32_t first;
  uint32_t last;
};
extern const char kNames[];  // NUL-separated, sorted
extern const NameEntry kNameEntries[];
extern const uint32_t kNameEntryCount;
extern const NameRange kCjkIdeographRanges[];
extern const uint32_t kCjkIdeographRangeCount;
}  // namespace unicode_name_tables

}  // namespace kensa::python
