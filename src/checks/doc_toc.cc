#include "checks/doc_toc.h"

#include "checks/doc_toc_script.h"
#include "checks/py_text.h"
#include "checks/pyyaml.h"

namespace kensa::checks {

DocTocFlavour DocTocFlavourForPreset(std::string_view preset) {
  return preset == "transformers" ? DocTocFlavour::kTransformers : DocTocFlavour::kDiffusers;
}

DocTocReport CheckDocToc(const project::SourceTree& tree, const DocTocOptions& options) {
  DocTocReport report;
  std::string text, error;
  if (!tree.ReadFile(options.toc_path, &text, &error)) {
    report.exception_type = "FileNotFoundError";
    report.exception = "[Errno 2] No such file or directory: '" + options.toc_path + "'";
    return report;
  }
  if (!ValidatePyUtf8(text, &error, PyTextRead::kWhole)) {
    report.exception_type = "UnicodeDecodeError";
    report.exception = error;
    return report;
  }
  std::optional<PyYamlValue> content = LoadPyYaml(text, &error);
  if (!content) {
    report.tool_error = options.toc_path + ": " + error;
    return report;
  }
  try {
    using namespace doc_toc_internal;
    std::optional<Value> fixed = options.flavour == DocTocFlavour::kTransformers
                                     ? CleanTransformersToc(*content)
                                     : CleanDiffusersToc(*content, options.strict);
    if (!fixed) return report;
    report.unsorted = true;
    if (!options.fix) {
      // Both scripts say "model doc", diffusers' of its schedulers too.
      report.exception_type = "ValueError";
      report.exception =
          "The model doc part of the table of content is not properly sorted, run `make style` "
          "to fix this.";
      return report;
    }
    std::optional<std::string> dumped = DumpPyYaml(*fixed, &error);
    if (!dumped) {
      report.tool_error = options.toc_path + ": " + error;
      return report;
    }
    report.edits.push_back(Edit{options.toc_path, 0, text.size(), *dumped});
  } catch (const doc_toc_internal::ScriptError& e) {
    report.exception_type = e.type;
    report.exception = e.message;
  }
  return report;
}

}  // namespace kensa::checks
