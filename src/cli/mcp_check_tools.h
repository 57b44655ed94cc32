// The repository checks as MCP tools, generated from RepositoryChecks(): `check_NAME` for each
// check (its name with '_' for '-': check_copies, check_init_isort, ...) and
// check_repo_consistency for several at once. A tool runs the check's own run function with
// --json, so its structured result is the very document `kensa NAME --json` prints; `fix`
// (where the check has a fix mode) and `strict` (where it has one) are its flags. Here, not in
// server/, because the registry and the run functions are the CLI's and server/ is below it.
//
// The server's guarantees hold: the check reads through a ConfinedTree, its fix writes through
// ApplyCheckEdits, which refuses any file whose real path leaves the root (CheckProject's
// `confined`), and a link target's existence outside the root is never reported.
#pragma once

#include "server/tool.h"
#include "server/workspace.h"

namespace kensa::cli {

void AddCheckTools(server::ToolTable* tools, server::Workspace* workspace);

}  // namespace kensa::cli
