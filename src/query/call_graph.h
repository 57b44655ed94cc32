// CallGraph: a static call graph of Python code, by assignment-based points-to in the spirit
// of PyCG: every name, attribute, parameter and return value holds a set of abstract objects
// (modules, functions, classes, instances, containers, builtins, external names), assignments
// and calls propagate them, and a call site's edges are the functions its callee can hold.
//
// Scope: the given entry files and, transitively, the project modules they import (found under
// `root`); nothing else is parsed. Names are PyCG's: the module path relative to the root plus
// the `.`-joined qualified name (`pkg.mod.Class.method`, `main.<lambda1>`), `<builtin>.len` for
// builtins, and the imported spelling for what is outside the project (`ext.Cls.fun`).
//
// Plain structs out; cli/ renders them. Immutable after Build.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::query {

enum class ScopeKind : uint8_t { kModule, kClass, kFunction, kLambda };

// One scope of the project: a module, class, function or lambda.
struct ScopeInfo {
  std::string name;  // PyCG name: module + qualified name
  ScopeKind kind = ScopeKind::kModule;
  std::string file;  // path as given (relative to the root when found there)
  uint32_t line = 0, col = 0, end_line = 0;  // 1-based line, 0-based column
  int32_t parent = -1;                       // enclosing scope, -1 for a module
};

// How an edge was resolved, for `why` hops and for trust.
enum class EdgeHow : uint8_t {
  kDirect,     // the callee expression points to the function (names, attributes, imports)
  kBuiltin,    // a Python builtin
  kExternal,   // a name outside the project, named as it was imported
  kHierarchy,  // by the class hierarchy: the receiver's type is unknown (every project class
               // defining the method), or its class lacks the attribute and subclasses have it
  kDecorator,  // a decorator applied at definition time
};
std::string_view EdgeHowName(EdgeHow how);

struct CallEdge {
  int32_t caller = -1;         // scope id
  int32_t callee = -1;         // scope id, -1 for builtins and external names
  std::string callee_name;     // PyCG name (always set)
  std::string file;            // the call site
  uint32_t line = 0, col = 0;  // 1-based line, 0-based column
  EdgeHow how = EdgeHow::kDirect;
  // kHierarchy: why, e.g. "PreTrainedModel has no load_custom_generate; its subclass
  // LlamaForCausalLM has" or "receiver of unknown type; 4 classes define from_pretrained".
  std::string note;
};

// A call whose callee kensa could not resolve to anything ("what was not followed").
struct UnresolvedCall {
  int32_t caller = -1;
  std::string callee_text;  // the callee expression as written, shortened
  std::string file;
  uint32_t line = 0, col = 0;
};

// A file that could not be read or parsed; it is left out of the graph.
struct CallGraphProblem {
  std::string file;
  uint32_t line = 0;  // 1-based; 0 when the file could not be read
  std::string message;
  bool entry = false;  // one of the entry files given to Build
};

struct CallGraphOptions {
  std::string root = ".";   // module names are relative to this directory
  int max_iterations = 40;  // bound on the propagation rounds
  // Propagation stops after this much CPU time (0: no limit); the graph is then incomplete.
  int64_t time_budget_ms = 0;
  // Resolution by the class hierarchy, marked kHierarchy, once the rest is at its fixpoint:
  // a method call on a receiver of unknown type goes to every project class defining the
  // method; an attribute a receiver's class (self, cls, or an instance made from them) lacks
  // is looked for in its subclasses, the mixins of their MROs included. At most 16 callees.
  bool hierarchy_fallback = true;
  // Functions and lambdas of the modules the entries import run only once a call reaches
  // them (those of the entry files always run): the graph grows from the entries outward
  // instead of propagating every function of the import closure. Edges that only a function
  // nothing calls would make, or values it would pass, are then missing.
  bool demand_driven = false;
};

class CallGraph {
 public:
  // Parses the entry files and the project modules they import, and propagates.
  static CallGraph Build(const std::vector<std::string>& entry_files,
                         const CallGraphOptions& options);
  CallGraph(CallGraph&&) noexcept;
  CallGraph& operator=(CallGraph&&) noexcept;
  ~CallGraph();

  const std::vector<ScopeInfo>& scopes() const;
  // Every edge, in (caller, site) order; one per (caller, site, callee).
  const std::vector<CallEdge>& edges() const;
  std::vector<CallEdge> Callees(int32_t scope) const;
  std::vector<CallEdge> Callers(int32_t scope) const;
  const std::vector<UnresolvedCall>& unresolved() const;
  // False when propagation stopped at max_iterations or time_budget_ms before a fixpoint:
  // edges found are real, but some may be missing.
  bool complete() const;
  // The scope with this exact PyCG name, or -1.
  int32_t FindScope(std::string_view name) const;
  // Files that could not be read or parsed.
  const std::vector<CallGraphProblem>& problems() const;

 private:
  struct Impl;
  explicit CallGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kensa::query
