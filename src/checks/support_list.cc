#include "checks/support_list.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "checks/py_re.h"
#include "checks/py_text.h"

namespace kensa::checks {

namespace {

constexpr char kAutodoc[] = R"(\[\[autodoc\]\]\s([^\n]+))";
constexpr char kProcessorClass[] = R"(class\s+(\w+Processor(?:\d*_?\d*))[:(])";
constexpr char kModuleClass[] = R"(class\s+(\w+)\s*\(.*?nn\.Module.*?\):)";

// The script's open(os.path.join(".", path)).read(): the text, or the exception it dies of.
bool ReadAsScript(const project::SourceTree& tree, const std::string& path, std::string* text,
                  SupportListReport* report) {
  auto fail = [&](const char* type, std::string message) {
    report->exception_type = type;
    report->exception = std::move(message);
    report->exception_path = path;
    return false;
  };
  std::string shown = "'./" + path + "'";  // the script's os.path.join(".", path), repr'd
  if (tree.IsDirectory(path))
    return fail("IsADirectoryError", "[Errno 21] Is a directory: " + shown);
  std::string bytes, error;
  if (!tree.IsFile(path) || !tree.ReadFile(path, &bytes, &error)) {
    return fail("FileNotFoundError", "[Errno 2] No such file or directory: " + shown);
  }
  std::string decode_error;
  if (!ValidatePyUtf8(bytes, &decode_error, PyTextRead::kWhole))
    return fail("UnicodeDecodeError", decode_error);
  *text = PyUniversalNewlines(bytes);
  return true;
}

// re.findall(pattern, text), each name with its line (1-based), for file:line.
struct Found {
  std::string name;
  size_t line = 0;
};

std::optional<std::vector<Found>> FindAllWithLines(const std::string& pattern,
                                                   const std::string& text, std::string* error) {
  std::optional<PyRe> re = PyRe::Compile(pattern, error);
  if (!re) return std::nullopt;
  std::vector<PyRe::Found> matches;
  if (!re->FindAll(text, &matches, error)) return std::nullopt;
  std::vector<Found> found;
  size_t line = 1, counted = 0;
  for (PyRe::Found& m : matches) {
    line += static_cast<size_t>(std::count(text.begin() + static_cast<long>(counted),
                                           text.begin() + static_cast<long>(m.offset), '\n'));
    counted = m.offset;
    found.push_back({std::move(m.text), line});
  }
  return found;
}

}  // namespace

std::vector<SupportListCategory> DiffusersSupportLists() {
  return {
      {"Attention Processors", "docs/source/en/api/attnprocessor.md",
       "src/diffusers/models/attention_processor.py", kAutodoc, kProcessorClass,
       [](const std::string& c) {
         return c.find("LoRA") != std::string::npos || c == "Attention";
       }},
      {"Image Processors", "docs/source/en/api/image_processor.md",
       "src/diffusers/image_processor.py", kAutodoc, kProcessorClass, nullptr},
      {"Activations", "docs/source/en/api/activations.md", "src/diffusers/models/activations.py",
       kAutodoc, kModuleClass, nullptr},
      {"Normalizations", "docs/source/en/api/normalization.md",
       "src/diffusers/models/normalization.py", kAutodoc, kModuleClass,
       [](const std::string& c) { return c == "LayerNorm"; }},
      {"LoRA Mixins", "docs/source/en/api/loaders/lora.md",
       "src/diffusers/loaders/lora_pipeline.py", kAutodoc,
       R"(class\s+(\w+LoraLoaderMixin(?:\d*_?\d*))[:(])", nullptr},
  };
}

SupportListReport CheckSupportList(const project::SourceTree& tree,
                                   const std::vector<SupportListCategory>& categories) {
  SupportListReport report;
  std::string message = "Some classes are not documented properly:\n";
  for (const SupportListCategory& category : categories) {
    std::string doc, src, error;
    // The script reads the doc page first, then the source.
    if (!ReadAsScript(tree, category.doc_path, &doc, &report)) return report;
    std::optional<std::vector<Found>> autodocs = FindAllWithLines(category.doc_regex, doc, &error);
    if (!ReadAsScript(tree, category.src_path, &src, &report)) return report;
    std::optional<std::vector<Found>> classes = FindAllWithLines(category.src_regex, src, &error);
    if (!autodocs || !classes) {
      report.exception_type = "kensa";
      report.exception = category.name + ": " + error;
      return report;
    }
    std::set<std::string> documented;
    for (const Found& f : *autodocs) {
      size_t dot = f.name.rfind('.');
      documented.insert(dot == std::string::npos ? f.name : f.name.substr(dot + 1));
    }
    std::map<std::string, size_t> missing;  // sorted as Python's sorted() sorts str
    for (const Found& c : *classes) {
      if (category.excluded && category.excluded(c.name)) continue;
      if (!documented.count(c.name)) missing.try_emplace(c.name, c.line);
    }
    if (missing.empty()) continue;
    message += "\n- " + category.name + ": ";
    bool first = true;
    for (const auto& [name, line] : missing) {
      if (!first) message += ", ";
      first = false;
      message += name;
      report.undocumented.push_back(
          {category.name, name, category.src_path, line, category.doc_path});
    }
  }
  if (!report.undocumented.empty()) {
    report.exception_type = "ValueError";
    report.exception = std::move(message);
  }
  return report;
}

}  // namespace kensa::checks
