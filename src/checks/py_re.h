// PyRe: Python's `re` for the patterns repository scripts build from user text — for instance
// `re.sub(obj1, obj2, code)` with obj1/obj2 taken from a `# Copied from ... with A->B` comment,
// where "self.x" is a pattern in which "." matches any character — matched by PCRE2. The
// pattern goes through py_re_translate.h (Python syntax, errors and semantics in PCRE2 form),
// the replacement through py_re_template.h, and Sub follows re.sub's loop (an empty match is
// allowed right after a previous match, not at the same place twice). A compiled pattern is
// immutable and thread-safe (each call uses its own match data).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::checks {

class PyRe {
 public:
  // Compiles `pattern` (UTF-8) as re.compile(pattern) would. On failure returns nullopt and
  // sets *error to str(re.error) (e.g. "nothing to repeat at position 0"), or to a message
  // starting "kensa does not support" for a valid Python pattern PCRE2 cannot express.
  static std::optional<PyRe> Compile(std::string_view pattern, std::string* error);

  // re.search(pattern, text) is not None. `text` must be valid UTF-8.
  bool Search(std::string_view text) const;

  // re.match (`anchored`: only at the start) or re.search. On a match returns true and sets
  // *groups to groups(): each capturing group's text, nullopt for a group that did not take part.
  bool Find(std::string_view text, bool anchored,
            std::vector<std::optional<std::string>>* groups) const;

  // re.findall(pattern, text) for a pattern with at most one capturing group: each match's
  // group (or the whole match without one), "" for a group that did not take part; matches
  // found as re.finditer finds them (an empty match may follow a match right away, never two at
  // one place). Returns false with *error set when PCRE2 gives up (see Sub) or for a pattern
  // with several groups (findall would give tuples).
  struct Found {
    size_t offset = 0;  // byte offset of the group (of the match without one) in `text`
    std::string text;
  };
  bool FindAll(std::string_view text, std::vector<Found>* found, std::string* error) const;
  // re.sub(pattern, repl, text). Returns false with *error set for an invalid template (e.g.
  // "invalid group reference 3 at position 1"), text that is not UTF-8, or a match PCRE2 gave
  // up on (its backtracking limit; Python would go on, possibly for a very long time).
  bool Sub(std::string_view repl, std::string_view text, std::string* result,
           std::string* error) const;

  // True when `pattern` contains no character that is special in a Python regex, so it matches
  // itself literally.
  static bool IsLiteral(std::string_view pattern);

  struct Compiled;  // the PCRE2 code and the group names; defined in py_re.cc

 private:
  explicit PyRe(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace kensa::checks
