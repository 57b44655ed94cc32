// The MCP tools running the repository checks on the project's work tree, read-only (never
// --fix): check_copies, check_dummies, check_init_isort, check_doc_toc. Each answers with
// render/check_json.h's document (the CLI's --json) and the findings as `file:line: ...` text.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "checks/snippet_formatter.h"
#include "server/tool.h"
#include "server/workspace.h"

namespace kensa::server {

// Makes the formatter check_copies hands its snippets to (the CLI's ruff runner), for the
// project root given.
using FormatterFactory =
    std::function<std::unique_ptr<checks::SnippetFormatter>(const std::string& root)>;

void AddCheckTools(ToolTable* tools, Workspace* workspace, FormatterFactory formatter);

}  // namespace kensa::server
