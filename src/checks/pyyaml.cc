#include "checks/pyyaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "checks/py_re.h"
#include "checks/py_text.h"

namespace kensa::checks {
namespace {

using Kind = PyYamlValue::Kind;

// PyYAML's implicit resolvers (YAML 1.1), tried in its order among those registered for the
// scalar's first character.
struct Resolver {
  Kind kind;
  const char* first_chars;  // "" entry: also for the empty scalar
  bool empty_too;
  const char* pattern;
};

const std::vector<std::pair<Resolver, PyRe>>& Resolvers() {
  static const std::vector<std::pair<Resolver, PyRe>> resolvers = [] {
    const Resolver table[] = {
        {Kind::kBool, "yYnNtTfFoO", false,
         "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"},
        {Kind::kFloat, "-+0123456789.", false,
         R"(^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$)"},
        {Kind::kInt, "-+0123456789", false,
         R"(^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$)"},
        {Kind::kList, "<", false, "^(?:<<)$"},  // merge: not reproduced (marked kList)
        {Kind::kNull, "~nN", true, "^(?:~|null|Null|NULL|)$"},
        {Kind::kMap, "0123456789", false,  // timestamp: not reproduced (marked kMap)
         R"(^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$)"},
        {Kind::kList, "=", false, "^(?:=)$"},  // value: not reproduced
    };
    std::vector<std::pair<Resolver, PyRe>> out;
    std::string error;
    for (const Resolver& r : table) out.emplace_back(r, *PyRe::Compile(r.pattern, &error));
    return out;
  }();
  return resolvers;
}

// What a plain scalar means to PyYAML; kStr when no resolver takes it. kList / kMap stand for
// the merge, value and timestamp tags, which kensa does not reproduce.
Kind ResolvePlain(std::string_view text) {
  for (const auto& [r, re] : Resolvers()) {
    bool applies = text.empty()
                       ? r.empty_too
                       : std::string_view(r.first_chars).find(text[0]) != std::string_view::npos;
    if (applies && re.Search(text)) return r.kind;
  }
  return Kind::kStr;
}

bool ToValue(const YAML::Node& node, PyYamlValue* out, std::string* error) {
  auto where = [&] { return "line " + std::to_string(node.Mark().line + 1) + ": "; };
  switch (node.Type()) {
    case YAML::NodeType::Null:
      out->kind = Kind::kNull;
      return true;
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      const std::string& tag = node.Tag();
      if (tag == "!" || tag == "tag:yaml.org,2002:str") {
        out->kind = Kind::kStr;
        out->text = text;
        return true;
      }
      if (tag != "?") {
        *error = where() + "the tag " + tag + " is not reproduced";
        return false;
      }
      Kind kind = ResolvePlain(text);
      if (kind == Kind::kList || kind == Kind::kMap) {
        *error = where() + "'" + text + "' is a merge key, value or timestamp: not reproduced";
        return false;
      }
      out->kind = kind;
      if (kind == Kind::kBool) {
        char c = text[0];
        out->boolean = c == 'y' || c == 'Y' || c == 't' || c == 'T' ||
                       ((c == 'o' || c == 'O') && text.size() == 2);
      } else if (kind != Kind::kNull) {
        out->text = text;
      }
      return true;
    }
    case YAML::NodeType::Sequence:
      out->kind = Kind::kList;
      for (const YAML::Node& item : node) {
        out->items.emplace_back();
        if (!ToValue(item, &out->items.back(), error)) return false;
      }
      return true;
    case YAML::NodeType::Map:
      out->kind = Kind::kMap;
      for (const auto& kv : node) {
        PyYamlValue key;
        if (!ToValue(kv.first, &key, error)) return false;
        if (key.kind != Kind::kStr) {
          *error = where() + "a key that is not a string: not reproduced";
          return false;
        }
        // A repeated key keeps its first place and its last value, as a dict does.
        PyYamlValue* existing = out->Find(key.text);
        PyYamlValue value;
        if (!ToValue(kv.second, &value, error)) return false;
        if (existing != nullptr) {
          *existing = std::move(value);
        } else {
          out->entries.emplace_back(key.text, std::move(value));
        }
      }
      return true;
    case YAML::NodeType::Undefined:
      break;
  }
  *error = where() + "an undefined node";
  return false;
}

// --- the emitter -------------------------------------------------------------------------------

constexpr size_t kBestWidth = 80;

bool IsBreak(char32_t c) {
  return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
}
bool IsSpaceOrBreak(char32_t c) {
  return c == 0 || c == ' ' || c == '\t' || c == '\r' || IsBreak(c);
}

struct Analysis {
  bool empty = false, multiline = false;
  bool allow_block_plain = true, allow_single_quoted = true;
};

// Emitter.analyze_scalar with allow_unicode=True, for block context.
Analysis Analyze(const std::u32string& s) {
  Analysis a;
  if (s.empty()) {
    a.empty = true;
    a.allow_block_plain = true;  // never plain: the empty scalar resolves to null
    return a;
  }
  bool block_indicators = false, line_breaks = false, special = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false,
       break_space = false, space_break = false;
  if (s.rfind(U"---", 0) == 0 || s.rfind(U"...", 0) == 0) block_indicators = true;
  bool preceded_by_whitespace = true;
  bool followed_by_whitespace = s.size() == 1 || IsSpaceOrBreak(s[1]);
  bool previous_space = false, previous_break = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t ch = s[i];
    if (i == 0) {
      if (std::u32string_view(U"#,[]{}&*!|>'\"%@`").find(ch) != std::u32string_view::npos) {
        block_indicators = true;
      }
      if ((ch == '?' || ch == ':') && followed_by_whitespace) block_indicators = true;
      if (ch == '-' && followed_by_whitespace) block_indicators = true;
    } else {
      if (ch == ':' && followed_by_whitespace) block_indicators = true;
      if (ch == '#' && preceded_by_whitespace) block_indicators = true;
    }
    if (IsBreak(ch)) line_breaks = true;
    if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E))) {
      bool printable = (ch == 0x85 || (ch >= 0xA0 && ch <= 0xD7FF) ||
                        (ch >= 0xE000 && ch <= 0xFFFD) || (ch >= 0x10000 && ch < 0x10FFFF)) &&
                       ch != 0xFEFF;
      if (!printable) special = true;
    }
    if (ch == ' ') {
      if (i == 0) leading_space = true;
      if (i + 1 == s.size()) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (IsBreak(ch)) {
      if (i == 0) leading_break = true;
      if (i + 1 == s.size()) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = previous_break = false;
    }
    preceded_by_whitespace = IsSpaceOrBreak(ch);
    followed_by_whitespace = i + 2 >= s.size() || IsSpaceOrBreak(s[i + 2]);
  }
  a.multiline = line_breaks;
  if (leading_space || leading_break || trailing_space || trailing_break) {
    a.allow_block_plain = false;
  }
  if (break_space) a.allow_block_plain = a.allow_single_quoted = false;
  if (space_break || special) a.allow_block_plain = a.allow_single_quoted = false;
  if (line_breaks) a.allow_block_plain = false;
  if (block_indicators) a.allow_block_plain = false;
  return a;
}

