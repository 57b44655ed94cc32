#include "index/import_graph.h"

#include <gtest/gtest.h>

namespace kensa::index {
namespace {

ImportEdge Edge(FileId from, FileId to, uint32_t line, uint16_t flags = 0) {
  ImportEdge e;
  e.from = from;
  e.to = to;
  e.line = line;
  e.flags = flags;
  return e;
}

// 0 -> 1 -> 2 -> 3, 0 -> 4 -> 3, 2 -> 1 (cycle 1-2), 5 -> 5 (self), 6 isolated,
// 3 -> 0 only under TYPE_CHECKING.
std::vector<ImportEdge> SampleEdges() {
  return {Edge(0, 1, 1), Edge(0, 4, 2), Edge(0, 1, 9),
          Edge(1, 2, 1), Edge(2, 3, 1), Edge(2, 1, 5),
          Edge(4, 3, 1), Edge(5, 5, 1), Edge(3, 0, 7, kTypeChecking)};
}

std::vector<FileId> Nodes(std::span<const ImportGraph::Arc> arcs) {
  std::vector<FileId> out;
  for (const auto& a : arcs) out.push_back(a.node);
  return out;
}

TEST(ImportGraphTest, AdjacencyIsDeduplicatedWithTheFirstEdgeAsWitness) {
  std::vector<ImportEdge> edges = SampleEdges();
  ImportGraph g(7, edges);
  EXPECT_EQ(Nodes(g.Out(0)), (std::vector<FileId>{1, 4}));
  EXPECT_EQ(g.Out(0)[0].edge, 0u);  // line 1, not line 9
  EXPECT_EQ(Nodes(g.In(3)), (std::vector<FileId>{2, 4}));
  EXPECT_EQ(Nodes(g.Out(6)), std::vector<FileId>{});
  EXPECT_EQ(g.arc_count(), 8u);
}

TEST(ImportGraphTest, ReachableBothWays) {
  ImportGraph g(7, SampleEdges(), kTypeChecking);
  EXPECT_EQ(g.Reachable(0, false), (std::vector<FileId>{1, 2, 3, 4}));
  EXPECT_EQ(g.Reachable(3, true), (std::vector<FileId>{0, 1, 2, 4}));
  EXPECT_EQ(g.Reachable(1, false), (std::vector<FileId>{1, 2, 3}));  // on a cycle
  EXPECT_EQ(g.Reachable(6, false), std::vector<FileId>{});
  ImportGraph all(7, SampleEdges());
  EXPECT_EQ(all.Reachable(3, false), (std::vector<FileId>{0, 1, 2, 3, 4}));
}

TEST(ImportGraphTest, ShortestChain) {
  std::vector<ImportEdge> edges = SampleEdges();
  ImportGraph g(7, edges);
  std::vector<uint32_t> chain = g.ShortestChain(0, 3);
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(edges[chain[0]].to, 4u);  // 0 -> 4 -> 3 is shorter than 0 -> 1 -> 2 -> 3
  EXPECT_EQ(edges[chain[1]].to, 3u);
  EXPECT_TRUE(g.ShortestChain(3, 6).empty());
  EXPECT_TRUE(g.ShortestChain(2, 2).empty());
  EXPECT_EQ(g.ShortestChain(3, 4).size(), 2u);  // through the TYPE_CHECKING edge 3 -> 0
  ImportGraph runtime(7, edges, kTypeChecking);
  EXPECT_TRUE(runtime.ShortestChain(3, 4).empty());
}

TEST(ImportGraphTest, Cycles) {
  ImportGraph runtime(7, SampleEdges(), kTypeChecking);
  EXPECT_EQ(runtime.Cycles(), (std::vector<std::vector<FileId>>{{1, 2}, {5}}));
  ImportGraph all(7, SampleEdges());
  EXPECT_EQ(all.Cycles(), (std::vector<std::vector<FileId>>{{0, 1, 2, 3, 4}, {5}}));
}

TEST(ImportGraphTest, DeepChainDoesNotOverflowTheStack) {
  const FileId n = 200000;
  std::vector<ImportEdge> edges;
  for (FileId i = 0; i + 1 < n; ++i) edges.push_back(Edge(i, i + 1, 1));
  edges.push_back(Edge(n - 1, 0, 1));
  ImportGraph g(n, edges);
  auto cycles = g.Cycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].size(), n);
  EXPECT_EQ(g.ShortestChain(0, n - 1).size(), n - 1);
}

}  // namespace
}  // namespace kensa::index
