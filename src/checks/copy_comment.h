// The `# Copied from <package>.<module>.<Object> with A->B, C->D all-casing` comment: recognizing
// it on a line and applying its replacements, exactly as the reference script's regular
// expressions and `re.sub` calls do (including their quirks: every "with" is deleted from the
// pattern text before it is split at commas; a replacement is a regex and its target a re.sub
// template; all-casing adds lower- and upper-case passes). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::checks {

struct CopyComment {
  std::string_view indent;       // whitespace before "#"
  std::string_view object_name;  // e.g. "models.attention.Attention" (after "<package>.")
  std::string_view
      replace_pattern;  // the rest of the line, e.g. "with A->B all-casing"; "" if none
};

// Matches `^(\s*)#\s*Copied from\s+<package>\.(\S+\.\S+)\s*($|\S.*$)` against `line` (one line,
// with or without its "\n"). The views point into `line`.
std::optional<CopyComment> MatchCopyComment(std::string_view line, std::string_view package);

struct Replacement {
  std::string from;  // a Python regular expression
  std::string to;    // a re.sub replacement template
  bool all_casing = false;
};

// The replacements of a non-empty replace pattern, left to right; pieces that do not have the
// form `A->B` are skipped, as the reference skips them.
std::vector<Replacement> ParseReplacePattern(std::string_view replace_pattern);

// Applies `replacements` to `code` in order. Returns false when a pattern or template is
// invalid, with *error naming the call and what Python's `re` says, e.g.
// "re.sub('a(', 'b', code) fails: missing ), unterminated subpattern at position 1".
bool ApplyReplacements(const std::vector<Replacement>& replacements, std::string* code,
                       std::string* error);

// re.sub(pattern, repl, text), with a fast path for the common literal case.
bool PySub(std::string_view pattern, std::string_view repl, std::string_view text,
           std::string* result, std::string* error);

}  // namespace kensa::checks
