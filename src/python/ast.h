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
//     None (but Constant's `string? kind`, only ever 'u' or None, is `bool kind_u`),
//     `identifier*` -> IdentifierList, `cmpop*` -> CmpOperatorList, int -> int32_t,
//     `int?` -> int32_t, constant -> ConstantValue, simple sums -> the enums below;
//   - each struct has `static constexpr NodeKind kKind` and is constructed with
//     arena.New<T>() then filled in;
//   - DumpNode(...) and VisitChildren(...) (ast_dump.h, ast_visit.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

#include "base/arena.h"

namespace kensa::python::ast {

enum class ExprContext : uint8_t { kLoad, kStore, kDel };
enum class BoolOperator : uint8_t { kAnd, kOr };
enum class Operator : uint8_t {
  kAdd,
  kSub,
  kMult,
  kMatMult,
  kDiv,
  kMod,
  kPow,
  kLShift,
  kRShift,
  kBitOr,
  kBitXor,
  kBitAnd,
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

// The storage of every list field: one pointer to an arena array whose length (a uint32_t) is
// stored in the 4 bytes right before its first element; an empty list is a null pointer. That
// keeps a list field at 8 bytes (pointer + size took 16, and 40% of the lists are empty).
// Arrays are made by NewListItems, filled, then wrapped: `ArenaList<E>(items)`.
template <class E>
class ArenaList {
 public:
  // Bytes before the first element: the length, padded to the element's alignment.
  static constexpr size_t kHeaderSize = alignof(E) > 4 ? alignof(E) : 4;

  ArenaList() = default;
  // `items` must come from NewListItems<E> (null: empty).
  explicit ArenaList(const E* items) : items_(items) {}

  uint32_t size() const {
    if (items_ == nullptr) return 0;
    uint32_t n;
    std::memcpy(&n, reinterpret_cast<const char*>(items_) - 4, sizeof(n));
    return n;
  }
  bool empty() const { return items_ == nullptr; }
  E operator[](uint32_t i) const { return items_[i]; }
  const E* begin() const { return items_; }
  const E* end() const { return items_ + size(); }

 private:
  const E* items_ = nullptr;
};

// Allocates the array of a list of n elements (value-initialized) with its length in front;
// n == 0 gives null, the empty list.
template <class E>
E* NewListItems(Arena& arena, uint32_t n) {
  static_assert(std::is_trivially_destructible_v<E> && std::is_trivially_copyable_v<E>);
  if (n == 0) return nullptr;
  constexpr size_t kHeader = ArenaList<E>::kHeaderSize;
  constexpr size_t kAlign = alignof(E) > 4 ? alignof(E) : 4;
  char* block = static_cast<char*>(arena.Allocate(kHeader + sizeof(E) * n, kAlign));
  std::memcpy(block + kHeader - 4, &n, sizeof(n));
  E* items = reinterpret_cast<E*>(block + kHeader);
  for (uint32_t i = 0; i < n; ++i) new (items + i) E();
  return items;
}

// A list of child nodes (elements may be null only where CPython allows None: Dict.keys,
// arguments.kw_defaults).
template <class T>
using NodeList = ArenaList<T*>;
using IdentifierList = ArenaList<Identifier>;
using CmpOperatorList = ArenaList<CmpOperator>;

// The value of a Constant or MatchSingleton, in 16 bytes: the kind, and the text or the number.
struct ConstantValue {
  enum class Kind : uint8_t {
    kNone,
    kTrue,
    kFalse,
    kEllipsis,
    kInt,
    kFloat,
    kComplex,
    kStr,
    kBytes
  };
  Kind kind = Kind::kNone;

  static ConstantValue WithText(Kind kind, std::string_view text) {
    ConstantValue value;
    value.kind = kind;
    value.set_text(text);
    return value;
  }
  static ConstantValue WithNumber(Kind kind, double number) {
    ConstantValue value;
    value.kind = kind;
    value.number = number;
    return value;
  }

  // kInt: the value in decimal, no sign, no leading zeros ("0" for zero), any size.
  // kStr: the decoded text as UTF-8; lone surrogates (from "\udc80") are encoded as 3-byte
  //       sequences (generalized UTF-8), as CPython's str can hold them.
  // kBytes: the raw bytes.
  std::string_view text() const { return std::string_view(text_data_, text_size_); }
  void set_text(std::string_view text) {
    text_data_ = text.data();
    text_size_ = static_cast<uint32_t>(text.size());
  }

 private:
  uint32_t text_size_ = 0;

 public:
  union {
    const char* text_data_ = nullptr;  // private in spirit: use text() / set_text()
    // kFloat: the value; kComplex: the imaginary part (the real part is always 0).
    double number;
  };
};
static_assert(sizeof(ConstantValue) == 16);

}  // namespace kensa::python::ast
