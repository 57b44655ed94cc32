#include "select/clean_code.h"

#include "select/python_text.h"

namespace kensa::select {

namespace {

// Drops what follows the first '#' of each line, and the lines left blank; joins with "\n".
std::string DropCommentsAndBlankLines(std::string_view text) {
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

}  // namespace

std::string ReferenceCleanCode(std::string_view content) {
  return DropCommentsAndBlankLines(JoinEvenPieces(JoinEvenPieces(content, "\"\"\""), "'''"));
}

std::string ReferenceKeepDocExamplesOnly(std::string_view content) {
  // "```" + "```".join(content.split("```")[1::2]) + "```"
  std::string kept = "```";
  size_t start = 0;
  bool inside = false;
  bool first = true;
  while (true) {
    size_t next = content.find("```", start);
    std::string_view piece = content.substr(
        start, next == std::string_view::npos ? std::string_view::npos : next - start);
    if (inside) {
      if (!first) kept += "```";
      kept.append(piece);
      first = false;
    }
    if (next == std::string_view::npos) break;
    start = next + 3;
    inside = !inside;
  }
  kept += "```";
  return DropCommentsAndBlankLines(kept);
}

bool ReferenceDiffIsDocstringOnly(std::string_view old_content, std::string_view new_content) {
  return ReferenceCleanCode(old_content) == ReferenceCleanCode(new_content);
}

}  // namespace kensa::select
