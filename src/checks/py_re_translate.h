// Python `re` syntax to PCRE2 syntax. The reference scripts hand user text to `re` (for
// instance `re.sub(A, B, code)` with A and B from a `# Copied from ... with A->B` comment), so
// kensa must accept, reject and match exactly what Python's `re` does; the matching is PCRE2's
// (py_re.h), and this layer makes the two agree. It parses the pattern as Python 3.11's
// re._parser does — same tokens, same errors with the same messages and positions — and writes
// each construct in the PCRE2 form that means what Python means:
//   - literals as \x{...} (so PCRE2-only syntax such as [[:alpha:]], \Q, \K, (*VERB) never
//     reaches PCRE2), \Z as \z, \B as (?!\A\z)\B (Python's \B fails on an empty string),
//     \s / \S as Python's str.isspace() set (PCRE2's \s lacks U+001C..U+001F);
//   - \w \d \b with PCRE2_UCP (Unicode 14 letters and numbers, as Python 3.11), ASCII classes
//     under the `a` flag;
//   - (?P<name>...) as a numbered group (PCRE2 10.42 names are ASCII and at most 32 long),
//     (?P=name) and \N as \g{N}, {,n} as {0,n}, verbose mode (x) resolved here;
//   - the look-behind width check, done here because PCRE2 accepts alternatives of different
//     fixed widths that Python rejects.
// Python patterns PCRE2 cannot express are refused with a message starting "kensa does not
// support": repeat counts above 65535, the `a` flag together with `i` (PCRE2 10.42 cannot limit
// case folding to ASCII), the `t` flag. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kensa::checks {

struct PcreTranslation {
  std::string pattern;  // PCRE2 syntax, UTF-8; compile with PCRE2_UTF | PCRE2_UCP (see py_re.cc)
  // Global inline flags of the Python pattern, e.g. "(?i)" at its start.
  bool ignore_case = false;
  bool multiline = false;
  bool dot_all = false;
  size_t groups = 0;                          // pattern.groups
  std::map<std::string, size_t> group_index;  // pattern.groupindex
};

// Translates a Python str pattern (UTF-8). On failure returns false and sets *error to what
// str(re.error) says in Python 3.11 (e.g. "nothing to repeat at position 0"), or to a
// "kensa does not support ..." message for a valid Python pattern PCRE2 cannot express.
bool TranslatePyPattern(std::string_view pattern, PcreTranslation* out, std::string* error);

// Python's repr() of a str (for messages such as "unknown group name 'x'").
std::string PyStrRepr(std::u32string_view s);

// int(s) for a group number written in a pattern or template (surrounding whitespace, a sign and
// underscores between digits are allowed); nullopt where int() fails or gives a negative number.
std::optional<uint64_t> PyGroupNumber(std::u32string_view s);

// str.isidentifier().
bool PyIsIdentifier(std::u32string_view s);

}  // namespace kensa::checks
