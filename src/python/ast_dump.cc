// ast.dump(), driven by the generated field reflection (VisitFields): each node prints as
// `Name(field=value, ..., lineno=..., col_offset=..., end_lineno=..., end_col_offset=...)`.
#include "python/ast_dump.h"

#include <charconv>
#include <type_traits>

#include "python/py_repr.h"

namespace kensa::python {
namespace {

using ast::FieldInfo;
using ast::Node;

class Dumper {
 public:
  Dumper(const Source& source, const DumpOptions& options, std::string* out)
      : source_(source), options_(options), out_(out) {}

  void DumpNode(const Node* node) {
    if (node == nullptr) {
      out_->append("None");
      return;
    }
    out_->append(ast::NodeKindName(node->node_kind));
    out_->push_back('(');
    size_t fields_start = out_->size();
    ast::VisitFields(*node,
                     [this](const FieldInfo& info, const auto& value) { DumpField(info, value); });
    if (options_.include_attributes && ast::NodeKindHasAttributes(node->node_kind)) {
      LineCol begin = source_.Locate(node->begin);
      LineCol end = source_.Locate(node->end);
      Separator(fields_start);
      AppendAttribute("lineno", begin.line);
      AppendAttribute(", col_offset", begin.column);
      AppendAttribute(", end_lineno", end.line);
      AppendAttribute(", end_col_offset", end.column);
    }
    out_->push_back(')');
  }

 private:
  void Separator(size_t fields_start) {
    if (out_->size() != fields_start) out_->append(", ");
  }

  void AppendAttribute(const char* name, uint32_t value) {
    out_->append(name);
    out_->push_back('=');
    AppendInt(value);
  }

  void AppendInt(int64_t value) {
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    out_->append(buffer, result.ptr);
  }

  // Whether the field is printed at all: 3.12-only fields are dropped for 3.11, and optional
  // fields holding None are omitted as ast.dump does.
  template <class T>
  bool Printed(const FieldInfo& info, const T& value) const {
    if (info.since_3_12 && options_.version == PythonVersion::k3_11) return false;
    if (!info.optional) return true;
    if constexpr (std::is_pointer_v<T>) {
      return value != nullptr;
    } else if constexpr (std::is_same_v<T, ast::Identifier>) {
      return value.data() != nullptr;
    } else {
      return true;
    }
  }

  template <class T>
  void DumpField(const FieldInfo& info, const T& value) {
    if (!Printed(info, value)) return;
    if (out_->back() != '(') out_->append(", ");
    out_->append(info.name);
    out_->push_back('=');
    DumpValue(value);
  }

  template <class T>
  void DumpValue(const T& value) {
    if constexpr (std::is_pointer_v<T>) {
      DumpNode(value);
    } else if constexpr (std::is_same_v<T, ast::Identifier>) {
      if (value.data() == nullptr) {
        out_->append("None");
      } else {
        AppendStrRepr(value, out_);
      }
    } else if constexpr (std::is_same_v<T, int32_t>) {
      AppendInt(value);
    } else if constexpr (std::is_same_v<T, ast::ConstantValue>) {
      AppendConstantRepr(value, out_);
    } else if constexpr (std::is_enum_v<T>) {
      out_->append(ast::EnumName(value));
      out_->append("()");
    } else {
      // A list: NodeList<T>, IdentifierList, CmpOperatorList.
      out_->push_back('[');
      bool first = true;
      for (const auto& item : value) {
        if (!first) out_->append(", ");
        first = false;
        DumpValue(item);
      }
      out_->push_back(']');
    }
  }

  const Source& source_;
  const DumpOptions& options_;
  std::string* out_;
};

}  // namespace

void AppendAstDump(const ast::Node& node, const Source& source, const DumpOptions& options,
                   std::string* out) {
  Dumper(source, options, out).DumpNode(&node);
}

std::string DumpAst(const ast::Node& node, const Source& source, const DumpOptions& options) {
  std::string out;
  AppendAstDump(node, source, options, &out);
  return out;
}

}  // namespace kensa::python
