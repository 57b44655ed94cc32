// `kensa doctest-list`: transformers' utils/check_doctest_list.py (`make repo-consistency`; its
// --fix_and_overwrite in `make fix-copies`) — utils/not_doctested.txt and
// utils/slow_documentation_tests.txt name existing paths, sorted — with the script's messages,
// exit status and rewritten files. The analysis is checks/doctest_list.h; this file finds the
// project, answers the existence questions from the disk and prints.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "checks/doctest_list.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] = R"(What is checked (as transformers' utils/check_doctest_list.py does):
  utils/not_doctested.txt, then utils/slow_documentation_tests.txt: each line's first word
  (after strip(), up to a space) must be a file or a directory of the repository, and the
  entries must be sorted (Python's str order: by code point, so "Z" before "a"). The first file
  with a problem stops the check. As in the script, a blank line is the entry "" (the
  repository itself: it exists, and it sorts first), and a missing list file is an error.

Fix (--fix, the script's --fix_and_overwrite, run by make fix-copies):
  An unsorted file is rewritten as its entries sorted, one a line (what follows an entry's
  first space goes, as in the script); a missing path is still an error, reported after the
  files before it were fixed.

Output:
  The script's ValueError message on stderr: "`./utils/not_doctested.txt` contains
  non-existent paths:" and a "- path" line per entry, or "Files in `./utils/...` are not in
  alphabetical order, run `make fix-copies` to fix this automatically."; exit 1. On a file the
  script cannot read: "kensa doctest-list: FILE: check_doctest_list.py would stop here with
  FileNotFoundError: ...". --json: {"findings": [{"kind": "missing-path"|"unsorted", "file",
  "line", "entry"?}], "written", "exception"?}; --format github: an annotation per missing path
  at its line, or one at the first entry out of order.

Exit codes: 0 every entry exists and is sorted (or was sorted); 1 a missing path, an unsorted
file, or a list file the script would stop on; 2 bad usage, no project, or a fix that could not
be written; 3 internal error.

Examples:
  kensa doctest-list                  # like `python utils/check_doctest_list.py`
  kensa doctest-list --fix            # like `python utils/check_doctest_list.py --fix_and_overwrite`
  kensa -C ~/src/transformers doctest-list --format github)";

}  // namespace

int RunDoctestListCheck(const CheckProject& project, const CheckCommandOptions& options,
                        CheckOutput* out) {
  // os.path.isfile(p) or os.path.isdir(p) for p = os.path.join(".", entry): stat() following
  // links; an absolute entry stands alone, "" is the root itself; a NUL byte is no path.
  auto exists = [&project](const std::string& entry) { return PathExists(project, entry, true); };
  checks::DoctestListReport report = checks::CheckDoctestList(*project.tree, exists, options.fix);

  // What the script wrote before it stopped is written too.
  std::vector<std::string> written;
  if (options.fix && !ApplyCheckEdits("doctest-list", project, report.edits, &written, out)) {
    return kExitUsage;
  }
  bool failed = !report.exception_type.empty();
  if (options.json) {
    out->Json(render::DoctestListJson(report, written));
    return failed ? kExitFindings : kExitOk;
  }
  if (options.format == "github") {
    for (const checks::DoctestListProblem& p : report.problems) {
      std::string message =
          p.kind == checks::DoctestListProblem::Kind::kMissingPath
              ? "`" + p.entry + "` does not exist (listed in " + p.file + ")"
              : p.file + " is not in alphabetical order from here; run `make fix-copies`";
      out->Out(GithubAnnotation(p.file, p.line, message));
    }
  }
  PrintScriptException("doctest-list", "check_doctest_list.py", report.exception_path,
                       report.exception_type, report.exception, out);
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupDoctestListCommand(CLI::App& sub) {
  return SetupCheckCommand(
      sub, "doctest-list",
      {.fix = "Sort the lists in place (the script's --fix_and_overwrite, make fix-copies)",
       .json = "Print the result as JSON",
       .footer = kFooter});
}

}  // namespace kensa::cli
