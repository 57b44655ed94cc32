// PyYAML's view of a YAML file, for the checks whose reference script loads one with
// yaml.safe_load and, in fix mode, writes it back with yaml.dump(..., allow_unicode=True).
// Loading goes through yaml-cpp; what a plain scalar means (bool, int, float, null or str) is
// decided with PyYAML's YAML 1.1 resolvers, as safe_load decides it. Dumping reproduces
// PyYAML's emitter for what such files hold: block mappings with sorted keys, indentless
// sequences, plain or single-quoted strings folded at 80 columns, booleans, null, `[]`, `{}`.
// A value the dumper cannot reproduce exactly (a string that needs double quotes, a number
// written in a form PyYAML would normalise) makes Dump fail rather than write other bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kensa::checks {

struct PyYamlValue {
  enum class Kind { kNull, kBool, kInt, kFloat, kStr, kList, kMap };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;                // kStr: the string; kInt / kFloat: the scalar as written
  std::vector<PyYamlValue> items;  // kList
  std::vector<std::pair<std::string, PyYamlValue>> entries;  // kMap, in file order

  // Python's ==: dicts ignore order, lists do not.
  bool operator==(const PyYamlValue& other) const;
  // d[key] for a map, or nullptr.
  const PyYamlValue* Find(std::string_view key) const;
  PyYamlValue* Find(std::string_view key);
};

// yaml.safe_load(text). On failure returns nullopt with *error set ("line N: message").
std::optional<PyYamlValue> LoadPyYaml(const std::string& text, std::string* error);

// yaml.dump(value, allow_unicode=True). On failure returns nullopt with *error saying what
// kensa does not reproduce.
std::optional<std::string> DumpPyYaml(const PyYamlValue& value, std::string* error);

}  // namespace kensa::checks
