// re.sub's replacement templates as Python 3.11 reads them (re._parser.parse_template): \1 and
// \g<1> / \g<name> insert a group (an unmatched one inserts ""), \0 and three-digit octal escapes
// insert a character, \a \b \f \n \r \t \v \\ their characters, another backslash before an
// ASCII letter is an error, and a backslash before anything else stays as it is. Pure;
// thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::checks {

struct PyTemplatePiece {
  bool is_group = false;
  size_t group = 0;     // when is_group
  std::string literal;  // otherwise (UTF-8)
};

// Parses `repl` (UTF-8) for a pattern with `groups` capturing groups named by `group_index`.
// On failure returns false with *error set to what Python says (e.g. "invalid group reference
// 2 at position 1", "unknown group name 'x'").
bool ParsePyTemplate(std::string_view repl, size_t groups,
                     const std::map<std::string, size_t>& group_index,
                     std::vector<PyTemplatePiece>* pieces, std::string* error);

}  // namespace kensa::checks
