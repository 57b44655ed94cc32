// Source codecs: the legacy encodings a PEP 263 coding cookie may name, as CPython's codec
// registry resolves them. Internal to Source::Decode; the tables are generated from the oracle
// interpreter (tools/unicode_tables/generate.py -> source_charmaps.cc). Constant data;
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kensa::python::source_codecs {

// An ASCII-compatible single-byte codec: bytes below 0x80 are ASCII, `upper[b - 0x80]` is the
// code point of byte b, or 0xFFFE when the codec leaves b undefined.
struct Charmap {
  const char* name;  // the Python module name, e.g. "koi8_r"
  uint16_t upper[128];
};

// A name Python's codec lookup accepts (after normalization) and the module it resolves to.
struct CodecName {
  const char* name;
  const char* module;
};

extern const Charmap kCharmaps[];
extern const size_t kCharmapsSize;
extern const CodecName kCodecNames[];  // sorted by name
extern const size_t kCodecNamesSize;

// The module Python's codec lookup resolves `name` to ("utf_8", "latin_1", "koi8_r", ...), or
// "" when Python knows no such codec.
std::string_view ResolveCodec(std::string_view name);

// The charmap for `module`, or nullptr.
const Charmap* FindCharmap(std::string_view module);

}  // namespace kensa::python::source_codecs
