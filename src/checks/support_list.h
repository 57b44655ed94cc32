// The support-list check: every class of some kinds (attention processors, image processors,
// activations, normalizations, LoRA loader mixins) must have an `[[autodoc]]` entry in its API
// page. CheckSupportList reproduces diffusers' utils/check_support_list.py: for each category,
// the class names its source regex finds (re.findall over the file read as text, universal
// newlines), less the excluded ones, minus the last dotted component of each `[[autodoc]]`
// line of the doc page; what is left, sorted, is reported in one ValueError with the script's
// text. The script has no fix mode.
//
// Pure: files come from a SourceTree. Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "project/source_tree.h"

namespace kensa::checks {

struct SupportListCategory {
  std::string name;      // "Attention Processors"
  std::string doc_path;  // relative to the repository root
  std::string src_path;
  std::string doc_regex;                             // one group: the autodoc target
  std::string src_regex;                             // one group: the class name
  std::function<bool(const std::string&)> excluded;  // the script's exclude_conditions
};

// The categories of utils/check_support_list.py at diffusers 58eb52c, in the script's order.
std::vector<SupportListCategory> DiffusersSupportLists();

struct UndocumentedClass {
  std::string category;
  std::string name;
  std::string src_path;
  size_t line = 0;  // where its class statement matched (1-based)
  std::string doc_path;
};

struct SupportListReport {
  std::vector<UndocumentedClass> undocumented;  // by category, then name
  // The script's exception: "ValueError" (the check failed, with its combined message), or the
  // error it dies of on odd input ("FileNotFoundError", "UnicodeDecodeError"); message after
  // "<type>: ".
  std::string exception_type;
  std::string exception;
  std::string exception_path;  // the file the odd-input error is about
};

SupportListReport CheckSupportList(const project::SourceTree& tree,
                                   const std::vector<SupportListCategory>& categories);

}  // namespace kensa::checks
