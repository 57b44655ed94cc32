// Diagnostic: one problem with one input (a file that cannot be read, a syntax error, a
// symlink loop, a bad config), named by its path and, where known, its position. Problems are
// values collected next to results: one bad file never stops a run. Plain data; copyable.
#pragma once

#include <cstdint>
#include <string>

namespace kensa::project {

struct Diagnostic {
  enum class Severity : uint8_t { kWarning, kError };
  Severity severity = Severity::kError;
  std::string path;     // relative to the project root where possible
  uint32_t line = 0;    // 1-based; 0 when the problem is the whole file
  uint32_t column = 0;  // 1-based; 0 when unknown
  std::string message;

  // "path:line:col: message" (position parts omitted when unknown).
  std::string ToString() const {
    std::string s = path;
    if (line != 0) {
      s += ':' + std::to_string(line);
      if (column != 0) s += ':' + std::to_string(column);
    }
    s += ": ";
    s += message;
    return s;
  }
};

}  // namespace kensa::project
