#include "cli/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace kensa::cli {

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  uint64_t bit = uint64_t{1} << (depth_ - 1);
  if ((first_bits_ & bit) == 0) Put(',');
  first_bits_ &= ~bit;
}

JsonWriter& JsonWriter::Open(char c) {
  Separate();
  Put(c);
  ++depth_;
  first_bits_ |= uint64_t{1} << (depth_ - 1);
  return *this;
}

JsonWriter& JsonWriter::Close(char c) {
  Put(c);
  --depth_;
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  Separate();
  // Keys are kensa's own literals: plain ASCII, nothing to escape.
  char* p = Room(key.size() + 3);
  *p++ = '"';
  std::memcpy(p, key.data(), key.size());
  p[key.size()] = '"';
  p[key.size() + 1] = ':';
  used_ += key.size() + 3;
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::EscapedKey(std::string_view key) {
  Separate();
  Escaped(key);
  Put(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view s) {
  Separate();
  Escaped(s);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t v) {
  Separate();
  char* p = Room(24);
  used_ += static_cast<size_t>(std::to_chars(p, p + 24, v).ptr - p);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool v) {
  Separate();
  Put(v ? std::string_view("true") : std::string_view("false"));
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view text) {
  Separate();
  Put(text);
  return *this;
}

JsonWriter& JsonWriter::Null() {
  Separate();
  Put(std::string_view("null"));
  return *this;
}

JsonWriter& JsonWriter::StringArray(const std::vector<std::string>& items) {
  BeginArray();
  for (const std::string& s : items) String(s);
  return EndArray();
}

void JsonWriter::Escaped(std::string_view s) {
  // Almost every string is plain (module names, paths): copy it at once when it is.
  size_t first = 0;
  while (first < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[first]);
    if (c < 0x20 || c == '"' || c == '\\') break;
    ++first;
  }
  char* p = Room(s.size() + 2);
  *p++ = '"';
  std::memcpy(p, s.data(), first);
  used_ += first + 1;
  for (size_t i = first; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        Put("\\\"");
        break;
      case '\\':
        Put("\\\\");
        break;
      case '\n':
        Put("\\n");
        break;
      case '\t':
        Put("\\t");
        break;
      case '\r':
        Put("\\r");
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          Put(buf);
        } else {
          Put(static_cast<char>(c));
        }
    }
  }
  Put('"');
}

void WriteJson(JsonWriter& w, const render::Json& j) {
  switch (j.type()) {
    case render::Json::value_t::object:
      w.BeginObject();
      for (const auto& [key, value] : j.items()) {
        w.EscapedKey(key);
        WriteJson(w, value);
      }
      w.EndObject();
      break;
    case render::Json::value_t::array:
      w.BeginArray();
      for (const render::Json& item : j) WriteJson(w, item);
      w.EndArray();
      break;
    case render::Json::value_t::string:
      w.String(j.get_ref<const std::string&>());
      break;
    case render::Json::value_t::boolean:
      w.Bool(j.get<bool>());
      break;
    case render::Json::value_t::number_integer:
      w.Int(j.get<int64_t>());
      break;
    case render::Json::value_t::number_unsigned:
      w.Int(static_cast<int64_t>(j.get<uint64_t>()));
      break;
    case render::Json::value_t::number_float:
      w.Raw(j.dump());
      break;
    default:  // null, discarded, binary: kensa's documents hold none but null
      w.Null();
      break;
  }
}

std::string JsonLine(const render::Json& j) {
  std::string out;
  {
    JsonWriter w(&out);
    WriteJson(w, j);
  }
  out += "\n";
  return out;
}

}  // namespace kensa::cli
