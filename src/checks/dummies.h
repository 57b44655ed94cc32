// The dummies check: for each backend guard in the main `__init__.py`'s `TYPE_CHECKING` part
// (`if not is_torch_available(): ... else:` followed by the imports), the file
// `utils/dummy_<backend>_objects.py` must hold exactly the placeholder classes, functions and
// constants that utils/check_dummies.py generates for those imported names. CheckDummies
// reproduces the script of diffusers or of transformers (DummiesFlavor): the same line-based
// reading of the init (not the AST), the same generated text, the same message for the first
// stale file, the same files rewritten in fix mode, and the same exception on odd input (an init
// without `if TYPE_CHECKING`, a guard without `    else:`, bytes that are not UTF-8).
//
// transformers' copy differs: a guard is only an indented `if not is_x_available()` line, its
// backends are sorted and found without the call's parentheses, a backend with no objects still
// gets a (header-only) file, the class template has no from_config/from_pretrained, and a stale
// file's error quotes the first differing "class"-separated piece of the torch dummies — which
// raises KeyError without a torch backend and UnboundLocalError when the pieces zip equal.
//
// Two things the script gets wrong are reported when `strict` is set (kensa dummies --strict),
// and reproduced otherwise: a comment line inside an import list becomes a "dummy object" (its
// text minus its last character, written as a function or class of that name: invalid
// Python), and a dummy file no backend maps to is neither checked nor removed.
//
// Pure: files come from a SourceTree, fixes leave as Edits. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/edit.h"
#include "project/layout.h"
#include "project/source_tree.h"

namespace kensa::checks {

// Whose utils/check_dummies.py is reproduced; the two copies have drifted apart.
enum class DummiesFlavor { kDiffusers, kTransformers };

struct DummiesOptions {
  DummiesFlavor flavor = DummiesFlavor::kDiffusers;
  std::string library_path = "src/diffusers";  // PATH_TO_DIFFUSERS
  std::string package = "diffusers";           // as the messages name the dummy modules
  bool fix = false;                            // --fix_and_overwrite
  bool strict = false;                         // report the script's two mistakes instead
};

// One finding, at a file and line (1-based; 0 when it concerns the whole file).
struct DummiesFinding {
  enum class Kind {
    kStale,          // the dummy file differs from what the init says (the script's check)
    kCommentObject,  // strict: a comment line in an import list
    kOrphanFile,     // strict: a dummy file for a backend the init no longer guards
  };
  Kind kind = Kind::kStale;
  std::string path;  // relative to the tree root
  size_t line = 0;
  std::string message;
};

struct DummiesReport {
  // In the script's order: every stale dummy file in fix mode, the first one in check mode;
  // then, with strict, the comment lines and the orphan files.
  std::vector<DummiesFinding> findings;
  // What the script prints on stdout ("Updating diffusers.utils.dummy_pt_objects.py as ...").
  std::vector<std::string> printed;
  // Fix mode: the edits writing each stale file (paths relative to the root); `created` lists
  // the files the fix creates (a backend without a dummy file yet).
  std::vector<Edit> edits;
  std::vector<std::string> created;
  // Set when the script ends with an exception: "ValueError" for a failed check, or the error
  // on odd input ("IndexError", "UnicodeDecodeError"); the message is what follows "<type>: ".
  std::string exception_type;
  std::string exception;
};

// The options for a project: its package, and transformers' flavour under the transformers
// preset (the package's own, or --preset), diffusers' otherwise — as the inits check decides.
DummiesOptions DummiesOptionsFor(const project::Layout& layout);

DummiesReport CheckDummies(const project::SourceTree& tree, const DummiesOptions& options);

// What the script generates for one backend's objects ("torch_and_scipy" -> the whole file).
std::string DummyFileText(const std::string& backend, const std::vector<std::string>& objects,
                          DummiesFlavor flavor = DummiesFlavor::kDiffusers);

}  // namespace kensa::checks