class Emitter {
 public:
  std::string out;
  std::string error;

  bool Node(const PyYamlValue& v, size_t indent, bool in_sequence_item);

 private:
  size_t column_ = 0;

  void Write(std::u32string_view text) {
    std::string bytes = EncodeUtf8(text);
    out += bytes;
    column_ += text.size();
  }
  void Write(std::string_view ascii) {
    out += ascii;
    column_ += ascii.size();
  }
  void NewLine(size_t indent) {
    out += '\n';
    out.append(indent, ' ');
    column_ = indent;
  }
  bool Scalar(const PyYamlValue& v, size_t continuation, bool simple_key);
  void Plain(const std::u32string& text, size_t continuation, bool split);
  void SingleQuoted(const std::u32string& text, size_t continuation, bool split);
};

void Emitter::Plain(const std::u32string& text, size_t continuation, bool split) {
  bool spaces = false;
  size_t start = 0;
  for (size_t end = 0; end <= text.size(); ++end) {
    char32_t ch = end < text.size() ? text[end] : 0;
    bool at_end = end == text.size();
    if (spaces) {
      if (at_end || ch != ' ') {
        if (start + 1 == end && column_ > kBestWidth && split) {
          NewLine(continuation);
        } else {
          Write(std::u32string_view(text).substr(start, end - start));
        }
        start = end;
      }
    } else if (at_end || ch == ' ') {
      Write(std::u32string_view(text).substr(start, end - start));
      start = end;
    }
    if (!at_end) spaces = ch == ' ';
  }
}

void Emitter::SingleQuoted(const std::u32string& text, size_t continuation, bool split) {
  Write("'");
  bool spaces = false;
  size_t start = 0;
  for (size_t end = 0; end <= text.size(); ++end) {
    char32_t ch = end < text.size() ? text[end] : 0;
    bool at_end = end == text.size();
    if (spaces) {
      if (at_end || ch != ' ') {
        if (start + 1 == end && column_ > kBestWidth && split && start != 0 && end != text.size()) {
          NewLine(continuation);
        } else {
          Write(std::u32string_view(text).substr(start, end - start));
        }
        start = end;
      }
    } else if (at_end || ch == ' ' || ch == '\'') {
      if (start < end) Write(std::u32string_view(text).substr(start, end - start));
      start = end;
    }
    if (!at_end && ch == '\'') {
      Write("''");
      start = end + 1;
    }
    if (!at_end) spaces = ch == ' ';
  }
  Write("'");
}

