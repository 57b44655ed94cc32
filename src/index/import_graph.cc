#include "index/import_graph.h"

#include <algorithm>
#include <deque>

namespace kensa::index {

namespace {

// Compressed adjacency: arcs grouped by source (a counting sort, stable, so each group keeps
// source order), then each group sorted by target and de-duplicated, keeping the first edge.
void BuildAdjacency(size_t n, const std::vector<std::pair<FileId, ImportGraph::Arc>>& pairs,
                    std::vector<uint32_t>* offsets, std::vector<ImportGraph::Arc>* arcs) {
  std::vector<uint32_t> start(n + 1, 0);
  for (const auto& p : pairs) ++start[p.first + 1];
  for (size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  std::vector<ImportGraph::Arc> grouped(pairs.size());
  std::vector<uint32_t> next(start.begin(), start.end() - 1);
  for (const auto& p : pairs) grouped[next[p.first]++] = p.second;
  offsets->assign(n + 1, 0);
  arcs->clear();
  arcs->reserve(grouped.size());
  for (size_t node = 0; node < n; ++node) {
    auto begin = grouped.begin() + start[node], end = grouped.begin() + start[node + 1];
    std::stable_sort(begin, end, [](const ImportGraph::Arc& a, const ImportGraph::Arc& b) {
      return a.node < b.node;
    });
    for (auto it = begin; it != end; ++it) {
      if (it != begin && it->node == (it - 1)->node) continue;
      arcs->push_back(*it);
    }
    (*offsets)[node + 1] = static_cast<uint32_t>(arcs->size());
  }
}

}  // namespace

ImportGraph::ImportGraph(size_t node_count, const std::vector<ImportEdge>& edges,
                         uint16_t exclude_flags) {
  std::vector<std::pair<FileId, Arc>> out, in;
  out.reserve(edges.size());
  in.reserve(edges.size());
  for (uint32_t i = 0; i < edges.size(); ++i) {
    const ImportEdge& e = edges[i];
    if (e.flags & exclude_flags) continue;
    if (e.from >= node_count || e.to >= node_count) continue;
    out.push_back({e.from, Arc{e.to, i}});
    in.push_back({e.to, Arc{e.from, i}});
  }
  BuildAdjacency(node_count, out, &out_offsets_, &out_arcs_);
  BuildAdjacency(node_count, in, &in_offsets_, &in_arcs_);
}

std::span<const ImportGraph::Arc> ImportGraph::Out(FileId node) const {
  return std::span<const Arc>(out_arcs_.data() + out_offsets_[node],
                              out_offsets_[node + 1] - out_offsets_[node]);
}

std::span<const ImportGraph::Arc> ImportGraph::In(FileId node) const {
  return std::span<const Arc>(in_arcs_.data() + in_offsets_[node],
                              in_offsets_[node + 1] - in_offsets_[node]);
}

std::vector<FileId> ImportGraph::Reachable(FileId start, bool reverse) const {
  std::vector<FileId> result;
  if (start >= node_count()) return result;
  std::vector<bool> seen(node_count(), false);
  std::vector<FileId> stack = {start};
  while (!stack.empty()) {
    FileId node = stack.back();
    stack.pop_back();
    for (const Arc& arc : reverse ? In(node) : Out(node)) {
      if (seen[arc.node]) continue;
      seen[arc.node] = true;
      result.push_back(arc.node);
      stack.push_back(arc.node);
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<uint32_t> ImportGraph::ShortestChain(FileId from, FileId to) const {
  std::vector<uint32_t> chain;
  if (from >= node_count() || to >= node_count() || from == to) return chain;
  const uint32_t kUnseen = UINT32_MAX;
  std::vector<uint32_t> parent_arc(node_count(), kUnseen);  // index into out_arcs_
  std::vector<FileId> parent(node_count(), kNoFile);
  std::vector<bool> seen(node_count(), false);
  std::deque<FileId> queue = {from};
  seen[from] = true;
  while (!queue.empty() && !seen[to]) {
    FileId node = queue.front();
    queue.pop_front();
    for (uint32_t a = out_offsets_[node]; a < out_offsets_[node + 1]; ++a) {
      FileId next = out_arcs_[a].node;
      if (seen[next]) continue;
      seen[next] = true;
      parent[next] = node;
      parent_arc[next] = a;
      queue.push_back(next);
    }
  }
  if (!seen[to]) return chain;
  for (FileId node = to; node != from; node = parent[node]) {
    chain.push_back(out_arcs_[parent_arc[node]].edge);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::vector<std::vector<FileId>> ImportGraph::Cycles() const {
  // Tarjan's strongly connected components with an explicit stack of (node, next arc).
  const size_t n = node_count();
  const uint32_t kUnvisited = UINT32_MAX;
  std::vector<uint32_t> index(n, kUnvisited), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<FileId> scc_stack;
  std::vector<std::pair<FileId, uint32_t>> call_stack;
  std::vector<std::vector<FileId>> cycles;
  uint32_t counter = 0;
  for (FileId root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    call_stack.push_back({root, out_offsets_[root]});
    index[root] = low[root] = counter++;
    scc_stack.push_back(root);
    on_stack[root] = true;
    while (!call_stack.empty()) {
      auto& [node, next] = call_stack.back();
      if (next < out_offsets_[node + 1]) {
        FileId child = out_arcs_[next++].node;
        if (index[child] == kUnvisited) {
          index[child] = low[child] = counter++;
          scc_stack.push_back(child);
          on_stack[child] = true;
          call_stack.push_back({child, out_offsets_[child]});
        } else if (on_stack[child]) {
          low[node] = std::min(low[node], index[child]);
        }
        continue;
      }
      FileId done = node;
      call_stack.pop_back();
      if (!call_stack.empty()) {
        FileId parent = call_stack.back().first;
        low[parent] = std::min(low[parent], low[done]);
      }
      if (low[done] != index[done]) continue;
      std::vector<FileId> component;
      FileId member;
      do {
        member = scc_stack.back();
        scc_stack.pop_back();
        on_stack[member] = false;
        component.push_back(member);
      } while (member != done);
      bool self_loop = false;
      if (component.size() == 1) {
        for (const Arc& arc : Out(done)) self_loop |= arc.node == done;
      }
      if (component.size() > 1 || self_loop) {
        std::sort(component.begin(), component.end());
        cycles.push_back(std::move(component));
      }
    }
  }
  std::sort(cycles.begin(), cycles.end());
  return cycles;
}

}  // namespace kensa::index
