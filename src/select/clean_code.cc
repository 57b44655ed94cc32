#include "select/clean_code.h"

#include "select/python_text.h"

namespace kensa::select {

std::string ReferenceCleanCode(std::string_view content) {
  std::string without_docstrings = JoinEvenPieces(JoinEvenPieces(content, "\"\"\""), "'''");
  std::string_view text = without_docstrings;
  std::string out;
  out.reserve(text.size());
  bool first = true;
  size_t start = 0;
  while (start <= text.size()) {
    size_t eol = text.find('\n', start);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(start, eol - start);
    // re.sub("#.*$", "", line): '.' matches anything but '\n', which a line has none of.
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    if (!line.empty() && !IsPythonSpace(line)) {
      if (!first) out += '\n';
      out.append(line);
      first = false;
    }
    start = eol + 1;
  }
  return out;
}

bool ReferenceDiffIsDocstringOnly(std::string_view old_content, std::string_view new_content) {
  return ReferenceCleanCode(old_content) == ReferenceCleanCode(new_content);
}

}  // namespace kensa::select
