#include "project/module_name.h"

#include <algorithm>

namespace kensa::project {

bool IsPackageInit(std::string_view path) {
  return path == "__init__.py" || path.ends_with("/__init__.py");
}

std::string ModuleNameForPath(std::string_view path, const std::vector<std::string>& roots) {
  std::string_view rest = path;
  size_t best = std::string_view::npos;
  for (const std::string& root : roots) {
    if (root.empty()) {
      if (best == std::string_view::npos) best = 0;
    } else if (path.size() > root.size() && path.starts_with(root) && path[root.size()] == '/' &&
               (best == std::string_view::npos || root.size() + 1 > best)) {
      best = root.size() + 1;
    }
  }
  if (best != std::string_view::npos) rest = path.substr(best);
  if (rest.ends_with(".py")) rest.remove_suffix(3);
  if (rest == "__init__") return "";
  if (rest.ends_with("/__init__")) rest.remove_suffix(9);
  std::string name(rest);
  std::replace(name.begin(), name.end(), '/', '.');
  return name;
}

bool IsDottedIdentifier(std::string_view name) {
  if (name.empty()) return false;
  bool start = true;
  for (unsigned char c : name) {
    if (c == '.') {
      if (start) return false;
      start = true;
      continue;
    }
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    bool digit = c >= '0' && c <= '9';
    if (!(alpha || (digit && !start))) return false;
    start = false;
  }
  return !start;
}

}  // namespace kensa::project
