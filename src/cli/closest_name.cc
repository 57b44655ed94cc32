#include "cli/closest_name.h"

#include <algorithm>
#include <cctype>

namespace kensa::cli {
namespace {

char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Optimal string alignment distance, case-insensitive: insert, delete, replace, swap.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
          Lower(a[i - 2]) == Lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string ClosestName(std::string_view typed, const std::vector<std::string_view>& candidates) {
  if (typed.empty()) return "";
  // A unique prefix ("cyc" for cycles) is what the user meant to abbreviate.
  std::string_view prefixed;
  int prefix_count = 0;
  for (std::string_view c : candidates) {
    if (c.size() > typed.size() && c.substr(0, typed.size()) == typed) {
      prefixed = c;
      ++prefix_count;
    }
  }
  if (prefix_count == 1 && typed.size() >= 2) return std::string(prefixed);
  // Otherwise a typo: at most a third of the name wrong (and at least one edit allowed).
  std::string_view best;
  size_t best_distance = std::max<size_t>(1, typed.size() / 3) + 1;
  for (std::string_view c : candidates) {
    size_t distance = EditDistance(typed, c);
    if (distance < best_distance) {
      best = c;
      best_distance = distance;
    }
  }
  return std::string(best);
}

}  // namespace kensa::cli
