// The pipeline-typing check: the `@overload` signatures of `pipeline()` generated into
// transformers' src/transformers/pipelines/__init__.py, one per task of SUPPORTED_TASKS, match
// the function's signature. CheckPipelineTyping reproduces utils/check_pipeline_typing.py
// without importing transformers: the region `# <generated-code>(.*)# </generated-code>`
// (DOTALL, greedy: first opening marker to last closing one), the signature
// `def pipeline(.*) -> Pipeline:` of the text with that region removed (every copy of it, as
// str.replace does), flattened by the script's three replace() calls, and the tasks read from
// the SUPPORTED_TASKS dict literal with kensa's Python parser, each "impl" a class name (its
// __name__: an import's original name, not its alias) or a str; sorted by the quoted task
// string, with (None, Pipeline) first; HEADER and FOOTER as the script spells them.
//
// What the module does to SUPPORTED_TASKS after the literal at import is followed when it is
// plain: a reassignment, `SUPPORTED_TASKS["t"] = {...}`, `del SUPPORTED_TASKS["t"]`; the real
// file only reads it (PipelineRegistry keeps a reference). Anything else that could change it
// at import (update(), a registry's register_pipeline(), ...) is a tool error, never a guess.
//
// Pure: the file comes from a SourceTree; the fix leaves as an Edit. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/edit.h"
#include "project/source_tree.h"

namespace kensa::checks {

// The script's --pipeline_file_path default, relative to the project root.
inline constexpr char kPipelineTypingFile[] = "src/transformers/pipelines/__init__.py";

struct PipelineTypingReport {
  bool stale = false;       // the generated code differs from what the script generates
  int line = 0;             // the line of the first `# <generated-code>` (0: none)
  std::vector<Edit> edits;  // fix mode: the file with the region regenerated
  // The script's exception: "ValueError" for a stale region or a signature without
  // `task: str | None = None`, else what it dies of ("AttributeError" when a marker or the
  // signature is missing, "KeyError", "NameError", "SyntaxError", "FileNotFoundError", ...).
  std::string exception_type;
  std::string exception;
  // What kensa cannot read statically (SUPPORTED_TASKS not a literal, changed in a way it does
  // not follow): the check did not run.
  std::string tool_error;
};

PipelineTypingReport CheckPipelineTyping(const project::SourceTree& tree, bool fix);

}  // namespace kensa::checks
