// The binary form of a ModuleSummary, used by the on-disk cache: compact (varints,
// length-prefixed strings), versioned by kSummaryFormatVersion, and decoded defensively —
// truncated or corrupt bytes make DecodeSummary fail, they never crash or over-read.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/module_summary.h"

namespace kensa::index {

// Bump whenever the encoding or the meaning of a summary field changes (a new import kind, a
// fix in the summary builder): old caches are then ignored and rebuilt.
// 2: scopes and name bindings; 3: the error first
inline constexpr uint32_t kSummaryFormatVersion = 3;

void EncodeSummary(const ModuleSummary& summary, std::string* out);
bool DecodeSummary(std::string_view bytes, ModuleSummary* summary);
// What a warm index needs of a summary it may never decode: its error, and the number of names
// of each import (to check cached edges against). Allocates nothing per string.
bool PeekSummary(std::string_view bytes, std::optional<SummaryError>* error,
                 std::vector<uint32_t>* import_names);

// The primitives, shared with the cache's own framing.
class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}
  void Varint(uint64_t v);
  void String(std::string_view s);
  void Fixed64(uint64_t v);
  void Byte(uint8_t b) { out_->push_back(static_cast<char>(b)); }

 private:
  std::string* out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool Varint(uint64_t* v);
  bool Varint32(uint32_t* v);
  bool String(std::string* s);
  bool StringView(std::string_view* s);
  bool Fixed64(uint64_t* v);
  bool Byte(uint8_t* b);
  bool Skip(size_t n);
  size_t position() const { return pos_; }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace kensa::index
