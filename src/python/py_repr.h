// Python's repr() of the constant values an AST holds, byte-identical to CPython 3.11's: str
// (quote choice, escapes, str.isprintable), bytes, int, float (shortest round-trip digits in
// Python's float repr layout), complex (a pure imaginary literal), True/False/None/Ellipsis.
// The AST layer owns this; pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "python/ast.h"

namespace kensa::python {

// repr(str) for text in generalized UTF-8 (lone surrogates encoded as 3-byte sequences).
void AppendStrRepr(std::string_view utf8, std::string* out);
// repr(bytes).
void AppendBytesRepr(std::string_view bytes, std::string* out);
// repr(float).
void AppendFloatRepr(double value, std::string* out);
// repr(complex(0.0, imag)), e.g. "1j", "1.5j", "1e+20j", "infj".
void AppendImaginaryRepr(double imag, std::string* out);
// repr() of a Constant's value.
void AppendConstantRepr(const ast::ConstantValue& value, std::string* out);

inline std::string ConstantRepr(const ast::ConstantValue& value) {
  std::string out;
  AppendConstantRepr(value, &out);
  return out;
}

}  // namespace kensa::python
