// SyntaxError: why CPython would refuse a source, where, in CPython's own terms, so that kensa
// can print exactly the class, message, line and offset `compile()` reports.
#pragma once

#include <cstdint>
#include <string>

namespace kensa::python {

struct SyntaxError {
  // CPython rejects a few inputs with other exceptions: ValueError for a NUL byte (3.11),
  // MemoryError when the parser's stack overflows, RecursionError when ast.parse turns a tree
  // deeper than its C recursion limit into Python objects, UnicodeDecodeError (a ValueError)
  // for a bad escape in a 3.12 f-string's format spec. They count as rejections all the same.
  enum class Type : uint8_t {
    kSyntaxError,
    kIndentationError,
    kTabError,
    kValueError,
    kMemoryError,
    kRecursionError,
    kUnicodeDecodeError,
  };
  Type type = Type::kSyntaxError;
  std::string message;  // CPython's text, e.g. "'(' was never closed"
  // As CPython's SyntaxError attributes: lineno 1-based; offset 1-based and counted in
  // characters (code points) of the line, as CPython reports it. 0 where CPython has none.
  uint32_t line = 0;
  uint32_t offset = 0;
  uint32_t end_line = 0;
  uint32_t end_offset = 0;

  // CPython's -1 for "no offset" (e.g. "unknown encoding: x", reported at line 0, offset -1).
  static constexpr uint32_t kNoOffset = UINT32_MAX;
  // The offsets as Python ints: kNoOffset becomes -1.
  int64_t PythonOffset() const { return offset == kNoOffset ? -1 : int64_t{offset}; }
  int64_t PythonEndOffset() const { return end_offset == kNoOffset ? -1 : int64_t{end_offset}; }

  // The CPython exception class name: "SyntaxError", "IndentationError", ...
  const char* TypeName() const;
};

inline const char* SyntaxError::TypeName() const {
  switch (type) {
    case Type::kIndentationError:
      return "IndentationError";
    case Type::kTabError:
      return "TabError";
    case Type::kValueError:
      return "ValueError";
    case Type::kMemoryError:
      return "MemoryError";
    case Type::kRecursionError:
      return "RecursionError";
    case Type::kUnicodeDecodeError:
      return "UnicodeDecodeError";
    case Type::kSyntaxError:
      break;
  }
  return "SyntaxError";
}

}  // namespace kensa::python
