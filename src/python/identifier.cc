#include "python/identifier.h"

#include <utf8proc.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace kensa::python {

bool IsAscii(std::string_view utf8) {
  // Eight bytes at a time: most names are short, but long ones are common in generated code.
  size_t i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, utf8.data() + i, 8);
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; i < utf8.size(); ++i) {
    if (static_cast<unsigned char>(utf8[i]) >= 0x80) return false;
  }
  return true;
}

std::string NormalizeIdentifier(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
      static_cast<utf8proc_ssize_t>(utf8.size()), &out,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
  if (n < 0) return std::string(utf8);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

}  // namespace kensa::python
