// ModuleSummary: everything kensa needs from one Python file, computed from its bytes alone —
// its imports (with line and the context they sit in), its top-level definitions, every class
// and function (nested too) with its PyCG name, name-to-name bindings, `__all__`,
// the exports a lazy `__init__` declares in `_import_structure`, its dummy objects, and the
// syntax error when it does not parse. Being a pure function of the bytes, a summary can be
// built on any thread, cached by content hash and rebuilt alone when the file changes.
// Plain data; copyable; no pointers into the source.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kensa::index {

// Where an import sits; several may hold at once.
enum ImportFlag : uint16_t {
  kImportFrom = 1 << 0,     // `from X import ...`
  kImportStar = 1 << 1,     // `from X import *`
  kInFunction = 1 << 2,     // inside a def (runs when called, not at import)
  kInClass = 1 << 3,        // inside a class body
  kTypeChecking = 1 << 4,   // under `if TYPE_CHECKING:` (also `TYPE_CHECKING or X`)
  kImportGuarded = 1 << 5,  // in a try whose handlers catch ImportError/ModuleNotFoundError
                            // or an optional-dependency error (`...NotAvailable`), or its else
  kConditional = 1 << 6,    // under any other if/while/with/match/try
};

struct ImportedName {
  std::string name;    // "*" for a star import
  std::string asname;  // "" when not renamed

  bool operator==(const ImportedName&) const = default;
};

// One `import` of one module: `import a.b as c, d` gives two; `from .x import A, B` one with
// two names.
struct Import {
  std::string module;  // as written without the leading dots ("" for `from . import x`)
  std::string asname;  // `import a.b as c` -> "c"
  std::vector<ImportedName> names;  // from-imports only
  uint32_t line = 0;                // 1-based line of the statement
  uint8_t level = 0;                // number of leading dots; 0 = absolute
  uint16_t flags = 0;               // ImportFlag bits

  bool operator==(const Import&) const = default;
};

struct Definition {
  enum class Kind : uint8_t { kClass, kFunction, kVariable };
  std::string name;
  uint32_t line = 0;
  Kind kind = Kind::kVariable;
  bool conditional = false;  // under a module-level if/try/with

  bool operator==(const Definition&) const = default;
};

// One name a lazy init exports: `_import_structure["models.unet"] = ["UNet"]` gives
// {"models.unet", "UNet"}. A key with an empty list gives {submodule, ""}: the submodule itself.
struct LazyExport {
  std::string submodule;  // relative to the package defining it
  std::string name;
  uint32_t line = 0;

  bool operator==(const LazyExport&) const = default;
};

// A placeholder that raises when its backend is missing (`class X(metaclass=DummyObject)`
// with `_backends = [...]`, or a function calling `requires_backends(f, [...])`).
struct DummyObject {
  std::string name;
  std::vector<std::string> backends;
  uint32_t line = 0;
  bool is_class = true;

  bool operator==(const DummyObject&) const = default;
};

// A class or function anywhere in the file, nested ones too, named as PyCG names code:
// `qualname` is the dotted path from the module ("Outer.method", "outer.inner", never
// `<locals>`). Class-level assignments (`__iter__ = keys`, `name: int = 0`) are variables.
struct Scope {
  enum class Kind : uint8_t { kClass, kFunction, kVariable };
  std::string qualname;
  uint32_t line = 0;        // the `def`/`class` statement (CPython's lineno)
  uint32_t column = 0;      // 0-based, UTF-8 bytes
  uint32_t first_line = 0;  // its first decorator, else `line` (where inspect's source starts)
  uint32_t end_line = 0;
  Kind kind = Kind::kFunction;
  std::vector<std::string> bases;  // a class's bases when dotted names, as written

  bool operator==(const Scope&) const = default;
};

// A module- or class-level name bound to another name: `dumps = _dumps`, `path = posixpath`,
// `__iter__ = keys`, `Alias = pkg.mod.Class`. What `kensa def` follows past the binding.
struct NameBinding {
  std::string scope;  // qualname of the class holding it, "" at module level
  std::string name;
  std::string target;  // the dotted name assigned, as written
  uint32_t line = 0;
  uint32_t column = 0;

  bool operator==(const NameBinding&) const = default;
};

struct SummaryError {
  std::string type;     // "SyntaxError", "IndentationError", ...
  std::string message;  // CPython's text
  uint32_t line = 0;
  uint32_t offset = 0;  // 1-based, in code points, as CPython's SyntaxError.offset

  bool operator==(const SummaryError&) const = default;
};

struct ModuleSummary {
  std::vector<Import> imports;  // in source order
  std::vector<Definition> definitions;
  bool has_all = false;
  std::vector<std::string> all;     // `__all__`, in order
  bool has_lazy_structure = false;  // assigns `_import_structure`
  std::vector<LazyExport> lazy_exports;
  std::vector<DummyObject> dummies;
  std::vector<Scope> scopes;          // in source order (a class before its methods)
  std::vector<NameBinding> bindings;  // in source order
  std::optional<SummaryError> error;  // set when the file does not decode or parse

  bool operator==(const ModuleSummary&) const = default;
};

}  // namespace kensa::index
