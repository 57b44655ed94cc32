#include "project/project_config.h"

// Errors from toml++ are values here (parse_result), as everywhere in kensa.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>

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

namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void SkipSpaces(std::string_view text, size_t* i) {
  while (*i < text.size() && (text[*i] == ' ' || text[*i] == '\t' || text[*i] == '\n')) ++*i;
}

// The string literal starting at text[*i] (single or double quotes, no escapes), or nullopt.
std::optional<std::string_view> QuotedAt(std::string_view text, size_t* i) {
  if (*i >= text.size() || (text[*i] != '"' && text[*i] != '\'')) return std::nullopt;
  char quote = text[*i];
  size_t end = text.find(quote, *i + 1);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view value = text.substr(*i + 1, end - *i - 1);
  *i = end + 1;
  return value;
}

// The string assigned to keyword `key` (`key="value"`), looking at every occurrence.
std::optional<std::string_view> KeywordString(std::string_view text, std::string_view key) {
  for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    if (at > 0 && IsWordChar(text[at - 1])) continue;
    size_t i = at + key.size();
    SkipSpaces(text, &i);
    if (i >= text.size() || text[i] != '=' || (i + 1 < text.size() && text[i + 1] == '=')) continue;
    ++i;
    SkipSpaces(text, &i);
    if (auto value = QuotedAt(text, &i)) return value;
  }
  return std::nullopt;
}

}  // namespace

void ParseSetupPy(std::string_view text, ProjectConfig* config) {
  // setup.py is a program; these are the spellings real projects use, matched textually.
  if (auto name = KeywordString(text, "name")) config->setup_name = std::string(*name);
  config->setup_src_layout = false;
  for (size_t at = text.find("find_packages("); at != std::string_view::npos;
       at = text.find("find_packages(", at + 1)) {
    size_t i = at + 14;
    SkipSpaces(text, &i);
    if (text.substr(i).starts_with("where")) {
      i += 5;
      SkipSpaces(text, &i);
      if (i < text.size() && text[i] == '=') ++i;
      SkipSpaces(text, &i);
    }
    if (auto where = QuotedAt(text, &i); where && *where == "src") config->setup_src_layout = true;
  }
  for (size_t at = text.find("package_dir"); at != std::string_view::npos;
       at = text.find("package_dir", at + 1)) {
    size_t i = at + 11;
    SkipSpaces(text, &i);
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    SkipSpaces(text, &i);
    if (i >= text.size() || text[i] != '{') continue;
    ++i;
    SkipSpaces(text, &i);
    auto key = QuotedAt(text, &i);
    SkipSpaces(text, &i);
    if (!key || !key->empty() || i >= text.size() || text[i] != ':') continue;
    ++i;
    SkipSpaces(text, &i);
    if (auto dir = QuotedAt(text, &i); dir && *dir == "src") config->setup_src_layout = true;
  }
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
