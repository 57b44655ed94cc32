// asdl_gen: reads kensa's ASDL description of the Python AST (src/python/ast.asdl) and writes
// the C++ node definitions, ast_nodes.h and ast_nodes.cc, into an output directory.
//
// The input is CPython's ASDL dialect plus one mark of kensa's: `@3.12` after a field or a
// constructor says it exists only for Python 3.12 and later. The output is described in
// src/python/ast.h; this program is the only thing that knows the ASDL, so the node structs,
// the kind enum, the names and the field reflection (used by the dump and the child visitor)
// can never disagree. A build-time tool: single-threaded, exits non-zero on any error.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Field {
  std::string type;  // ASDL type name: expr, identifier, int, ...
  std::string name;
  bool optional = false;  // `?`
  bool sequence = false;  // `*`
  bool since_3_12 = false;
};

struct Constructor {
  std::string name;
  std::vector<Field> fields;
  bool since_3_12 = false;
};

// One ASDL definition: a sum (constructors) or a product (fields).
struct Definition {
  std::string name;
  bool is_product = false;
  std::vector<Constructor> constructors;  // sums
  std::vector<Field> fields;              // products
  std::vector<Field> attributes;
  bool IsSimpleSum() const {
    if (is_product || !attributes.empty()) return false;
    for (const Constructor& c : constructors) {
      if (!c.fields.empty()) return false;
    }
    return true;
  }
};

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "asdl_gen: " << message << "\n";
  std::exit(1);
}

// A tokenizer and recursive-descent parser for the ASDL subset CPython uses.
class AsdlParser {
 public:
  explicit AsdlParser(std::string text) : text_(std::move(text)) { Advance(); }

  std::vector<Definition> ParseModule() {
    ExpectWord("module");
    ExpectIdentifier();
    Expect("{");
    std::vector<Definition> defs;
    while (token_ != "}") defs.push_back(ParseDefinition());
    Expect("}");
    if (!token_.empty()) Fail("unexpected text after the module at line " + Line());
    return defs;
  }

 private:
  Definition ParseDefinition() {
    Definition def;
    def.name = ExpectIdentifier();
    Expect("=");
    if (token_ == "(") {
      def.is_product = true;
      def.fields = ParseFields();
    } else {
      while (true) {
        Constructor c;
        c.name = ExpectIdentifier();
        if (token_ == "(") c.fields = ParseFields();
        if (token_ == "@3.12") {
          c.since_3_12 = true;
          Advance();
        }
        def.constructors.push_back(std::move(c));
        if (token_ != "|") break;
        Advance();
      }
    }
    if (token_ == "attributes") {
      Advance();
      def.attributes = ParseFields();
    }
    return def;
  }

  std::vector<Field> ParseFields() {
    Expect("(");
    std::vector<Field> fields;
    while (true) {
      Field f;
      f.type = ExpectIdentifier();
      if (token_ == "?") {
        f.optional = true;
        Advance();
      } else if (token_ == "*") {
        f.sequence = true;
        Advance();
      }
      f.name = ExpectIdentifier();
      if (token_ == "@3.12") {
        f.since_3_12 = true;
        Advance();
      }
      fields.push_back(std::move(f));
      if (token_ != ",") break;
      Advance();
    }
    Expect(")");
    return fields;
  }

  void Advance() {
    while (pos_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[pos_]))) {
        if (text_[pos_] == '\n') ++line_;
        ++pos_;
      } else if (text_.compare(pos_, 2, "--") == 0) {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
    if (pos_ >= text_.size()) {
      token_.clear();
      return;
    }
    size_t start = pos_;
    char c = text_[pos_];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
        ++pos_;
      }
    } else if (c == '@') {
      ++pos_;
      while (pos_ < text_.size() &&
             (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) {
        ++pos_;
      }
      if (text_.substr(start, pos_ - start) != "@3.12") {
        Fail("unknown mark '" + text_.substr(start, pos_ - start) + "' at line " + Line());
      }
    } else {
      ++pos_;
    }
    token_ = text_.substr(start, pos_ - start);
  }

  void Expect(const std::string& t) {
    if (token_ != t) Fail("expected '" + t + "' but found '" + token_ + "' at line " + Line());
    Advance();
  }
  void ExpectWord(const std::string& w) { Expect(w); }
  std::string ExpectIdentifier() {
    if (token_.empty() ||
        !(std::isalpha(static_cast<unsigned char>(token_[0])) || token_[0] == '_')) {
      Fail("expected a name but found '" + token_ + "' at line " + Line());
    }
    std::string t = token_;
    Advance();
    return t;
  }
  std::string Line() const { return std::to_string(line_); }

  std::string text_;
  size_t pos_ = 0;
  int line_ = 1;
  std::string token_;
};

