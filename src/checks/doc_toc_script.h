// Internals of the table-of-contents check shared by its two flavours (doc_toc_diffusers.cc,
// doc_toc_transformers.cc): the few Python operations the scripts apply to what yaml.safe_load
// returned — d[key], list[i] while looking for a title, `for x in v`, `key in v`, str.lower(), a
// dict key — each raising what Python raises on a value of the wrong type, so that odd input stops
// where and as the script stops. Not part of the checks' interface.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/pyyaml.h"

namespace kensa::checks::doc_toc_internal {

using Value = PyYamlValue;
using Kind = PyYamlValue::Kind;

// What Python raised, as its traceback's last line shows it: "<type>: <message>".
struct ScriptError {
  std::string type;
  std::string message;
};

// type(v).__name__.
const char* TypeName(const Value& v);
// str(v), as an f-string prints a scalar.
std::string PyStr(const Value& v);
// d[key] for a str key.
const Value& Get(const Value& d, const std::string& key);
// The items `for x in v` yields: a dict's keys, a string's characters.
std::vector<Value> Iterate(const Value& v);
// `key in v`.
bool Contains(const Value& v, const std::string& key);
// v.lower() on a str (the method name is the one the AttributeError names).
const std::string& Str(const Value& v, const char* method);
// v as a dict key: equal keys give equal strings; lists and dicts are unhashable.
std::string HashKey(const Value& v);
// The first index whose item's "title" is `title`, raising as the scripts' while loops do.
size_t FindTitled(const Value& list, const std::string& title);
// {"local": local, "title": title}.
Value Entry(const Value& local, const Value& title);
Value StrValue(const std::string& text);

// The flavours: the content with its checked section cleaned, or nullopt when it is clean
// already. Throw ScriptError where the script raises.
std::optional<Value> CleanDiffusersToc(const Value& content, bool strict);
std::optional<Value> CleanTransformersToc(const Value& content);

}  // namespace kensa::checks::doc_toc_internal
