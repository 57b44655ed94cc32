#include "project/project_config.h"

// Errors from toml++ are values here (parse_result), as everywhere in kensa.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
#include <regex>

namespace kensa::project {

namespace {

void Warn(std::vector<Diagnostic>* diagnostics, const std::string& path, uint32_t line,
          uint32_t column, std::string message) {
  Diagnostic d;
  d.severity = Diagnostic::Severity::kWarning;
  d.path = path;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  diagnostics->push_back(std::move(d));
}

}  // namespace

void ParsePyprojectToml(std::string_view text, const std::string& path, ProjectConfig* config,
                        std::vector<Diagnostic>* diagnostics) {
  toml::parse_result parsed = toml::parse(text, path);
  if (!parsed) {
    const toml::parse_error& e = parsed.error();
    Warn(diagnostics, path, e.source().begin.line, e.source().begin.column,
         "cannot parse TOML: " + std::string(e.description()) + "; ignored");
    return;
  }
  const toml::table& table = parsed.table();
  if (auto name = table["project"]["name"].value<std::string>()) config->project_name = *name;
  const toml::node_view<const toml::node> kensa = table["tool"]["kensa"];
  if (!kensa) return;
  if (!kensa.is_table()) {
    Warn(diagnostics, path, 0, 0, "[tool.kensa] is not a table; ignored");
    return;
  }
  struct Key {
    const char* name;
    std::optional<std::string>* out;
  };
  const Key keys[] = {
      {"preset", &config->preset},           {"package", &config->package},
      {"package-dir", &config->package_dir}, {"tests", &config->tests_dir},
      {"examples", &config->examples_dir},   {"utils", &config->utils_dir},
      {"docs", &config->docs_dir},
  };
  size_t first = diagnostics->size();
  for (auto&& [key, value] : *kensa.as_table()) {
    const Key* known = nullptr;
    for (const Key& k : keys) {
      if (key.str() == k.name) known = &k;
    }
    uint32_t line = value.source().begin.line;
    uint32_t column = value.source().begin.column;
    if (known == nullptr) {
      Warn(diagnostics, path, line, column,
           "unknown key '" + std::string(key.str()) + "' in [tool.kensa]; ignored");
    } else if (auto s = value.value<std::string>()) {
      *known->out = *s;
    } else {
      Warn(diagnostics, path, line, column,
           "[tool.kensa] " + std::string(key.str()) + " must be a string; ignored");
    }
  }
  // toml++ iterates keys in sorted order; report in the order of the file.
  std::stable_sort(diagnostics->begin() + static_cast<std::ptrdiff_t>(first), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
}

void ParseSetupPy(std::string_view text, ProjectConfig* config) {
  // setup.py is a program; these are the spellings real projects use, matched textually.
  static const std::regex name_re(R"((?:^|[\s,(])name\s*=\s*["']([A-Za-z0-9_.\-]+)["'])");
  static const std::regex src_re(
      R"(find_packages\(\s*(?:where\s*=\s*)?["']src["']|package_dir\s*=\s*\{\s*["']["']\s*:\s*["']src["'])");
  std::string s(text);
  std::smatch m;
  if (std::regex_search(s, m, name_re)) config->setup_name = m[1].str();
  config->setup_src_layout = std::regex_search(s, src_re);
}

ProjectConfig ReadProjectConfig(const SourceTree& tree, std::vector<Diagnostic>* diagnostics) {
  ProjectConfig config;
  std::string text, error;
  if (tree.IsFile("pyproject.toml")) {
    if (tree.ReadFile("pyproject.toml", &text, &error)) {
      ParsePyprojectToml(text, "pyproject.toml", &config, diagnostics);
    } else {
      Warn(diagnostics, "pyproject.toml", 0, 0, "cannot read: " + error);
    }
  }
  if (tree.IsFile("setup.py")) {
    if (tree.ReadFile("setup.py", &text, &error)) {
      ParseSetupPy(text, &config);
    } else {
      Warn(diagnostics, "setup.py", 0, 0, "cannot read: " + error);
    }
  }
  return config;
}

}  // namespace kensa::project
