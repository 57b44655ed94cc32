// Base conversion on little-endian limbs of 10^9: each input digit multiplies the number by
// the base and adds the digit. Quadratic, which is fine for the literal sizes source code has.
#include "python/bigint.h"

#include <cstdint>
#include <vector>

namespace kensa::python {
namespace {

constexpr uint32_t kLimbBase = 1000000000;  // 10^9 per limb

unsigned DigitValue(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'z') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

}  // namespace

std::string RadixToDecimal(std::string_view digits, unsigned base) {
  // Fast path: fits in 64 bits.
  size_t start = digits.find_first_not_of('0');
  if (start == std::string_view::npos) return "0";
  digits.remove_prefix(start);
  uint64_t small = 0;
  bool fits = true;
  for (char c : digits) {
    uint64_t d = DigitValue(c);
    if (small > (UINT64_MAX - d) / base) {
      fits = false;
      break;
    }
    small = small * base + d;
  }
  if (fits) return std::to_string(small);

  std::vector<uint32_t> limbs;  // little-endian, base 10^9
  for (char c : digits) {
    uint64_t carry = DigitValue(c);
    for (uint32_t& limb : limbs) {
      uint64_t v = static_cast<uint64_t>(limb) * base + carry;
      limb = static_cast<uint32_t>(v % kLimbBase);
      carry = v / kLimbBase;
    }
    while (carry != 0) {
      limbs.push_back(static_cast<uint32_t>(carry % kLimbBase));
      carry /= kLimbBase;
    }
  }
  std::string out = std::to_string(limbs.back());
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    out.append(9 - part.size(), '0');
    out += part;
  }
  return out;
}

}  // namespace kensa::python