// Names of the C++ types for ASDL types.
const std::map<std::string, std::string> kSumBaseNames = {
    {"mod", "Mod"},
    {"stmt", "Stmt"},
    {"expr", "Expr"},
    {"excepthandler", "ExceptHandlerBase"},
    {"pattern", "Pattern"},
    {"type_ignore", "TypeIgnoreBase"},
    {"type_param", "TypeParam"},
};
const std::map<std::string, std::string> kProductNames = {
    {"comprehension", "Comprehension"},
    {"arguments", "Arguments"},
    {"arg", "Arg"},
    {"keyword", "Keyword"},
    {"alias", "Alias"},
    {"withitem", "WithItem"},
    {"match_case", "MatchCase"},
};
// Simple sums map to the enums declared in ast.h.
const std::map<std::string, std::string> kEnumNames = {
    {"expr_context", "ExprContext"}, {"boolop", "BoolOperator"}, {"operator", "Operator"},
    {"unaryop", "UnaryOperator"},    {"cmpop", "CmpOperator"},
};

// C++ struct name of a constructor (the statement `Expr` clashes with the expression base).
std::string StructName(const std::string& sum, const std::string& constructor) {
  if (sum == "stmt" && constructor == "Expr") return "ExprStmt";
  return constructor;
}

// How a field is stored and reflected. `kind` is the FieldKind enumerator name.
struct FieldType {
  std::string cpp;  // the member's C++ type
  int align = 8;    // for ordering members to avoid padding
};

FieldType CppFieldType(const Field& f) {
  auto node_type = [&]() -> std::optional<std::string> {
    if (auto it = kSumBaseNames.find(f.type); it != kSumBaseNames.end()) return it->second;
    if (auto it = kProductNames.find(f.type); it != kProductNames.end()) return it->second;
    return std::nullopt;
  }();
  if (node_type) {
    if (f.sequence) return {"NodeList<" + *node_type + ">", 8};
    return {*node_type + "*", 8};
  }
  if (auto it = kEnumNames.find(f.type); it != kEnumNames.end()) {
    if (f.optional) Fail("optional enum field " + f.name + " is not supported");
    if (f.sequence) return {it->second + "List", 8};
    return {it->second, 1};
  }
  if (f.type == "identifier" || f.type == "string") {
    if (f.sequence) return {"IdentifierList", 8};
    return {"Identifier", 8};
  }
  if (f.type == "int") {
    if (f.sequence) Fail("int* is not supported");
    return {"int32_t", 4};
  }
  if (f.type == "constant") {
    if (f.sequence || f.optional) Fail("constant? / constant* are not supported");
    return {"ConstantValue", 8};
  }
  Fail("unknown ASDL type '" + f.type + "'");
}

// `string? type_comment` is only ever set by ast.parse(type_comments=True), a mode kensa does
// not have (ast.parse's default leaves it None), so it is generated as a static None rather than
// a member: that keeps every Assign, arg, FunctionDef, For and With 16 bytes smaller.
bool IsAlwaysNone(const Field& f) {
  return f.name == "type_comment" && f.type == "string" && f.optional;
}

// Constant's `string? kind` is either None or 'u' (a u"..." literal): stored as a bool
// `kind_u`, 1 byte in Node's padding instead of a 16-byte Identifier, and reflected as the
// Identifier "u" or None.
bool IsUFlag(const Field& f) {
  return f.name == "kind" && f.type == "string" && f.optional;
}

struct Kind {
  std::string enumerator;   // kFunctionDef
  std::string struct_name;  // FunctionDef
  std::string python_name;  // FunctionDef
  std::string base;         // Stmt, or Node for products
  const std::vector<Field>* fields;
  bool has_attributes;
  bool since_3_12;
};

std::string Header(const std::string& what) {
  return "// Generated by tools/asdl_gen from src/python/ast.asdl: " + what +
         "\n// Do not edit; change ast.asdl or the generator instead.\n";
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) Fail("cannot write " + path);
}

