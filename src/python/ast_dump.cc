// ast.dump(), driven by the generated field reflection (VisitFields): each node prints as
// `Name(field=value, ..., lineno=..., col_offset=..., end_lineno=..., end_col_offset=...)`.
//
// Trees can be very deep (a chain of 100000 `+` is one BinOp per term), so the printer keeps
// its own stack of pending pieces instead of recursing: a node is expanded into its pieces,
// pushed in reverse order, and each piece is printed when popped.
#include "python/ast_dump.h"

#include <charconv>
#include <type_traits>
#include <vector>

#include "python/py_repr.h"

namespace kensa::python {
namespace {

using ast::FieldInfo;
using ast::Node;

// One pending piece of output: `prefix` (a separator and/or "field="), then the value.
struct Piece {
  enum class Kind : uint8_t {
    kNode,             // node (null: None)
    kNodeList,         // node_at(items, 0..size)
    kCloseNode,        // the attributes of node, then ')'
    kCloseList,        // ']'
    kIdentifier,       // text (data() == nullptr: None)
    kIdentifierList,   // identifiers[0..size)
    kCmpOperatorList,  // cmp_ops[0..size)
    kInt,              // number
    kConstant,         // *constant
    kEnumName,         // text is the class name: prints "Name()"
  };
  Kind kind;
  const char* prefix = "";
  const char* field = nullptr;  // printed as "field=" after the prefix
  uint32_t size = 0;
  int32_t number = 0;
  // Reads element i of a NodeList<T>'s array, whatever its T.
  const Node* (*node_at)(const void* items, uint32_t i) = nullptr;
  union {
    const Node* node;
    const void* items;
    const ast::Identifier* identifiers;
    const ast::CmpOperator* cmp_ops;
    const ast::ConstantValue* constant;
  };
  std::string_view text;
};

class Dumper {
 public:
  Dumper(const Source& source, const DumpOptions& options, std::string* out)
      : source_(source), options_(options), out_(out) {}

  void Dump(const Node& root) {
    Piece piece{Piece::Kind::kNode};
    piece.node = &root;
    stack_.push_back(piece);
    while (!stack_.empty()) {
      Piece p = stack_.back();
      stack_.pop_back();
      Print(p);
    }
  }

 private:
  void Print(const Piece& p) {
    out_->append(p.prefix);
    if (p.field != nullptr) {
      out_->append(p.field);
      out_->push_back('=');
    }
    switch (p.kind) {
      case Piece::Kind::kNode:
        if (p.node == nullptr) {
          out_->append("None");
        } else {
          Expand(*p.node);
        }
        return;
      case Piece::Kind::kNodeList: {
        out_->push_back('[');
        Piece close{Piece::Kind::kCloseList};
        stack_.push_back(close);
        for (uint32_t i = p.size; i-- > 0;) {
          Piece item{Piece::Kind::kNode};
          item.prefix = i == 0 ? "" : ", ";
          item.node = p.node_at(p.items, i);
          stack_.push_back(item);
        }
        return;
      }
      case Piece::Kind::kCloseNode:
        if (options_.include_attributes && ast::NodeKindHasAttributes(p.node->node_kind)) {
          LineCol begin = source_.Locate(p.node->begin);
          LineCol end = source_.Locate(p.node->end);
          out_->append(p.size == 0 ? "lineno=" : ", lineno=");
          AppendInt(begin.line);
          out_->append(", col_offset=");
          AppendInt(begin.column);
          out_->append(", end_lineno=");
          AppendInt(end.line);
          out_->append(", end_col_offset=");
          AppendInt(end.column);
        }
        out_->push_back(')');
        return;
      case Piece::Kind::kCloseList:
        out_->push_back(']');
        return;
      case Piece::Kind::kIdentifier:
        AppendIdentifier(p.text);
        return;
      case Piece::Kind::kIdentifierList:
        out_->push_back('[');
        for (uint32_t i = 0; i < p.size; ++i) {
          if (i != 0) out_->append(", ");
          AppendIdentifier(p.identifiers[i]);
        }
        out_->push_back(']');
        return;
      case Piece::Kind::kCmpOperatorList:
        out_->push_back('[');
        for (uint32_t i = 0; i < p.size; ++i) {
          if (i != 0) out_->append(", ");
          out_->append(ast::EnumName(p.cmp_ops[i]));
          out_->append("()");
        }
        out_->push_back(']');
        return;
      case Piece::Kind::kInt:
        AppendInt(p.number);
        return;
      case Piece::Kind::kConstant:
        AppendConstantRepr(*p.constant, out_, options_.version);
        return;
      case Piece::Kind::kEnumName:
        out_->append(p.text);
        out_->append("()");
        return;
    }
  }

