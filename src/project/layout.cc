#include "project/layout.h"

#include <algorithm>

#include "project/project_config.h"

namespace kensa::project {

namespace {

bool IsPackageDir(const SourceTree& tree, const std::string& dir) {
  return tree.IsFile(dir + "/__init__.py");
}

// The only package directly under `dir` ("src"), or "".
std::string SinglePackageUnder(const SourceTree& tree, const std::string& dir) {
  std::vector<DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(dir, &entries, &error)) return "";
  std::string found;
  for (const DirEntry& e : entries) {
    if (e.type != DirEntry::Type::kDirectory || e.name.empty() || e.name[0] == '.') continue;
    if (!IsPackageDir(tree, dir.empty() ? e.name : dir + "/" + e.name)) continue;
    if (!found.empty()) return "";
    found = e.name;
  }
  return found;
}

std::string ExistingDir(const SourceTree& tree, const std::optional<std::string>& configured,
                        const std::string& preset_dir) {
  if (configured) return *configured;
  if (!preset_dir.empty() && tree.IsDirectory(preset_dir)) return preset_dir;
  return "";
}

}  // namespace

std::string NormalizePackageName(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '-', '_');
  std::replace(out.begin(), out.end(), '.', '_');
  return out;
}

bool DetectLayout(const SourceTree& tree, const LayoutOptions& options, Layout* layout,
                  std::vector<Diagnostic>* diagnostics, std::string* error) {
  ProjectConfig config = ReadProjectConfig(tree, diagnostics);

  // The package: configured, or named by pyproject.toml / setup.py when such a directory
  // exists, or the only package under src/.
  std::string package, package_dir;
  if (config.package) package = *config.package;
  if (config.package_dir) package_dir = *config.package_dir;
  for (const std::string& name : {config.project_name, config.setup_name}) {
    if (!package.empty() || name.empty()) continue;
    std::string candidate = NormalizePackageName(name);
    if (IsPackageDir(tree, "src/" + candidate) || IsPackageDir(tree, candidate)) {
      package = candidate;
    }
  }
  if (package.empty() && package_dir.empty()) package = SinglePackageUnder(tree, "src");
  if (package.empty() && !package_dir.empty()) {
    size_t slash = package_dir.rfind('/');
    package = slash == std::string::npos ? package_dir : package_dir.substr(slash + 1);
  }
  if (package_dir.empty() && !package.empty()) {
    if (IsPackageDir(tree, "src/" + package) || config.setup_src_layout) {
      package_dir = "src/" + package;
    } else if (IsPackageDir(tree, package)) {
      package_dir = package;
    }
  }

  // The preset: --preset, then [tool.kensa], then the package's own.
  const Preset* preset = nullptr;
  std::string preset_name = !options.preset.empty() ? options.preset : config.preset.value_or("");
  if (!preset_name.empty()) {
    preset = FindPreset(preset_name);
    if (preset == nullptr) {
      std::string known;
      for (const Preset& p : BuiltinPresets()) known += (known.empty() ? "" : ", ") + p.name;
      *error = "unknown preset '" + preset_name + "' (known: " + known + ")";
      return false;
    }
  } else {
    preset = &PresetForPackage(package);
  }
  if (package.empty() && !preset->package.empty()) {
    for (const std::string& dir : preset->package_dirs) {
      if (IsPackageDir(tree, dir)) {
        package = preset->package;
        package_dir = dir;
        break;
      }
    }
  }

  layout->package = package;
  layout->package_dir = package_dir;
  layout->src_layout = package_dir.starts_with("src/");
  layout->tests_dir = ExistingDir(tree, config.tests_dir, preset->tests_dir);
  layout->examples_dir = ExistingDir(tree, config.examples_dir, preset->examples_dir);
  layout->utils_dir = ExistingDir(tree, config.utils_dir, preset->utils_dir);
  layout->docs_dir = ExistingDir(tree, config.docs_dir, preset->docs_dir);
  layout->source_roots.clear();
  if (layout->src_layout) layout->source_roots.push_back("src");
  layout->source_roots.push_back("");
  layout->preset = *preset;
  return true;
}

}  // namespace kensa::project
