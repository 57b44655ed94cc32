#include "base/line_index.h"

#include <algorithm>

namespace kensa {

LineIndex::LineIndex(std::string_view text) : size_(static_cast<uint32_t>(text.size())) {
  starts_.push_back(0);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

LineCol LineIndex::Locate(uint32_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - starts_.begin());  // 1-based: starts_[line-1] <= offset
  return LineCol{line, offset - starts_[line - 1]};
}

uint32_t LineIndex::LineStart(uint32_t line) const {
  if (line == 0) return 0;
  if (line > starts_.size()) return size_;
  return starts_[line - 1];
}

std::string_view LineIndex::Line(std::string_view text, uint32_t line) const {
  uint32_t begin = LineStart(line);
  uint32_t end = line < starts_.size() ? starts_[line] : size_;
  std::string_view s = text.substr(begin, end - begin);
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  return s;
}

}  // namespace kensa