bool Emitter::Scalar(const PyYamlValue& v, size_t continuation, bool simple_key) {
  switch (v.kind) {
    case Kind::kNull:
      Write("null");
      return true;
    case Kind::kBool:
      Write(v.boolean ? "true" : "false");
      return true;
    case Kind::kInt: {
      bool canonical = !v.text.empty() && (v.text == "0" || (v.text[0] >= '1' && v.text[0] <= '9'));
      for (char c : v.text) canonical = canonical && c >= '0' && c <= '9';
      if (!canonical) {
        error = "the number " + v.text + " would be rewritten by PyYAML: not reproduced";
        return false;
      }
      Write(v.text);
      return true;
    }
    case Kind::kFloat:
      error = "the float " + v.text + " would be rewritten by PyYAML: not reproduced";
      return false;
    case Kind::kStr:
      break;
    default:
      error = "not a scalar";
      return false;
  }
  std::u32string text = DecodeUtf8(v.text);
  Analysis a = Analyze(text);
  bool resolves_to_str = ResolvePlain(v.text) == Kind::kStr;
  if (resolves_to_str && a.allow_block_plain && !(simple_key && (a.empty || a.multiline))) {
    Plain(text, continuation, !simple_key);
    return true;
  }
  if (a.allow_single_quoted && !(simple_key && a.multiline) && !a.multiline) {
    SingleQuoted(text, continuation, !simple_key);
    return true;
  }
  error =
      "the string '" + v.text + "' needs PyYAML's double quotes or line folding: not reproduced";
  return false;
}

bool Emitter::Node(const PyYamlValue& v, size_t indent, bool in_sequence_item) {
  if (v.kind == Kind::kList) {
    if (v.items.empty()) {
      Write("[]");
      return true;
    }
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i > 0 || !in_sequence_item) {
        if (!out.empty()) NewLine(indent);
      }
      Write("- ");
      const PyYamlValue& item = v.items[i];
      if (item.kind == Kind::kList && !item.items.empty()) {
        error = "a list directly inside a list: not reproduced";
        return false;
      }
      if (!Node(item, indent + 2, true)) return false;
    }
    return true;
  }
  if (v.kind == Kind::kMap) {
    if (v.entries.empty()) {
      Write("{}");
      return true;
    }
    std::vector<const std::pair<std::string, PyYamlValue>*> sorted;
    for (const auto& e : v.entries) sorted.push_back(&e);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });  // sort_keys
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (i > 0 || !in_sequence_item) {
        if (!out.empty()) NewLine(indent);
      }
      PyYamlValue key;
      key.kind = Kind::kStr;
      key.text = sorted[i]->first;
      if (!Scalar(key, indent + 2, true)) return false;
      Write(":");
      const PyYamlValue& value = sorted[i]->second;
      bool block = (value.kind == Kind::kList && !value.items.empty()) ||
                   (value.kind == Kind::kMap && !value.entries.empty());
      if (!block) {
        Write(" ");
        if (value.kind == Kind::kList || value.kind == Kind::kMap) {
          Write(value.kind == Kind::kList ? "[]" : "{}");
        } else if (!Scalar(value, indent + 2, false)) {
          return false;
        }
        continue;
      }
      // A list under a key is indentless; a map is indented.
      size_t child = value.kind == Kind::kList ? indent : indent + 2;
      NewLine(child);
      if (!Node(value, child, true)) return false;
    }
    return true;
  }
  return Scalar(v, indent + 2, false);
}

}  // namespace

bool PyYamlValue::operator==(const PyYamlValue& other) const {
  bool numeric = (kind == Kind::kBool || kind == Kind::kInt) &&
                 (other.kind == Kind::kBool || other.kind == Kind::kInt);
  if (kind != other.kind && !numeric) return false;
  switch (kind) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return other.kind == Kind::kBool ? boolean == other.boolean
                                       : other.text == (boolean ? "1" : "0");
    case Kind::kInt:
      return other.kind == Kind::kBool ? text == (other.boolean ? "1" : "0") : text == other.text;
    case Kind::kFloat:
    case Kind::kStr:
      return text == other.text;
    case Kind::kList:
      return items == other.items;
    case Kind::kMap:
      if (entries.size() != other.entries.size()) return false;
      for (const auto& [key, value] : entries) {
        const PyYamlValue* theirs = other.Find(key);
        if (theirs == nullptr || !(value == *theirs)) return false;
      }
      return true;
  }
  return false;
}

const PyYamlValue* PyYamlValue::Find(std::string_view key) const {
  for (const auto& e : entries) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}
PyYamlValue* PyYamlValue::Find(std::string_view key) {
  for (auto& e : entries) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

std::optional<PyYamlValue> LoadPyYaml(const std::string& text, std::string* error) {
  try {
    YAML::Node root = YAML::Load(text);
    PyYamlValue value;
    if (!ToValue(root, &value, error)) return std::nullopt;
    return value;
  } catch (const YAML::Exception& e) {
    *error = "line " + std::to_string(e.mark.line + 1) + ": " + e.msg;
    return std::nullopt;
  }
}

std::optional<std::string> DumpPyYaml(const PyYamlValue& value, std::string* error) {
  if (value.kind != Kind::kList && value.kind != Kind::kMap) {
    *error = "a document that is a single scalar: not reproduced";
    return std::nullopt;
  }
  Emitter emitter;
  if (!emitter.Node(value, 0, false)) {
    *error = emitter.error;
    return std::nullopt;
  }
  emitter.out += '\n';
  return emitter.out;
}

}  // namespace kensa::checks
