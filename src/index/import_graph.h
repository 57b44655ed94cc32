// ImportGraph: the resolved imports as a directed graph over files (ids index vectors), with
// the reverse graph, reachability (transitive dependencies and dependents), the shortest import
// chain between two files (BFS; each hop is an ImportEdge, so it has its file:line) and import
// cycles (strongly connected components, Tarjan's algorithm, iterative so depth is no issue).
//
// Arcs are de-duplicated per (from, to): each keeps the first edge in source order as its
// witness. Built once; immutable; thread-safe to read.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "index/import_resolver.h"

namespace kensa::index {

class ImportGraph {
 public:
  struct Arc {
    FileId node;    // the other end
    uint32_t edge;  // index of the witness edge in the edges the graph was built from
  };

  ImportGraph() = default;
  // Uses the edges that have none of the `exclude_flags` (ImportFlag bits) set.
  ImportGraph(size_t node_count, const std::vector<ImportEdge>& edges, uint16_t exclude_flags = 0);

  size_t node_count() const { return out_offsets_.empty() ? 0 : out_offsets_.size() - 1; }
  size_t arc_count() const { return out_arcs_.size(); }
  std::span<const Arc> Out(FileId node) const;  // sorted by node
  std::span<const Arc> In(FileId node) const;   // sorted by node

  // Every node reachable from `start` (not `start` itself unless on a cycle through it),
  // following imports (reverse = false) or importers (reverse = true); sorted.
  std::vector<FileId> Reachable(FileId start, bool reverse) const;
  // The witness edges of a shortest chain of imports from `from` to `to`; empty when there is
  // none (or from == to). Ties go to the lower node id, so the answer is deterministic.
  std::vector<uint32_t> ShortestChain(FileId from, FileId to) const;
  // Every strongly connected component with more than one node, or one node importing itself;
  // each sorted, and the list sorted by its first node.
  std::vector<std::vector<FileId>> Cycles() const;

 private:
  std::vector<uint32_t> out_offsets_;
  std::vector<Arc> out_arcs_;
  std::vector<uint32_t> in_offsets_;
  std::vector<Arc> in_arcs_;
};

}  // namespace kensa::index
