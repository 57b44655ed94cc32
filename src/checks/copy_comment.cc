#include "checks/copy_comment.h"

#include "checks/py_re.h"
#include "checks/py_re_translate.h"
#include "checks/py_text.h"

namespace kensa::checks {

namespace {

bool StartsWith(std::string_view s, size_t at, std::string_view prefix) {
  return s.size() - at >= prefix.size() && s.compare(at, prefix.size(), prefix) == 0;
}

}  // namespace

std::optional<CopyComment> MatchCopyComment(std::string_view line, std::string_view package) {
  // ^(\s*)#  — most lines fail here, on their first character after ASCII indentation.
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i < line.size() && line[i] != '#' && static_cast<unsigned char>(line[i]) < 0x80 &&
      !IsPySpace(static_cast<unsigned char>(line[i]))) {
    return std::nullopt;
  }
  i = SkipPySpace(line, i);
  if (i >= line.size() || line[i] != '#') return std::nullopt;
  std::string_view indent = line.substr(0, i);
  // \s*Copied from\s+
  i = SkipPySpace(line, i + 1);
  if (!StartsWith(line, i, "Copied from")) return std::nullopt;
  i += 11;
  size_t after_space = SkipPySpace(line, i);
  if (after_space == i) return std::nullopt;
  i = after_space;
  // <package>\.
  if (!StartsWith(line, i, package) || !StartsWith(line, i + package.size(), ".")) {
    return std::nullopt;
  }
  i += package.size() + 1;
  // (\S+\.\S+): backtracking always settles on the whole run of non-space characters, provided
  // it has a "." with something on both sides.
  size_t run_end = SkipNonPySpace(line, i);
  std::string_view run = line.substr(i, run_end - i);
  if (run.size() < 3) return std::nullopt;
  size_t dot = run.find('.', 1);
  if (dot == std::string_view::npos || dot + 1 >= run.size()) {
    // A "." only at the very end does not count; look for an earlier one.
    return std::nullopt;
  }
  // \s*($|\S.*$): "$" matches at the end or before a final "\n"; "." stops at "\n".
  size_t m = SkipPySpace(line, run_end);
  std::string_view rest;
  if (m < line.size()) {
    size_t nl = line.find('\n', m);
    size_t q = nl == std::string_view::npos ? line.size() : nl;
    if (q != line.size() && q + 1 != line.size()) return std::nullopt;
    rest = line.substr(m, q - m);
  }
  return CopyComment{indent, run, rest};
}

std::vector<Replacement> ParseReplacePattern(std::string_view replace_pattern) {
  std::vector<Replacement> out;
  std::string cleaned = PyReplace(replace_pattern, "with", "");
  for (std::string_view piece : PySplit(cleaned, ',')) {
    // ^\s*(\S+)->(\S+)(\s+.*|$): the first group backtracks to the last "->" that leaves a
    // non-empty second group; the second group is the rest of the run.
    size_t start = SkipPySpace(piece, 0);
    size_t run_end = SkipNonPySpace(piece, start);
    std::string_view run = piece.substr(start, run_end - start);
    if (run.size() < 4) continue;
    size_t arrow = run.rfind("->", run.size() - 3);
    if (arrow == std::string_view::npos || arrow == 0) continue;
    Replacement r;
    r.from = std::string(run.substr(0, arrow));
    r.to = std::string(run.substr(arrow + 2));
    // (\s+.*): whitespace (any, newlines included) then up to the next "\n".
    size_t m = SkipPySpace(piece, run_end);
    size_t nl = piece.find('\n', m);
    std::string_view option =
        piece.substr(run_end, (nl == std::string_view::npos ? piece.size() : nl) - run_end);
    r.all_casing = PyStrip(option) == "all-casing";
    out.push_back(std::move(r));
  }
  return out;
}

bool PySub(std::string_view pattern, std::string_view repl, std::string_view text,
           std::string* result, std::string* error) {
  if (!pattern.empty() && PyRe::IsLiteral(pattern) && repl.find('\\') == std::string_view::npos) {
    *result = PyReplace(text, pattern, repl);
    return true;
  }
  std::optional<PyRe> regex = PyRe::Compile(pattern, error);
  if (!regex) return false;
  return regex->Sub(repl, text, result, error);
}

bool ApplyReplacements(const std::vector<Replacement>& replacements, std::string* code,
                       std::string* error) {
  std::string next;
  auto sub = [&](std::string_view from, std::string_view to) {
    std::string message;
    if (!PySub(from, to, *code, &next, &message)) {
      *error = "re.sub(" + PyStrRepr(DecodeUtf8(from)) + ", " + PyStrRepr(DecodeUtf8(to)) +
               ", code) fails: " + message;
      return false;
    }
    code->swap(next);
    return true;
  };
  for (const Replacement& r : replacements) {
    if (!sub(r.from, r.to)) return false;
    if (r.all_casing) {
      if (!sub(PyLower(r.from), PyLower(r.to))) return false;
      if (!sub(PyUpper(r.from), PyUpper(r.to))) return false;
    }
  }
  return true;
}

}  // namespace kensa::checks
