#include "checks/doc_toc_script.h"

namespace kensa::checks::doc_toc_internal {

const char* TypeName(const Value& v) {
  switch (v.kind) {
    case Kind::kNull:
      return "NoneType";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return "int";
    case Kind::kFloat:
      return "float";
    case Kind::kStr:
      return "str";
    case Kind::kList:
      return "list";
    case Kind::kMap:
      return "dict";
  }
  return "object";
}

std::string PyStr(const Value& v) {
  if (v.kind == Kind::kNull) return "None";
  if (v.kind == Kind::kBool) return v.boolean ? "True" : "False";
  return v.text;
}

const Value& Get(const Value& d, const std::string& key) {
  if (d.kind == Kind::kList) {
    throw ScriptError{"TypeError", "list indices must be integers or slices, not str"};
  }
  if (d.kind == Kind::kStr) {
    throw ScriptError{"TypeError", "string indices must be integers, not 'str'"};
  }
  if (d.kind != Kind::kMap) {
    throw ScriptError{"TypeError",
                      std::string("'") + TypeName(d) + "' object is not subscriptable"};
  }
  const Value* v = d.Find(key);
  if (v == nullptr) throw ScriptError{"KeyError", "'" + key + "'"};
  return *v;
}

namespace {

// v[i] as the scripts' while loops reach it, for FindTitled.
const Value& Index(const Value& v, size_t i) {
  if (v.kind == Kind::kList) {
    if (i >= v.items.size()) throw ScriptError{"IndexError", "list index out of range"};
    return v.items[i];
  }
  // kensa's maps are keyed by text, so the int key is never there.
  if (v.kind == Kind::kMap) throw ScriptError{"KeyError", std::to_string(i)};
  if (v.kind == Kind::kStr) {
    // s[0] is a character, and its ["title"] raises.
    if (v.text.empty()) throw ScriptError{"IndexError", "string index out of range"};
    throw ScriptError{"TypeError", "string indices must be integers, not 'str'"};
  }
  throw ScriptError{"TypeError", std::string("'") + TypeName(v) + "' object is not subscriptable"};
}

}  // namespace

std::vector<Value> Iterate(const Value& v) {
  if (v.kind == Kind::kList) return v.items;
  std::vector<Value> out;
  if (v.kind == Kind::kMap) {
    for (const auto& entry : v.entries) out.push_back(StrValue(entry.first));
    return out;
  }
  if (v.kind == Kind::kStr) {
    for (size_t i = 0; i < v.text.size();) {
      size_t n = 1;  // the UTF-8 sequence's continuation bytes follow its lead byte
      while (i + n < v.text.size() && (static_cast<unsigned char>(v.text[i + n]) & 0xC0) == 0x80) {
        ++n;
      }
      out.push_back(StrValue(v.text.substr(i, n)));
      i += n;
    }
    return out;
  }
  throw ScriptError{"TypeError", std::string("'") + TypeName(v) + "' object is not iterable"};
}

bool Contains(const Value& v, const std::string& key) {
  switch (v.kind) {
    case Kind::kMap:
      return v.Find(key) != nullptr;
    case Kind::kList:
      for (const Value& item : v.items) {
        if (item == StrValue(key)) return true;
      }
      return false;
    case Kind::kStr:
      return v.text.find(key) != std::string::npos;
    default:
      throw ScriptError{"TypeError",
                        std::string("argument of type '") + TypeName(v) + "' is not iterable"};
  }
}

const std::string& Str(const Value& v, const char* method) {
  if (v.kind != Kind::kStr) {
    throw ScriptError{"AttributeError", std::string("'") + TypeName(v) +
                                            "' object has no attribute '" + method + "'"};
  }
  return v.text;
}

std::string HashKey(const Value& v) {
  switch (v.kind) {
    case Kind::kList:
    case Kind::kMap:
      throw ScriptError{"TypeError", std::string("unhashable type: '") + TypeName(v) + "'"};
    case Kind::kNull:
      return "n";
    case Kind::kBool:  // True == 1 in Python, so they are one key
      return std::string("i") + (v.boolean ? "1" : "0");
    case Kind::kInt:
      return "i" + v.text;
    case Kind::kFloat:
      return "f" + v.text;
    case Kind::kStr:
      return "s" + v.text;
  }
  return "";
}

size_t FindTitled(const Value& list, const std::string& title) {
  for (size_t i = 0;; ++i) {
    const Value& t = Get(Index(list, i), "title");
    if (t.kind == Kind::kStr && t.text == title) return i;
  }
}

Value StrValue(const std::string& text) {
  Value v;
  v.kind = Kind::kStr;
  v.text = text;
  return v;
}

Value Entry(const Value& local, const Value& title) {
  Value doc;
  doc.kind = Kind::kMap;
  doc.entries.emplace_back("local", local);
  doc.entries.emplace_back("title", title);
  return doc;
}

}  // namespace kensa::checks::doc_toc_internal