std::string GenerateHeader(const std::vector<Definition>& defs, const std::vector<Kind>& kinds) {
  std::ostringstream o;
  o << Header("the AST node types (see src/python/ast.h).");
  o << R"(#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "python/ast.h"

namespace kensa::python::ast {

// One value per constructor and product type of ast.asdl, grouped by sum type.
enum class NodeKind : uint8_t {
)";
  for (const Kind& k : kinds) o << "  " << k.enumerator << ",\n";
  o << "};\n";
  o << "inline constexpr int kNodeKindCount = " << kinds.size() << ";\n\n";
  o << R"(// The Python class name of a kind ("FunctionDef", "Expr", "arguments", ...).
const char* NodeKindName(NodeKind kind);
// Whether ast.dump(include_attributes=True) prints lineno/col_offset/end_lineno/end_col_offset.
bool NodeKindHasAttributes(NodeKind kind);
// Whether the kind exists only in Python 3.12 and later.
bool NodeKindSince3_12(NodeKind kind);

// The Python class names of the simple sums ("Load", "Add", "Eq", ...).
const char* EnumName(ExprContext value);
const char* EnumName(BoolOperator value);
const char* EnumName(Operator value);
const char* EnumName(UnaryOperator value);
const char* EnumName(CmpOperator value);

)";
  // Forward declarations.
  for (const Kind& k : kinds) o << "struct " << k.struct_name << ";\n";
  o << "\n// Sum type bases: Is(kind) says whether a node of that kind is one of them.\n";
  for (const Definition& d : defs) {
    auto it = kSumBaseNames.find(d.name);
    if (d.is_product || d.IsSimpleSum()) continue;
    if (it == kSumBaseNames.end()) Fail("no C++ name for sum type " + d.name);
    std::string first, last;
    for (const Kind& k : kinds) {
      if (k.base != it->second) continue;
      if (first.empty()) first = k.enumerator;
      last = k.enumerator;
    }
    o << "struct " << it->second << " : Node {\n"
      << "  static constexpr bool Is(NodeKind k) {\n"
      << "    return k >= NodeKind::" << first << " && k <= NodeKind::" << last << ";\n"
      << "  }\n};\n";
  }
  o << "\n";
  for (const Kind& k : kinds) {
    o << "struct " << k.struct_name << " : " << k.base << " {\n";
    o << "  static constexpr NodeKind kKind = NodeKind::" << k.enumerator << ";\n";
    o << "  static constexpr bool Is(NodeKind k) { return k == kKind; }\n";
    o << "  " << k.struct_name << "() { node_kind = kKind; }\n";
    // Members ordered by alignment (small first, right after Node's 12 bytes) to avoid padding;
    // the ASDL order (the dump's) is kept in VisitFields.
    std::vector<std::pair<int, std::string>> members;
    for (const Field& f : *k.fields) {
      FieldType t = CppFieldType(f);
      if (IsAlwaysNone(f)) {
        // A constant None instead of 16 bytes in every node (see IsAlwaysNone).
        o << "  static constexpr Identifier " << f.name << "{};  // always None\n";
        continue;
      }
      if (IsUFlag(f)) {
        members.emplace_back(
            1, "  bool " + f.name + "_u = false;  // " + f.name + ": 'u' (true) or None (false)\n");
        continue;
      }
      std::string comment;
      if (f.optional) comment = "  // optional";
      if (f.since_3_12) comment += comment.empty() ? "  // 3.12" : ", 3.12";
      std::string init = t.cpp == "int32_t" ? " = 0" : (t.align == 1 ? "{}" : "");
      if (t.cpp.back() == '*') init = " = nullptr";
      members.emplace_back(t.align, "  " + t.cpp + " " + f.name + init + ";" + comment + "\n");
    }
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& m : members) o << m.second;
    o << "};\n";
  }

  o << R"(
// Checked downcasts: null when the node is not a T (or is null).
template <class T>
T* DynCast(Node* node) {
  return node != nullptr && T::Is(node->node_kind) ? static_cast<T*>(node) : nullptr;
}
template <class T>
const T* DynCast(const Node* node) {
  return node != nullptr && T::Is(node->node_kind) ? static_cast<const T*>(node) : nullptr;
}

// Describes one field for VisitFields.
struct FieldInfo {
  const char* name;  // the ASDL name, as ast.dump prints it
  bool optional;     // `?` in ASDL: ast.dump omits it when it is None
  bool since_3_12;   // exists only in Python 3.12 and later
};

