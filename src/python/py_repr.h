// Python's repr() of the constant values an AST holds, byte-identical to CPython 3.11's: str
// (quote choice, escapes, str.isprintable), bytes, int, float (shortest round-trip digits in
// Python's float repr layout), complex (a pure imaginary literal), True/False/None/Ellipsis.
// The AST layer owns this; pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "python/ast.h"
#include "python/python_version.h"

namespace kensa::python {

// repr(str) for text in generalized UTF-8 (lone surrogates encoded as 3-byte sequences).
// `version` decides which characters are printable (3.12 has Unicode 15.0, 3.11 14.0).
void AppendStrRepr(std::string_view utf8, std::string* out,
                   PythonVersion version = PythonVersion::k3_11);
// repr(bytes).
void AppendBytesRepr(std::string_view bytes, std::string* out);
// repr(float).
void AppendFloatRepr(double value, std::string* out);
// repr(complex(0.0, imag)), e.g. "1j", "1.5j", "1e+20j", "infj".
void AppendImaginaryRepr(double imag, std::string* out);
// repr() of a Constant's value.
void AppendConstantRepr(const ast::ConstantValue& value, std::string* out,
                        PythonVersion version = PythonVersion::k3_11);

inline std::string ConstantRepr(const ast::ConstantValue& value) {
  std::string out;
  AppendConstantRepr(value, &out);
  return out;
}

}  // namespace kensa::python
