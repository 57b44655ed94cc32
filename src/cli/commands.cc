#include "cli/command.h"

namespace kensa::cli {

CommandRunner SetupParseCommand(CLI::App& sub);
CommandRunner SetupDepsCommand(CLI::App& sub);
CommandRunner SetupRdepsCommand(CLI::App& sub);
CommandRunner SetupChainCommand(CLI::App& sub);
CommandRunner SetupGraphCommand(CLI::App& sub);
CommandRunner SetupCyclesCommand(CLI::App& sub);
CommandRunner SetupCopiesCommand(CLI::App& sub);
CommandRunner SetupFixCopiesCommand(CLI::App& sub);
CommandRunner SetupTestsCommand(CLI::App& sub);
CommandRunner SetupEmitsCommand(CLI::App& sub);
CommandRunner SetupTraceCommand(CLI::App& sub);
CommandRunner SetupDefCommand(CLI::App& sub);
CommandRunner SetupDummiesCommand(CLI::App& sub);
CommandRunner SetupSupportListCommand(CLI::App& sub);
CommandRunner SetupInitsCommand(CLI::App& sub);
CommandRunner SetupAiDocsCommand(CLI::App& sub);
CommandRunner SetupDoctestListCommand(CLI::App& sub);
CommandRunner SetupAutoMappingsCommand(CLI::App& sub);
CommandRunner SetupConfigDocstringsCommand(CLI::App& sub);
CommandRunner SetupPipelineTypingCommand(CLI::App& sub);
CommandRunner SetupDepsTableCommand(CLI::App& sub);
CommandRunner SetupForwardDocstringsCommand(CLI::App& sub);
CommandRunner SetupRefsCommand(CLI::App& sub);
CommandRunner SetupInitIsortCommand(CLI::App& sub);
CommandRunner SetupDocTocCommand(CLI::App& sub);
CommandRunner SetupCallgraphCommand(CLI::App& sub);
CommandRunner SetupCallersCommand(CLI::App& sub);
CommandRunner SetupCalleesCommand(CLI::App& sub);
CommandRunner SetupWhyCommand(CLI::App& sub);
CommandRunner SetupMcpCommand(CLI::App& sub);
CommandRunner SetupRepoConsistencyCommand(CLI::App& sub);
CommandRunner SetupFixupCommand(CLI::App& sub);
CommandRunner SetupCheckersCommand(CLI::App& sub);

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"parse", "Parse Python files as CPython does: dump the AST or check for syntax errors",
       SetupParseCommand, CommandGroup::kParser},
      {"deps", "What a module imports (resolved to defining modules), directly or transitively",
       SetupDepsCommand, CommandGroup::kImportGraph},
      {"rdeps", "What imports a module, directly or transitively", SetupRdepsCommand,
       CommandGroup::kImportGraph},
      {"chain", "The shortest import chain from one module to another", SetupChainCommand,
       CommandGroup::kImportGraph},
      {"graph", "The project's import graph as text, JSON or DOT", SetupGraphCommand,
       CommandGroup::kImportGraph},
      {"cycles", "Import cycles between the project's modules", SetupCyclesCommand,
       CommandGroup::kImportGraph},
      {"copies", "Check that `# Copied from` code matches its original (utils/check_copies.py)",
       SetupCopiesCommand, CommandGroup::kPullRequest},
      {"fix-copies", "Rewrite the copies and the dummy objects, as `make fix-copies` does",
       SetupFixCopiesCommand, CommandGroup::kPullRequest},
      {"repo-consistency",
       "Every repository check in one process, in parallel (the PR CI's consistency job)",
       SetupRepoConsistencyCommand, CommandGroup::kPullRequest},
      {"check", "transformers' check runner (utils/checkers.py): kensa check copies,dummies | all",
       SetupCheckersCommand, CommandGroup::kPullRequest},
      {"fixup", "make fixup: ruff on the branch's changed files, every fix, then every check",
       SetupFixupCommand, CommandGroup::kPullRequest},
      {"dummies", "Check (or --fix) the dummy objects of each backend (utils/check_dummies.py)",
       SetupDummiesCommand, CommandGroup::kPullRequest},
      {"support-list",
       "Check that processors, activations, ... have API docs (utils/check_support_list.py)",
       SetupSupportListCommand, CommandGroup::kPullRequest},
      {"inits", "Check that both halves of each custom init agree (utils/check_inits.py)",
       SetupInitsCommand, CommandGroup::kPullRequest},
      {"ai-docs", "Check that the agent guides and skills under .ai/ hold together (check_ai.py)",
       SetupAiDocsCommand, CommandGroup::kPullRequest},
      {"doctest-list",
       "Check (or --fix) transformers' lists of doctest files (utils/check_doctest_list.py)",
       SetupDoctestListCommand, CommandGroup::kPullRequest},
      {"auto-mappings",
       "Check (or --fix) the order of transformers' auto mappings (sort_auto_mappings.py)",
       SetupAutoMappingsCommand, CommandGroup::kPullRequest},
      {"config-docstrings",
       "Check that transformers' config classes name a checkpoint (check_config_docstrings.py)",
       SetupConfigDocstringsCommand, CommandGroup::kPullRequest},
      {"pipeline-typing",
       "Check (or --fix) transformers' generated pipeline() overloads (check_pipeline_typing.py)",
       SetupPipelineTypingCommand, CommandGroup::kPullRequest},
      {"deps-table",
       "Check (or --fix) src/<package>/dependency_versions_table.py against setup.py's _deps",
       SetupDepsTableCommand, CommandGroup::kPullRequest},
      {"forward-docstrings",
       "Check (or --fix) forward()/__call__() docstrings (check_forward_call_docstrings.py)",
       SetupForwardDocstringsCommand, CommandGroup::kPullRequest},
      {"doc-toc", "Check (or --fix) the order of the docs' table of contents (check_doc_toc.py)",
       SetupDocTocCommand, CommandGroup::kPullRequest},
      {"init-isort",
       "Check (or --fix) the order of `_import_structure` in inits (custom_init_isort.py)",
       SetupInitIsortCommand, CommandGroup::kPullRequest},
      {"tests", "Select the tests a change needs, as utils/tests_fetcher.py (test_list.txt)",
       SetupTestsCommand, CommandGroup::kPullRequest},
      {"emits", "Where a message printed at run time comes from: every emitting site, ranked",
       SetupEmitsCommand, CommandGroup::kInvestigation},
      {"trace", "Run a Python command and show the stack where a message or exception fires",
       SetupTraceCommand, CommandGroup::kInvestigation},
      {"def", "Where a name is defined, through re-exports, lazy inits and aliases",
       SetupDefCommand, CommandGroup::kInvestigation},
      {"refs", "Every read, call and import of a definition, with file:line:col", SetupRefsCommand,
       CommandGroup::kInvestigation},
      {"callgraph", "The static call graph of entry files, in PyCG's JSON format, JSON or DOT",
       SetupCallgraphCommand, CommandGroup::kInvestigation},
      {"callers", "The functions calling a function, --depth levels up, with call sites",
       SetupCallersCommand, CommandGroup::kInvestigation},
      {"callees", "The functions a function calls, with call sites and how each resolved",
       SetupCalleesCommand, CommandGroup::kInvestigation},
      {"why", "The static call paths from one function to another, shortest first", SetupWhyCommand,
       CommandGroup::kInvestigation},
      {"mcp", "Serve kensa's queries and checks to AI agents (Model Context Protocol)",
       SetupMcpCommand, CommandGroup::kOther},
  };
  return commands;
}

}  // namespace kensa::cli
