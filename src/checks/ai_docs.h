// The ai-docs check: the agent guides and skills under `.ai/` still hold together once a skill
// is installed outside the checkout. CheckAiDocs reproduces diffusers' utils/check_ai.py: for
// every `*.md` under `.ai/` (pathlib's rglob, sorted as Paths sort: part by part), with fenced
// code removed, each relative markdown link must not escape its directory (`..`) and must
// exist; each SKILL.md's `references/<guide>.md` citations must exist in `.ai/references/`, and
// a cited guide's `](sibling.md)` links must be cited too; each `.ai/skills/*/SKILL.md` needs a
// frontmatter `name` equal to its directory and a `description`. The problems come out in the
// script's order and words. The script has no fix mode.
//
// Pure: files come from a SourceTree, existence of link targets from `exists` (a path relative
// to the project root, or absolute: pathlib's `parent / target` lets an absolute target escape
// the tree). Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "project/source_tree.h"

namespace kensa::checks {

struct AiDocsProblem {
  enum class Kind {
    kEscapes,
    kMissingLink,
    kMissingGuide,
    kUncitedSibling,
    kNameMismatch,
    kNoName,
    kNoDescription
  };
  Kind kind;
  std::string path;     // ".ai/skills/x/SKILL.md", relative to the project root
  std::string message;  // the script's line, "<path>: ..."
};

struct AiDocsReport {
  std::vector<AiDocsProblem> problems;  // in the script's order
  // The error the script would die of on odd input (a `*.md` directory, a file that is not
  // UTF-8): its type ("UnicodeDecodeError", "IsADirectoryError", ...), message and file.
  std::string exception_type;
  std::string exception;
  std::string exception_path;
};

AiDocsReport CheckAiDocs(const project::SourceTree& tree,
                         const std::function<bool(const std::string&)>& exists);

// diffusers.commands.skills._skill_description(skill_md), reimplemented (the script imports
// the library for it): the frontmatter's `description`, folded onto one line; "" without one.
std::string SkillDescription(const std::string& skill_md);

}  // namespace kensa::checks