  // Prints "Name(" and schedules the fields and the closing attributes.
  void Expand(const Node& node) {
    out_->append(ast::NodeKindName(node.node_kind));
    out_->push_back('(');
    fields_.clear();
    ast::VisitFields(node,
                     [this](const FieldInfo& info, const auto& value) { AddField(info, value); });
    Piece close{Piece::Kind::kCloseNode};
    close.node = &node;
    close.size = static_cast<uint32_t>(fields_.size());
    stack_.push_back(close);
    for (size_t i = fields_.size(); i-- > 0;) {
      fields_[i].prefix = i == 0 ? "" : ", ";
      stack_.push_back(fields_[i]);
    }
  }

  // Collects one field into fields_ unless ast.dump omits it: 3.12-only fields for 3.11, and
  // optional fields holding None.
  template <class T>
  void AddField(const FieldInfo& info, const T& value) {
    if (info.since_3_12 && options_.version == PythonVersion::k3_11) return;
    Piece p{Piece::Kind::kNode};
    p.field = info.name;
    if constexpr (std::is_pointer_v<T>) {
      if (info.optional && value == nullptr) return;
      p.node = value;
    } else if constexpr (std::is_same_v<T, ast::Identifier>) {
      if (info.optional && value.data() == nullptr) return;
      p.kind = Piece::Kind::kIdentifier;
      p.text = value;
    } else if constexpr (std::is_same_v<T, ast::IdentifierList>) {
      p.kind = Piece::Kind::kIdentifierList;
      p.identifiers = value.begin();
      p.size = value.size();
    } else if constexpr (std::is_same_v<T, ast::CmpOperatorList>) {
      p.kind = Piece::Kind::kCmpOperatorList;
      p.cmp_ops = value.begin();
      p.size = value.size();
    } else if constexpr (std::is_same_v<T, int32_t>) {
      p.kind = Piece::Kind::kInt;
      p.number = value;
    } else if constexpr (std::is_same_v<T, ast::ConstantValue>) {
      p.kind = Piece::Kind::kConstant;
      p.constant = &value;
    } else if constexpr (std::is_enum_v<T>) {
      p.kind = Piece::Kind::kEnumName;
      p.text = ast::EnumName(value);
    } else {
      // NodeList<T>: its items are pointers to classes derived from Node.
      using Item = std::remove_cv_t<std::remove_pointer_t<decltype(value[0u])>>;
      p.kind = Piece::Kind::kNodeList;
      p.items = value.begin();
      p.node_at = [](const void* items, uint32_t i) -> const Node* {
        return static_cast<Item* const*>(items)[i];
      };
      p.size = value.size();
    }
    fields_.push_back(p);
  }

  void AppendIdentifier(ast::Identifier text) {
    if (text.data() == nullptr) {
      out_->append("None");
    } else {
      AppendStrRepr(text, out_, options_.version);
    }
  }

  void AppendInt(int64_t value) {
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    out_->append(buffer, result.ptr);
  }

  const Source& source_;
  const DumpOptions& options_;
  std::string* out_;
  std::vector<Piece> stack_;
  std::vector<Piece> fields_;
};

}  // namespace

void AppendAstDump(const ast::Node& node, const Source& source, const DumpOptions& options,
                   std::string* out) {
  Dumper(source, options, out).Dump(node);
}

std::string DumpAst(const ast::Node& node, const Source& source, const DumpOptions& options) {
  std::string out;
  AppendAstDump(node, source, options, &out);
  return out;
}

}  // namespace kensa::python