// Calls visitor(FieldInfo, const value&) for each field of `node`, in ASDL order (the order
// ast.dump prints). The value types are: T* (a node pointer; null = None), NodeList<T>,
// Identifier (data() == nullptr = None), IdentifierList, CmpOperatorList, int32_t,
// ConstantValue, and the enums ExprContext, BoolOperator, Operator, UnaryOperator.
template <class V>
void VisitFields(const Node& node, V&& visitor) {
  switch (node.node_kind) {
)";
  for (const Kind& k : kinds) {
    o << "    case NodeKind::" << k.enumerator << ": {\n";
    if (!k.fields->empty()) {
      o << "      const auto& n = static_cast<const " << k.struct_name << "&>(node);\n";
      for (const Field& f : *k.fields) {
        std::string value = "n." + f.name;
        if (IsUFlag(f)) value = "(n." + f.name + "_u ? Identifier(\"u\") : Identifier())";
        o << "      visitor(FieldInfo{\"" << f.name << "\", " << (f.optional ? "true" : "false")
          << ", " << (f.since_3_12 ? "true" : "false") << "}, " << value << ");\n";
      }
    }
    o << "      return;\n    }\n";
  }
  o << R"(  }
}

// Calls f(const Node&) for each non-null child node of `node` (lists included), in field order.
template <class F>
void VisitChildren(const Node& node, F&& f) {
  VisitFields(node, [&f](const FieldInfo&, const auto& value) {
    using T = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_pointer_v<T>) {
      if (value != nullptr) f(static_cast<const Node&>(*value));
    } else if constexpr (requires { value[0u]->node_kind; }) {
      for (const auto* child : value) {
        if (child != nullptr) f(static_cast<const Node&>(*child));
      }
    }
  });
}

}  // namespace kensa::python::ast
)";
  return o.str();
}

std::string GenerateSource(const std::vector<Definition>& defs, const std::vector<Kind>& kinds) {
  std::ostringstream o;
  o << Header("names and properties of the AST node kinds.");
  o << "#include \"python/ast_nodes.h\"\n\nnamespace kensa::python::ast {\n\n";
  o << "const char* NodeKindName(NodeKind kind) {\n  switch (kind) {\n";
  for (const Kind& k : kinds) {
    o << "    case NodeKind::" << k.enumerator << ": return \"" << k.python_name << "\";\n";
  }
  o << "  }\n  return \"?\";\n}\n\n";
  o << "bool NodeKindHasAttributes(NodeKind kind) {\n  switch (kind) {\n";
  for (const Kind& k : kinds) {
    o << "    case NodeKind::" << k.enumerator << ": return "
      << (k.has_attributes ? "true" : "false") << ";\n";
  }
  o << "  }\n  return false;\n}\n\n";
  o << "bool NodeKindSince3_12(NodeKind kind) {\n  switch (kind) {\n";
  for (const Kind& k : kinds) {
    o << "    case NodeKind::" << k.enumerator << ": return " << (k.since_3_12 ? "true" : "false")
      << ";\n";
  }
  o << "  }\n  return false;\n}\n\n";
  for (const Definition& d : defs) {
    if (!d.IsSimpleSum()) continue;
    auto it = kEnumNames.find(d.name);
    if (it == kEnumNames.end()) Fail("no C++ enum for simple sum " + d.name);
    o << "const char* EnumName(" << it->second << " value) {\n  switch (value) {\n";
    for (const Constructor& c : d.constructors) {
      o << "    case " << it->second << "::k" << c.name << ": return \"" << c.name << "\";\n";
    }
    o << "  }\n  return \"?\";\n}\n\n";
  }
  o << "}  // namespace kensa::python::ast\n";
  return o.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) Fail("usage: asdl_gen AST.asdl OUTPUT_DIR");
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) Fail(std::string("cannot read ") + argv[1]);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::vector<Definition> defs = AsdlParser(buffer.str()).ParseModule();

  // Kinds: constructors of the non-simple sums (in file order), then the product types.
  std::vector<Kind> kinds;
  for (const Definition& d : defs) {
    if (d.is_product || d.IsSimpleSum()) continue;
    auto base = kSumBaseNames.find(d.name);
    if (base == kSumBaseNames.end()) Fail("no C++ name for sum type " + d.name);
    for (const Constructor& c : d.constructors) {
      std::string s = StructName(d.name, c.name);
      kinds.push_back(
          {"k" + s, s, c.name, base->second, &c.fields, !d.attributes.empty(), c.since_3_12});
    }
  }
  for (const Definition& d : defs) {
    if (!d.is_product) continue;
    auto it = kProductNames.find(d.name);
    if (it == kProductNames.end()) Fail("no C++ name for product type " + d.name);
    kinds.push_back(
        {"k" + it->second, it->second, d.name, "Node", &d.fields, !d.attributes.empty(), false});
  }
  if (kinds.size() > 255) Fail("too many node kinds for a uint8_t");

  std::string dir = argv[2];
  WriteFile(dir + "/ast_nodes.h", GenerateHeader(defs, kinds));
  WriteFile(dir + "/ast_nodes.cc", GenerateSource(defs, kinds));
  return 0;
}
