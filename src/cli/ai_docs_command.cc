// `kensa ai-docs`: diffusers' utils/check_ai.py — the agent guides and skills under `.ai/` hold
// together once a skill is installed outside the checkout — with the script's messages and
// exit status, without importing diffusers (the script does, for one frontmatter helper). The
// analysis is checks/ai_docs.h; this file finds the project and prints.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "checks/ai_docs.h"
#include "cli/check_command.h"
#include "cli/command.h"
#include "cli/json_writer.h"
#include "render/check_json.h"

namespace kensa::cli {
namespace {

constexpr char kFooter[] = R"(What is checked (as the project's utils/check_ai.py does):
  Every *.md under .ai/, fenced code removed: a relative link must not go up ("..") and must
  exist; a SKILL.md citing `references/<guide>.md` needs that guide in .ai/references/, and
  must also cite the guides that guide links to. Each .ai/skills/<name>/SKILL.md needs a
  frontmatter `name: <name>` and a `description`. No .ai/ directory: nothing to check.
  The script has no fix mode.

Output:
  The script's lines on stderr, "<file>: <problem>", in its order; --json gives {"findings":
  [{"kind", "file", "message"}], "exception"?} (kinds: escapes, missing-link, missing-guide,
  uncited-sibling, name-mismatch, no-name, no-description); --format github prints one
  workflow annotation per problem.

Exit codes: 0 no problem; 1 a problem, or a file the script would stop on (a *.md directory,
a file that is not UTF-8; its error is printed); 2 bad usage or no project; 3 internal error.

Examples:
  kensa ai-docs                 # like `python utils/check_ai.py`
  kensa -C ~/src/diffusers ai-docs --format github)";

// A GitHub workflow command's data (`property`: also ':' and ','), escaped as the runner
// expects: a link may span lines, and a raw line break would end the annotation.
}  // namespace

int RunAiDocsCheck(const CheckProject& project, const CheckCommandOptions& options,
                   CheckOutput* out) {
  // Path.exists(): stat() following links; relative paths are the project root's.
  auto exists = [&project](const std::string& path) { return PathExists(project, path, false); };
  checks::AiDocsReport report = checks::CheckAiDocs(*project.tree, exists);
  if (report.exception_type == "kensa") {  // a pattern PCRE2 could not run: kensa's failure
    out->Err("kensa ai-docs: " + report.exception + "\n");
    return kExitInternal;
  }
  bool failed = !report.exception_type.empty() || !report.problems.empty();

  if (options.json) {
    out->Json(render::AiDocsJson(report));
    return failed ? kExitFindings : kExitOk;
  }
  if (!report.exception_type.empty()) {  // the script dies before printing its problems
    PrintScriptException("ai-docs", "check_ai.py", report.exception_path, report.exception_type,
                         report.exception, out);
    return kExitFindings;
  }
  if (options.format == "github") {
    for (const checks::AiDocsProblem& p : report.problems) {
      out->Out(GithubAnnotation(p.path, 0, p.message));
    }
  }
  std::string lines;
  for (const checks::AiDocsProblem& p : report.problems) lines += p.message + "\n";
  out->Err(lines);
  return failed ? kExitFindings : kExitOk;
}

CommandRunner SetupAiDocsCommand(CLI::App& sub) {
  return SetupCheckCommand(sub, "ai-docs", {.footer = kFooter});
}

}  // namespace kensa::cli
