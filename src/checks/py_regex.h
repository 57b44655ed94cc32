// PyRegex: Python's `re` for the patterns repository scripts build from user text — for
// instance `re.sub(obj1, obj2, code)` with obj1/obj2 taken from a `# Copied from ... with A->B`
// comment, where "self.x" is a pattern in which "." matches any character. A backtracking
// matcher over code points with Python's semantics for what such patterns use: literals, ".",
// classes with ranges and \d \w \s (Unicode), groups (capturing, (?:...), (?P<name>...),
// (?P=name), atomic (?>...)), alternation, greedy / lazy / possessive quantifiers, anchors
// (^ $ \A \Z \b \B), look-around, backreferences, and re.sub's replacement templates (\1,
// \g<name>, escapes) and empty-match rules. Inline flags and \N{...} are reported as
// unsupported rather than guessed. A compiled pattern is immutable and thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::checks {

class PyRegex {
 public:
  // Compiles `pattern` (UTF-8). On failure returns nullopt and sets *error to Python's
  // re.error text where kensa knows it (e.g. "nothing to repeat at position 0").
  static std::optional<PyRegex> Compile(std::string_view pattern, std::string* error);

  PyRegex(PyRegex&&) noexcept;
  PyRegex& operator=(PyRegex&&) noexcept;
  ~PyRegex();

  // re.search(pattern, text) is not None.
  bool Search(std::string_view text) const;

  // re.match (`anchored`: only at the start) or re.search. On a match returns true and sets
  // *groups to groups(): each capturing group's text, nullopt for a group that did not take part.
  bool Find(std::string_view text, bool anchored,
            std::vector<std::optional<std::string>>* groups) const;

  // re.sub(pattern, repl, text). Returns false with *error set for an invalid template (e.g.
  // "invalid group reference 3 at position 1").
  bool Sub(std::string_view repl, std::string_view text, std::string* result,
           std::string* error) const;

  // True when `pattern` contains no character that is special in a Python regex, so it matches
  // itself literally.
  static bool IsLiteral(std::string_view pattern);

  struct Program;  // the compiled form; defined in py_regex.cc

 private:
  explicit PyRegex(std::unique_ptr<Program> program);
  std::unique_ptr<Program> program_;
};

}  // namespace kensa::checks
