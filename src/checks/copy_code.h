// How the reference check_copies.py finds code by text: a definition is a line
// `<indent>(class|def)\s+<name>(\(|:)`, a block goes on while lines start with the body's
// indentation, are empty, or close a multi-line signature (`) -> X:` / `):`), and trailing
// empty lines are dropped. Lines are Python list items (see PyLines); indices follow Python's
// rules, including negative ones, because the reference's loops can walk below zero on odd
// input and must then fail or wrap exactly as it does. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/py_re.h"

namespace kensa::checks {

// A Python list of str, as `readlines()` returns it and as the reference edits it (an item may
// hold several lines once a fix has replaced a block). Items are views into text owned by the
// caller, which outlives the list.
using PyLines = std::vector<std::string_view>;

// lines[i] with Python's negative indexing. False (IndexError) when out of range.
bool PyAt(const PyLines& lines, int64_t i, std::string_view* out);
// lines[begin:end] (Python slice semantics, step 1).
PyLines PySlice(const PyLines& lines, int64_t begin, int64_t end);
// "".join(lines[begin:end]).
std::string PyJoinSlice(const PyLines& lines, int64_t begin, int64_t end);

// `line.startswith(indent) or len(line) <= 1 or re.search(r"^\s*\)(\s*->.*:|:)\s*$", line)`.
bool ShouldContinueBlock(std::string_view line, std::string_view indent);
// re.search(r"^\s*\)(\s*->.*:|:)\s*$", line) is not None.
bool ClosesSignature(std::string_view line);

// re.search(rf"^{indent}(class|def)\s+{name}(\(|\:)", line) is not None, prepared once for
// the many lines a search tries. A `name` with regex metacharacters is compiled as Python
// would compile the pattern; an invalid one is reported by error() and matches nothing.
class DefinitionMatcher {
 public:
  DefinitionMatcher(std::string_view indent, std::string_view name);
  bool Matches(std::string_view line) const;
  const std::string& error() const { return error_; }

 private:
  std::string indent_;
  std::string name_;
  std::optional<PyRe> regex_;  // set when the pattern is not literal
  std::string error_;
};

// One-off form of DefinitionMatcher.
bool IsDefinitionOf(std::string_view line, std::string_view indent, std::string_view name,
                    std::string* error);

// get_indent(code): the indentation of the first non-empty line of code.split("\n").
// Returns false when that line is blank (the reference then fails with AttributeError).
bool GetIndent(std::string_view code, std::string_view* indent);

// os.path.join(a, b) for POSIX paths.
std::string PyPathJoin(std::string_view a, std::string_view b);

}  // namespace kensa::checks
