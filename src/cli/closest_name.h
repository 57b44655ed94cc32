// The "did you mean" of an unknown command: the known name closest to what was typed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kensa::cli {

// The candidate nearest to `typed` (edit distance with transpositions, or a unique prefix),
// or "" when none is close enough to be a plausible typo.
std::string ClosestName(std::string_view typed, const std::vector<std::string_view>& candidates);

}  // namespace kensa::cli
