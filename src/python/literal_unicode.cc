// "\N{...}" name lookup over the generated table, plus the names Unicode defines by rule.
#include "python/literal_unicode.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace kensa::python {
namespace {

using unicode_name_tables::kCjkIdeographRangeCount;
using unicode_name_tables::kCjkIdeographRanges;
using unicode_name_tables::kNameEntries;
using unicode_name_tables::kNameEntryCount;
using unicode_name_tables::kNames;

// The short names of the Hangul jamo (Unicode chapter 3.12), in index order.
constexpr const char* kLeading[] = {"G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
                                    "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H"};
constexpr const char* kVowel[] = {"A",   "AE", "YA", "YAE", "EO", "E",  "YEO",
                                  "YE",  "O",  "WA", "WAE", "OE", "YO", "U",
                                  "WEO", "WE", "WI", "YU",  "EU", "YI", "I"};
constexpr const char* kTrailing[] = {"",   "G",  "GG", "GS", "N",  "NJ", "NH", "D", "L",  "LG",
                                     "LM", "LB", "LS", "LT", "LP", "LH", "M",  "B", "BS", "S",
                                     "SS", "NG", "J",  "C",  "K",  "T",  "P",  "H"};

// The longest jamo name of `table` that `text` starts with; advances `text` past it.
template <size_t N>
int MatchJamo(const char* const (&table)[N], std::string_view* text) {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < N; ++i) {
    size_t len = std::strlen(table[i]);
    if (text->substr(0, len) == table[i] && (best < 0 || len > best_len)) {
      best = static_cast<int>(i);
      best_len = len;
    }
  }
  if (best >= 0) text->remove_prefix(best_len);
  return best;
}

int32_t LookupHangulSyllable(std::string_view rest) {
  int l = MatchJamo(kLeading, &rest);
  int v = MatchJamo(kVowel, &rest);
  int t = MatchJamo(kTrailing, &rest);
  if (l < 0 || v < 0 || t < 0 || !rest.empty()) return -1;
  return 0xAC00 + (l * 21 + v) * 28 + t;
}

int32_t LookupCjkIdeograph(std::string_view hex) {
  if (hex.size() != 4 && hex.size() != 5) return -1;
  int32_t cp = 0;
  for (char c : hex) {
    if (c >= '0' && c <= '9') {
      cp = cp * 16 + (c - '0');
    } else if (c >= 'A' && c <= 'F') {
      cp = cp * 16 + (c - 'A' + 10);
    } else {
      return -1;
    }
  }
  for (uint32_t i = 0; i < kCjkIdeographRangeCount; ++i) {
    if (static_cast<uint32_t>(cp) >= kCjkIdeographRanges[i].first &&
        static_cast<uint32_t>(cp) <= kCjkIdeographRanges[i].last) {
      return cp;
    }
  }
  return -1;
}

}  // namespace

int32_t LookupUnicodeName(std::string_view name) {
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  constexpr std::string_view kCjk = "CJK UNIFIED IDEOGRAPH-";
  if (name.starts_with(kHangul)) {
    int32_t cp = LookupHangulSyllable(name.substr(kHangul.size()));
    if (cp >= 0) return cp;
  }
  if (name.starts_with(kCjk)) return LookupCjkIdeograph(name.substr(kCjk.size()));

  // The table holds upper-case names; the lookup ignores ASCII case as CPython's does.
  std::string key(name);
  for (char& c : key) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  const auto* begin = kNameEntries;
  const auto* end = kNameEntries + kNameEntryCount;
  const auto* it = std::lower_bound(begin, end, key, [](const auto& entry, const std::string& k) {
    return std::string_view(kNames + entry.name_offset) < k;
  });
  if (it != end && std::string_view(kNames + it->name_offset) == key) {
    return static_cast<int32_t>(it->code_point);
  }
  return -1;
}

}  // namespace kensa::python
