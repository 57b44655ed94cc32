// JSON of the repository checks (copies, dummies, init-isort, doc-toc, support-list, deps-table,
// forward-docstrings, ai-docs, inits, doctest-list, auto-mappings): their --json and the MCP tools
// check_copies, check_dummies, check_init_isort and check_doc_toc. Paths are relative to the
// project root.
#pragma once

#include <string>
#include <vector>

#include "checks/ai_docs.h"
#include "checks/auto_mappings.h"
#include "checks/config_docstrings.h"
#include "checks/pipeline_typing.h"
#include "checks/copies.h"
#include "checks/deps_table.h"
#include "checks/doc_toc.h"
#include "checks/doctest_list.h"
#include "checks/dummies.h"
#include "checks/forward_docstrings.h"
#include "checks/init_isort.h"
#include "checks/inits.h"
#include "checks/support_list.h"
#include "render/json.h"

namespace kensa::render {

// Sets "exception": {"type", "message", "file"?} on `j` when the script would stop with one.
void AddScriptExceptionJson(Json& j, const std::string& type, const std::string& message,
                            const std::string* file = nullptr);

const char* DummiesKindName(checks::DummiesFinding::Kind kind);  // stale, comment-object, ...

// {"findings": [{"kind", "file", "line", "message"}], "written", "created", "exception"?}
Json DummiesJson(const checks::DummiesReport& report, const std::vector<std::string>& written);
// {"unsorted": [paths], "written", "exception"?}
Json InitIsortJson(const checks::InitIsortReport& report, const std::vector<std::string>& written);
// {"unsorted": bool, "written", "exception"?}
Json DocTocJson(const checks::DocTocReport& report, const std::vector<std::string>& written);
// {"file", "outdated", "missing", "setup_line", "written", "exception"?}
Json DepsTableJson(const checks::DepsTableReport& report, const std::string& table_path,
                   const std::vector<std::string>& written);
// {"findings": [{"kind", "file", "line", "class", "method", "names", "message"}],
//  "removed", "written", "exception"?}
Json ForwardDocstringsJson(const checks::ForwardDocstringsReport& report,
                           const std::vector<std::string>& written);
// {"findings": [{"kind": "undocumented", "category", "class", "file", "line", "doc"}],
//  "exception"?}
Json SupportListJson(const checks::SupportListReport& report);
// {"findings": [{"kind": "init", "file", "errors"} | {"kind": "unregistered", "submodule"}],
//  "exception"}.
Json InitsJson(const checks::InitsReport& report);
// {"findings": [{"kind", "file", "message"}], "exception"?}: kind escapes, missing-link,
// missing-guide, uncited-sibling, name-mismatch, no-name or no-description.
Json AiDocsJson(const checks::AiDocsReport& report);
// {"findings": [{"kind": "missing-path" | "unsorted", "file", "line", "entry"?}], "written",
//  "exception"?}: the problems of the list file the script stopped on.
Json DoctestListJson(const checks::DoctestListReport& report,
                     const std::vector<std::string>& written);
// {"unsorted": [{"file", "line"}], "written", "exception"?}
Json AutoMappingsJson(const checks::AutoMappingsReport& report,
                      const std::vector<std::string>& written);
// {"mismatches": [{"file", "line", "object", "message"}], "total", "omitted", "printed",
//  "rewritten", "exception"?, "stats"}: at most `limit` mismatches.
Json CopiesJson(const checks::CopiesReport& report, size_t limit = SIZE_MAX);

// {"findings": [{"kind": "no-checkpoint"|"unresolved", "class", "model_type", "file", "line",
// "message"}], "checked", "exception"?}
Json ConfigDocstringsJson(const checks::ConfigDocstringsReport& report);
// {"stale", "line", "written", "exception"?}
Json PipelineTypingJson(const checks::PipelineTypingReport& report,
                        const std::vector<std::string>& written);

}  // namespace kensa::render
