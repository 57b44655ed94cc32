#include "checks/copies.h"

#include <algorithm>

#include "base/thread_pool.h"
#include "checks/copies_pass.h"
#include "checks/glob_order.h"

namespace kensa::checks {

using copies_internal::FileText;
using copies_internal::Pass;
using copies_internal::Shared;

CopiesPreset DiffusersCopiesPreset() {
  CopiesPreset p;
  p.flavor = CopiesPreset::Flavor::kDiffusers;
  p.library_path = "src/diffusers";
  p.package = "diffusers";
  return p;
}

CopiesPreset TransformersCopiesPreset() {
  CopiesPreset p;
  p.flavor = CopiesPreset::Flavor::kTransformers;
  p.library_path = "src/transformers";
  p.package = "transformers";
  p.tests_path = "tests/models";
  p.tests_package = "tests";
  p.full_copies = {
      {"examples/tensorflow/question-answering/utils_qa.py",
       "examples/pytorch/question-answering/utils_qa.py"},
      {"examples/flax/question-answering/utils_qa.py",
       "examples/pytorch/question-answering/utils_qa.py"},
  };
  return p;
}

std::string CopyInconsistenciesMessage(const std::vector<std::string>& lines) {
  std::string out = "Found the following copy inconsistencies:\n";
  for (const std::string& line : lines) out += line + "\n";
  out += "Run `make fix-copies` or `python utils/check_copies.py --fix_and_overwrite` to fix them.";
  return out;
}

std::string CopyMismatchMessage(const std::vector<CopyMismatch>& mismatches) {
  std::vector<std::string> lines;
  for (const CopyMismatch& m : mismatches) {
    lines.push_back("- " + m.path + ": copy does not match " + m.object_name + " at line " +
                    std::to_string(m.line));
  }
  return CopyInconsistenciesMessage(lines);
}

namespace {

// The file list, with every file read (and checked for UTF-8) on all cores up front.
void Preload(const project::SourceTree& tree, const CopiesOptions& options, Shared* shared) {
  const CopiesPreset& preset = options.preset;
  if (!options.only_file.empty()) {
    shared->files = {options.only_file};
  } else {
    shared->files = GlobPythonFiles(tree, preset.library_path);
    if (!preset.tests_path.empty()) {
      std::vector<std::string> tests = GlobPythonFiles(tree, preset.tests_path);
      shared->files.insert(shared->files.end(), tests.begin(), tests.end());
    }
  }
  std::vector<FileText> texts(shared->files.size());
  ParallelFor(shared->files.size(),
              [&](size_t i) { texts[i] = copies_internal::LoadFile(tree, shared->files[i]); });
  for (size_t i = 0; i < texts.size(); ++i) {
    shared->disk.emplace(shared->files[i], std::move(texts[i]));
    shared->is_file.emplace(shared->files[i], true);
  }
}

// One edit per file: the span between the unchanged prefix and suffix.
Edit EditBetween(const std::string& path, const std::string& before, const std::string& after) {
  size_t prefix = 0;
  size_t limit = std::min(before.size(), after.size());
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < limit - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
    ++suffix;
  }
  return Edit{path, prefix, before.size() - suffix,
              after.substr(prefix, after.size() - suffix - prefix)};
}

}  // namespace

CopiesReport CheckCopies(const project::SourceTree& tree, const CopiesOptions& options,
                         SnippetFormatter* formatter) {
  Shared shared;
  Preload(tree, options, &shared);
  CopiesStats formatting;
  // Each pass resolves at least the first copy still waiting for the formatter, so this ends;
  // the bound only guards against a bug.
  for (int round = 0;; ++round) {
    CopiesReport report;
    std::unique_ptr<Pass> pass = options.preset.flavor == CopiesPreset::Flavor::kTransformers
                                     ? copies_internal::NewTransformersPass(tree, options, &shared)
                                     : copies_internal::NewDiffusersPass(tree, options, &shared);
    pass->Execute(&report);
    report.stats.snippets_formatted = formatting.snippets_formatted;
    report.stats.formatter_runs = formatting.formatter_runs;
    // In diffusers' check mode the text never changes and no error depends on what ruff
    // prints, so an error ends the run without formatting anything. Everywhere else a pass is
    // final once every snippet it met has been formatted.
    bool error_stops = !options.fix &&
                       options.preset.flavor == CopiesPreset::Flavor::kDiffusers &&
                       !report.exception.empty() && report.exception_type != "Exception";
    bool final = shared.pending.empty() || error_stops;
    if (final || round > 1000) {
      for (const std::string& path : report.rewritten) {
        const std::string& fixed = pass->overlay().at(path);
        auto original = shared.disk.find(path);
        const std::string before = original != shared.disk.end() ? original->second.content : "";
        report.edits.push_back(EditBetween(path, before, fixed));
      }
      return report;
    }
    std::vector<std::string> outputs;
    std::string error;
    ++formatting.formatter_runs;
    formatting.snippets_formatted += shared.pending.size();
    if (!formatter->FormatBatch(shared.pending, &outputs, &error)) {
      report.tool_error = error;
      report.stats = formatting;
      return report;
    }
    for (size_t i = 0; i < shared.pending.size(); ++i) {
      shared.formatted[shared.pending[i]] = i < outputs.size() ? outputs[i] : std::string();
    }
    shared.pending.clear();
    shared.pending_set.clear();
  }
}

}  // namespace kensa::checks
