#include "index/resolved_codec.h"

#include <gtest/gtest.h>

#include "project/memory_tree.h"

namespace kensa::index {
namespace {

ResolvedImports Sample() {
  ResolvedImports r;
  ImportEdge a;
  a.from = 0;
  a.to = 2;
  a.line = 7;
  a.flags = kImportFrom | kTypeChecking;
  a.how = ImportEdge::How::kName;
  a.to_dummy = true;
  a.import_index = 3;
  a.name_index = 1;
  a.via_begin = 0;
  a.via_count = 2;
  ImportEdge b;
  b.from = 1;
  b.to = 0;
  b.line = 1;
  b.name_index = kNoName;
  r.edges = {a, b};
  r.via = {1, 2};
  r.externals = {{0, 3, 0, "torch.nn", false}, {1, 4, kInFunction, "os", true}};
  r.unresolved = {{2, 9, kImportFrom, "pkg.missing", "X", "no module named 'pkg.missing'"}};
  return r;
}

bool Same(const ResolvedImports& x, const ResolvedImports& y) {
  if (x.edges.size() != y.edges.size() || x.via != y.via ||
      x.externals.size() != y.externals.size() || x.unresolved.size() != y.unresolved.size()) {
    return false;
  }
  for (size_t i = 0; i < x.edges.size(); ++i) {
    const ImportEdge &a = x.edges[i], &b = y.edges[i];
    if (a.from != b.from || a.to != b.to || a.line != b.line || a.flags != b.flags ||
        a.how != b.how || a.to_dummy != b.to_dummy || a.import_index != b.import_index ||
        a.name_index != b.name_index || a.via_begin != b.via_begin || a.via_count != b.via_count) {
      return false;
    }
  }
  for (size_t i = 0; i < x.externals.size(); ++i) {
    const ExternalImport &a = x.externals[i], &b = y.externals[i];
    if (a.from != b.from || a.line != b.line || a.flags != b.flags || a.module != b.module ||
        a.stdlib != b.stdlib) {
      return false;
    }
  }
  for (size_t i = 0; i < x.unresolved.size(); ++i) {
    const UnresolvedImport &a = x.unresolved[i], &b = y.unresolved[i];
    if (a.from != b.from || a.line != b.line || a.module != b.module || a.name != b.name ||
        a.reason != b.reason) {
      return false;
    }
  }
  return true;
}

TEST(ResolvedCodecTest, RoundTripAndRejections) {
  std::string bytes;
  EncodeResolved(Sample(), &bytes);
  ResolvedImports back;
  ASSERT_TRUE(DecodeResolved(bytes, 3, &back));
  EXPECT_TRUE(Same(back, Sample()));
  // File ids beyond the snapshot are corruption.
  EXPECT_FALSE(DecodeResolved(bytes, 2, &back));
  for (size_t len = 0; len < bytes.size(); ++len) {
    EXPECT_FALSE(DecodeResolved(std::string_view(bytes).substr(0, len), 3, &back)) << len;
  }
  EXPECT_FALSE(DecodeResolved(bytes + "x", 3, &back));
}

TEST(ResolvedCodecTest, FingerprintCoversPathsModulesAndContent) {
  auto tree = std::make_unique<project::MemoryTree>();
  tree->AddFile("pkg/__init__.py", "");
  tree->AddFile("pkg/a.py", "");
  project::ProjectFiles files;
  std::string error;
  ASSERT_TRUE(project::LoadProject(std::move(tree), {}, &files, &error));
  std::vector<ContentHash> hashes = {HashContent("x"), HashContent("y")};
  ContentHash base = SnapshotFingerprint(files, hashes);
  EXPECT_EQ(SnapshotFingerprint(files, hashes), base);
  hashes[1] = HashContent("z");
  EXPECT_NE(SnapshotFingerprint(files, hashes), base);
  hashes[1] = HashContent("y");
  files.files[1].module = "other.a";
  EXPECT_NE(SnapshotFingerprint(files, hashes), base);
}

}  // namespace
}  // namespace kensa::index
