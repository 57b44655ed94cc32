#include "checks/copy_code.h"

#include <optional>

#include "checks/py_re.h"
#include "checks/py_re_translate.h"
#include "checks/py_text.h"

namespace kensa::checks {

namespace {

// Clamps a Python slice bound to [0, n].
int64_t SliceBound(int64_t i, int64_t n) {
  if (i < 0) i += n;
  if (i < 0) return 0;
  return i > n ? n : i;
}

// Byte offset of the first byte of the last non-whitespace code point of s, or npos.
size_t LastNonSpace(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::string_view cp = s.substr(start, end - start);
    if (SkipPySpace(cp, 0) == 0) return start;
    end = start;
  }
  return std::string_view::npos;
}

}  // namespace

bool PyAt(const PyLines& lines, int64_t i, std::string_view* out) {
  int64_t n = static_cast<int64_t>(lines.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) return false;
  *out = lines[static_cast<size_t>(i)];
  return true;
}

PyLines PySlice(const PyLines& lines, int64_t begin, int64_t end) {
  int64_t n = static_cast<int64_t>(lines.size());
  begin = SliceBound(begin, n);
  end = SliceBound(end, n);
  if (end <= begin) return {};
  return PyLines(lines.begin() + begin, lines.begin() + end);
}

std::string PyJoinSlice(const PyLines& lines, int64_t begin, int64_t end) {
  int64_t n = static_cast<int64_t>(lines.size());
  begin = SliceBound(begin, n);
  end = SliceBound(end, n);
  std::string out;
  size_t total = 0;
  for (int64_t i = begin; i < end; ++i) total += lines[static_cast<size_t>(i)].size();
  out.reserve(total);
  for (int64_t i = begin; i < end; ++i) out.append(lines[static_cast<size_t>(i)]);
  return out;
}

bool ClosesSignature(std::string_view line) {
  size_t i = SkipPySpace(line, 0);
  if (i >= line.size() || line[i] != ')') return false;
  ++i;
  // (\s*->.*:) \s*$ : after "->", the last non-space character is ":" on the same line.
  size_t j = SkipPySpace(line, i);
  if (line.compare(j, 2, "->") == 0) {
    size_t q = LastNonSpace(line);
    if (q != std::string_view::npos && q >= j + 2 && line[q] == ':' &&
        line.substr(j + 2, q - j - 2).find('\n') == std::string_view::npos) {
      return true;
    }
  }
  // (:) \s*$
  return i < line.size() && line[i] == ':' && SkipPySpace(line, i + 1) == line.size();
}

bool ShouldContinueBlock(std::string_view line, std::string_view indent) {
  return line.substr(0, indent.size()) == indent || PyLenAtMostOne(line) || ClosesSignature(line);
}

DefinitionMatcher::DefinitionMatcher(std::string_view indent, std::string_view name)
    : indent_(indent), name_(name) {
  if (!PyRe::IsLiteral(name) || !PyRe::IsLiteral(indent)) {
    std::string pattern = "^";
    pattern.append(indent).append("(class|def)\\s+").append(name).append("(\\(|\\:)");
    std::string message;
    regex_ = PyRe::Compile(pattern, &message);
    if (!regex_)
      error_ = "re.search(" + PyStrRepr(DecodeUtf8(pattern)) + ", line) fails: " + message;
  }
}

bool DefinitionMatcher::Matches(std::string_view line) const {
  if (!error_.empty()) return false;
  if (regex_) return regex_->Search(line);
  size_t i = indent_.size();
  // Cheapest test first: the character after the indentation starts "class" or "def".
  if (line.size() < i + 4 || (line[i] != 'c' && line[i] != 'd') ||
      line.compare(0, i, indent_) != 0) {
    return false;
  }
  if (line.compare(i, 5, "class") == 0) {
    i += 5;
  } else if (line.compare(i, 3, "def") == 0) {
    i += 3;
  } else {
    return false;
  }
  size_t after = SkipPySpace(line, i);
  if (after == i) return false;
  if (line.compare(after, name_.size(), name_) != 0) return false;
  after += name_.size();
  return after < line.size() && (line[after] == '(' || line[after] == ':');
}

bool IsDefinitionOf(std::string_view line, std::string_view indent, std::string_view name,
                    std::string* error) {
  DefinitionMatcher matcher(indent, name);
  *error = matcher.error();
  return matcher.Matches(line);
}

bool GetIndent(std::string_view code, std::string_view* indent) {
  for (std::string_view line : PySplit(code, '\n')) {
    if (line.empty()) continue;
    size_t i = SkipPySpace(line, 0);
    if (i == line.size()) return false;
    *indent = line.substr(0, i);
    return true;
  }
  *indent = {};
  return true;
}

std::string PyPathJoin(std::string_view a, std::string_view b) {
  if (!b.empty() && b[0] == '/') return std::string(b);
  std::string out(a);
  if (!out.empty() && out.back() != '/') out.push_back('/');
  out.append(b);
  return out;
}

}  // namespace kensa::checks
