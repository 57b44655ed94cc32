// Oid: the 20-byte SHA-1 name of a git object, as a plain value (hashable, ordered, printable),
// so that code above the git layer never sees libgit2's types. Thread-safe as any value is.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kensa::git {

struct Oid {
  std::array<uint8_t, 20> bytes{};

  // The 40 lowercase hex digits git prints.
  std::string Hex() const;
  // The first `digits` hex digits (for messages).
  std::string ShortHex(size_t digits = 12) const { return Hex().substr(0, digits); }
  bool IsZero() const;

  // Parses exactly 40 hex digits (either case); nullopt otherwise.
  static std::optional<Oid> FromHex(std::string_view hex);

  auto operator<=>(const Oid&) const = default;
};

struct OidHash {
  size_t operator()(const Oid& oid) const {
    size_t h = 0;
    for (int i = 0; i < 8; ++i) h = (h << 8) | oid.bytes[i];
    return h;
  }
};

}  // namespace kensa::git
