// The Python AST: node types as CPython's `ast` module defines them (src/python/ast.asdl),
// allocated in an Arena and holding byte ranges into the Source they came from.
//
// Ownership: an Ast owns its Arena; every node, list and copied string lives there and dies
// with it. Strings (identifiers, decoded literals) are string_views into the Source text when
// they are spelled the same there, otherwise into the arena. Nodes are immutable once built.
//
// Generated from ast.asdl by tools/asdl_gen into ast_nodes.h (in the build tree):
//   - enum class NodeKind with one value per constructor and product type;
//   - for each sum type `stmt`, `expr`, ...: a base struct (Mod, Stmt, Expr, ExceptHandlerBase,
//     Pattern, TypeIgnoreBase, TypeParam) deriving from Node;
//   - for each constructor: a struct of that name deriving from its sum's base, with one member
//     per field named as in ASDL; the statement `Expr` is named ExprStmt; product types are
//     Comprehension, Arguments, Arg, Keyword, Alias, WithItem, MatchCase (deriving from Node);
//   - field types: `T` -> T* (never null), `T?` -> T* (null for None), `T*` -> NodeList<T>
//     (elements may be null only where CPython allows None: Dict.keys, arguments.kw_defaults),
//     identifier -> Identifier, `identifier?`/`string?` -> Identifier with data()==nullptr for
//     None, `identifier*` -> NodeList<Identifier>... stored as IdentifierList, int -> int32_t,
//     `int?` -> int32_t, constant -> ConstantValue, simple sums -> the enums below;
//   - each struct has `static constexpr NodeKind kKind` and is constructed with
//     arena.New<T>() then filled in;
//   - DumpNode(...) and VisitChildren(...) (ast_dump.h, ast_visit.h).
#pragma once

#include <cstdint>
#include <string_view>

#include "base/arena.h"

namespace kensa::python::ast {

enum class ExprContext : uint8_t { kLoad, kStore, kDel };
enum class BoolOperator : uint8_t { kAnd, kOr };
enum class Operator : uint8_t {
  kAdd, kSub, kMult, kMatMult, kDiv, kMod, kPow, kLShift, kRShift, kBitOr, kBitXor, kBitAnd,
  kFloorDiv,
};
enum class UnaryOperator : uint8_t { kInvert, kNot, kUAdd, kUSub };
enum class CmpOperator : uint8_t { kEq, kNotEq, kLt, kLtE, kGt, kGtE, kIs, kIsNot, kIn, kNotIn };

// Declared here, defined (one value per constructor) in the generated ast_nodes.h.
enum class NodeKind : uint8_t;

// Every node: its kind and its byte range [begin, end) in Source::text(). The dumped
// lineno/col_offset/end_lineno/end_col_offset are Source::Locate(begin) and Locate(end).
// Product types without positions in CPython (arguments, comprehension, withitem,
// match_case) still carry a range here, for kensa's own use; the dump ignores it.
struct Node {
  NodeKind node_kind;
  uint32_t begin = 0;
  uint32_t end = 0;
};

// An identifier or optional string; data() == nullptr means None.
using Identifier = std::string_view;

// An arena array of T* (or of Identifier), with a size.
template <class T>
class NodeList {
 public:
  NodeList() = default;
  NodeList(T* const* items, uint32_t size) : items_(items), size_(size) {}
  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* operator[](uint32_t i) const { return items_[i]; }
  T* const* begin() const { return items_; }
  T* const* end() const { return items_ + size_; }

 private:
  T* const* items_ = nullptr;
  uint32_t size_ = 0;
};

class IdentifierList {
 public:
  IdentifierList() = default;
  IdentifierList(const Identifier* items, uint32_t size) : items_(items), size_(size) {}
  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Identifier operator[](uint32_t i) const { return items_[i]; }
  const Identifier* begin() const { return items_; }
  const Identifier* end() const { return items_ + size_; }

 private:
  const Identifier* items_ = nullptr;
  uint32_t size_ = 0;
};

// The value of a Constant or MatchSingleton.
struct ConstantValue {
  enum class Kind : uint8_t { kNone, kTrue, kFalse, kEllipsis, kInt, kFloat, kComplex, kStr, kBytes };
  Kind kind = Kind::kNone;
  // kInt: the value in decimal, no sign, no leading zeros ("0" for zero), any size.
  // kStr: the decoded text as UTF-8; lone surrogates (from "\udc80") are encoded as 3-byte
  //       sequences (generalized UTF-8), as CPython's str can hold them.
  // kBytes: the raw bytes.
  std::string_view text;
  // kFloat: the value; kComplex: the imaginary part (the real part is always 0).
  double number = 0;
};

}  // namespace kensa::python::ast
