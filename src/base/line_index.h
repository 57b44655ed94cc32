// LineIndex maps byte offsets in a text to CPython's positions: 1-based lines and 0-based
// columns counted in UTF-8 bytes. Built once per source (O(n)); lookups are O(log lines).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kensa {

struct LineCol {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 0-based, UTF-8 bytes from the start of the line
};

class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  LineCol Locate(uint32_t offset) const;
  // Byte offset where 1-based `line` starts; the text size for a line past the end.
  uint32_t LineStart(uint32_t line) const;
  uint32_t LineCount() const { return static_cast<uint32_t>(starts_.size()); }
  // The text of 1-based `line`, without its newline.
  std::string_view Line(std::string_view text, uint32_t line) const;

 private:
  std::vector<uint32_t> starts_;
  uint32_t size_ = 0;
};

}  // namespace kensa
