// JsonWriter: streams JSON text into a string, for outputs too large to build as a document
// first (the import graph of a repository has tens of thousands of edges). The caller keeps
// the structure balanced; commas are inserted automatically. Writes go straight into the
// string's buffer, grown geometrically; Finish() (or the destructor) trims it to what was
// written, so call Finish() before reading the string. Not thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "render/json.h"

namespace kensa::cli {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out), used_(out->size()) {}
  ~JsonWriter() { Finish(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // An object key (plain ASCII: keys are not escaped); the next call writes its value.
  JsonWriter& Key(std::string_view key);
  // A key that comes from data (a file path), escaped like a string value.
  JsonWriter& EscapedKey(std::string_view key);
  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  // A value already in JSON form (a number).
  JsonWriter& Raw(std::string_view text);
  JsonWriter& StringArray(const std::vector<std::string>& items);
  // Trims the string to the text written so far.
  void Finish() {
    if (wrote_) out_->resize(used_);
    wrote_ = false;
  }

 private:
  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  void Separate();
  void Escaped(std::string_view s);
  // Room for n more bytes at out_->data() + used_.
  char* Room(size_t n) {
    wrote_ = true;
    if (out_->size() - used_ < n) out_->resize(std::max(out_->size() * 2, used_ + n + 4096));
    return out_->data() + used_;
  }
  void Put(char c) {
    *Room(1) = c;
    ++used_;
  }
  void Put(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    used_ += s.size();
  }

  std::string* out_;
  size_t used_;
  // Bit d: nothing written yet in the container open at depth d (deeper than 64 levels is not
  // supported; kensa's outputs nest a handful).
  uint64_t first_bits_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
  bool wrote_ = false;
};

// Writes a render/ document through `w`, so the CLI's --json text stays what JsonWriter has
// always written (compact, its escaping) whichever layer built the document.
void WriteJson(JsonWriter& w, const render::Json& j);
// The document as one line of text, newline-terminated: what a --json command prints.
std::string JsonLine(const render::Json& j);

}  // namespace kensa::cli
