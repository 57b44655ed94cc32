#include "project/preset.h"

namespace kensa::project {

namespace {

Preset MakeLibraryPreset(std::string name) {
  Preset p;
  p.name = name;
  p.package = name;
  p.package_dirs = {"src/" + name, name};
  return p;
}

Preset MakeGenericPreset() {
  Preset p;
  p.name = "generic";
  p.dummy_objects_glob = "";
  p.tests_fetcher = "";
  return p;
}

}  // namespace

const std::vector<Preset>& BuiltinPresets() {
  static const std::vector<Preset> presets = {
      MakeLibraryPreset("transformers"),
      MakeLibraryPreset("diffusers"),
      MakeGenericPreset(),
  };
  return presets;
}

const Preset* FindPreset(std::string_view name) {
  for (const Preset& p : BuiltinPresets()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const Preset& PresetForPackage(std::string_view package) {
  for (const Preset& p : BuiltinPresets()) {
    if (!p.package.empty() && p.package == package) return p;
  }
  return BuiltinPresets().back();
}

}  // namespace kensa::project
