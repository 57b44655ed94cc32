#include "checks/doctest_list.h"

#include <algorithm>

#include "checks/py_re_translate.h"
#include "checks/py_text.h"

namespace kensa::checks {

const std::vector<std::string>& DoctestListFiles() {
  static const std::vector<std::string> kFiles = {"utils/not_doctested.txt",
                                                  "utils/slow_documentation_tests.txt"};
  return kFiles;
}

namespace {

// One list file through clean_doctest_list. Returns false when the script stops on it.
bool CleanDoctestList(const project::SourceTree& tree,
                      const std::function<bool(const std::string&)>& exists, bool fix,
                      const std::string& file, DoctestListReport* report) {
  // The script names the file os.path.join(".", "utils", name).
  const std::string shown = "./" + file;
  auto fail = [&](const char* type, std::string message) {
    report->exception_type = type;
    report->exception = std::move(message);
    report->exception_path = file;
    return false;
  };
  const std::string repr = PyStrRepr(DecodeUtf8(shown));
  if (tree.IsDirectory(file))
    return fail("IsADirectoryError", "[Errno 21] Is a directory: " + repr);
  std::string bytes, error;
  if (!tree.IsFile(file) || !tree.ReadFile(file, &bytes, &error))
    return fail("FileNotFoundError", "[Errno 2] No such file or directory: " + repr);
  std::string decode_error;
  // `for line in f` decodes 8 KiB at a time: the error's position is within its chunk.
  if (!ValidatePyUtf8(bytes, &decode_error, PyTextRead::kInChunks))
    return fail("UnicodeDecodeError", decode_error);

  const std::string text = PyUniversalNewlines(bytes);
  std::vector<std::string> entries;
  std::vector<DoctestListProblem> missing;
  for (std::string_view line : PyReadLines(text)) {
    std::string entry(PySplit(PyStrip(line), ' ')[0]);
    if (!exists(entry)) {
      missing.push_back({DoctestListProblem::Kind::kMissingPath, file,
                         static_cast<int>(entries.size()) + 1, entry});
    }
    entries.push_back(std::move(entry));
  }
  if (!missing.empty()) {
    std::string message = "`" + shown + "` contains non-existent paths:";
    for (const DoctestListProblem& p : missing) message += "\n- " + p.entry;
    report->problems = std::move(missing);
    return fail("ValueError", std::move(message));
  }

  std::vector<std::string> sorted = entries;
  // sorted() on str: code point order, which is the byte order of their UTF-8.
  std::sort(sorted.begin(), sorted.end());
  if (sorted == entries) return true;
  if (!fix) {
    size_t first =
        std::mismatch(entries.begin(), entries.end(), sorted.begin()).first - entries.begin();
    report->problems.push_back(
        {DoctestListProblem::Kind::kUnsorted, file, static_cast<int>(first) + 1, ""});
    return fail("ValueError", "Files in `" + shown +
                                  "` are not in alphabetical order, run `make fix-copies` to fix "
                                  "this automatically.");
  }
  std::string fixed;
  for (size_t i = 0; i < sorted.size(); ++i) fixed += (i ? "\n" : "") + sorted[i];
  fixed += "\n";
  report->edits.push_back(Edit{file, 0, bytes.size(), std::move(fixed)});
  return true;
}

}  // namespace

DoctestListReport CheckDoctestList(const project::SourceTree& tree,
                                   const std::function<bool(const std::string&)>& exists,
                                   bool fix) {
  DoctestListReport report;
  for (const std::string& file : DoctestListFiles()) {
    if (!CleanDoctestList(tree, exists, fix, file, &report)) break;
  }
  return report;
}

}  // namespace kensa::checks
