#include "git/rename_detection.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "git/similarity.h"

namespace kensa::git {

namespace {

constexpr int kCandidatesPerDestination = 4;
constexpr int kMaxIdenticalCandidates = 100;

bool IsRegular(uint32_t mode) {
  return (mode & 0170000) == 0100000;
}

std::string_view FileName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// 1 when both paths end with the same file name (git's basename_same).
int SameFileName(std::string_view a, std::string_view b) {
  return FileName(a) == FileName(b);
}

// Contents and span counts, loaded on first use.
class ContentCache {
 public:
  ContentCache(size_t sources, size_t destinations, const RenameContentLoader& load)
      : load_(load), entries_(sources + destinations), sources_(sources) {}

  struct Entry {
    bool loaded = false;
    const std::string* content = nullptr;
    std::unique_ptr<SpanCounts> spans;
  };

  Entry& Get(bool is_source, size_t index) {
    Entry& e = entries_[is_source ? index : sources_ + index];
    if (!e.loaded) {
      e.loaded = true;
      e.content = load_(is_source, index);
    }
    return e;
  }

  const SpanCounts& Spans(Entry& e) {
    if (!e.spans) e.spans = std::make_unique<SpanCounts>(*e.content);
    return *e.spans;
  }

 private:
  const RenameContentLoader& load_;
  std::vector<Entry> entries_;
  size_t sources_;
};

struct Candidate {
  int source = -1;
  int destination = -1;  // -1: an empty slot, sorted last
  int score = 0;
  int name_score = 0;
};

// git's ordering of candidates: valid before empty, higher score first, then same file name.
// Negative when a comes first.
int CompareCandidates(const Candidate& a, const Candidate& b) {
  if (a.destination < 0) return b.destination >= 0 ? 1 : 0;
  if (b.destination < 0) return -1;
  if (a.score == b.score) return b.name_score - a.name_score;
  return b.score - a.score;
}

void RecordIfBetter(Candidate* slots, const Candidate& candidate) {
  int worst = 0;
  for (int i = 1; i < kCandidatesPerDestination; ++i) {
    if (CompareCandidates(slots[i], slots[worst]) > 0) worst = i;
  }
  if (CompareCandidates(slots[worst], candidate) > 0) slots[worst] = candidate;
}

}  // namespace

std::vector<RenameMatch> FindRenames(const std::vector<RenameEndpoint>& sources,
                                     const std::vector<RenameEndpoint>& destinations,
                                     const RenameOptions& options,
                                     const RenameContentLoader& load) {
  std::vector<RenameMatch> matches;
  if (!options.detect || sources.empty() || destinations.empty()) return matches;
  const int minimum_score = std::clamp(options.threshold, 0, 100) * kMaxSimilarityScore / 100;

  std::vector<bool> source_used(sources.size(), false);
  std::vector<int> paired_with(destinations.size(), -1);
  std::vector<int> pair_score(destinations.size(), 0);
  auto record = [&](size_t destination, size_t source, int score) {
    source_used[source] = true;
    paired_with[destination] = static_cast<int>(source);
    pair_score[destination] = score;
  };

  // 1. Exact renames.
  std::unordered_map<Oid, std::vector<size_t>, OidHash> sources_by_oid;
  for (size_t i = 0; i < sources.size(); ++i) sources_by_oid[sources[i].oid].push_back(i);
  for (size_t d = 0; d < destinations.size(); ++d) {
    const RenameEndpoint& target = destinations[d];
    auto it = sources_by_oid.find(target.oid);
    if (it == sources_by_oid.end()) continue;
    int best = -1, best_score = -1, budget = kMaxIdenticalCandidates;
    for (size_t s : it->second) {
      const RenameEndpoint& source = sources[s];
      if ((!IsRegular(source.mode) || !IsRegular(target.mode)) && source.mode != target.mode) {
        continue;
      }
      if (source_used[s]) continue;
      int score = 1 + SameFileName(source.path, target.path);
      if (score > best_score) {
        best = static_cast<int>(s);
        best_score = score;
        if (score == 2) break;
      }
      if (--budget == 0) break;
    }
    if (best >= 0) record(d, static_cast<size_t>(best), kMaxSimilarityScore);
  }

  ContentCache cache(sources.size(), destinations.size(), load);
  auto similarity = [&](size_t s, size_t d, int minimum) {
    if (!IsRegular(sources[s].mode) || !IsRegular(destinations[d].mode)) return 0;
    ContentCache::Entry& src = cache.Get(true, s);
    ContentCache::Entry& dst = cache.Get(false, d);
    if (src.content == nullptr || dst.content == nullptr) return 0;
    if (!SizesCompatible(src.content->size(), dst.content->size(), minimum)) return 0;
    return EstimateSimilarity(*src.content, cache.Spans(src), *dst.content, cache.Spans(dst),
                              minimum);
  };
  auto remaining_sources = [&] {
    std::vector<size_t> left;
    for (size_t s = 0; s < sources.size(); ++s) {
      if (!source_used[s]) left.push_back(s);
    }
    return left;
  };

  if (minimum_score < kMaxSimilarityScore) {
    // 2. Sources and destinations whose file names are unique on both sides.
    const int basename_score = minimum_score + (kMaxSimilarityScore - minimum_score) / 2;
    std::vector<size_t> left = remaining_sources();
    std::unordered_map<std::string_view, int> source_names, destination_names;
    for (size_t s : left) {
      auto [it, inserted] = source_names.emplace(FileName(sources[s].path), static_cast<int>(s));
      if (!inserted) it->second = -1;
    }
    for (size_t d = 0; d < destinations.size(); ++d) {
      if (paired_with[d] >= 0) continue;
      auto [it, inserted] =
          destination_names.emplace(FileName(destinations[d].path), static_cast<int>(d));
      if (!inserted) it->second = -1;
    }
    for (size_t s : left) {
      std::string_view name = FileName(sources[s].path);
      auto dst_it = destination_names.find(name);
      if (dst_it == destination_names.end()) continue;
      if (source_names[name] < 0 || dst_it->second < 0) continue;
      size_t d = static_cast<size_t>(dst_it->second);
      if (paired_with[d] >= 0) continue;
      int score = similarity(s, d, basename_score);
      if (score < basename_score) continue;
      record(d, s, score);
    }

    // 3. The similarity matrix, unless it would be too large.
    left = remaining_sources();
    size_t open_destinations = 0;
    for (int p : paired_with) open_destinations += p < 0;
    const uint64_t limit = options.limit > 0 ? static_cast<uint64_t>(options.limit) : 0;
    bool within_limit =
        limit == 0 || static_cast<uint64_t>(open_destinations) * left.size() <= limit * limit;
    if (open_destinations > 0 && !left.empty() && within_limit) {
      std::vector<Candidate> matrix;
      matrix.reserve(open_destinations * kCandidatesPerDestination);
      for (size_t d = 0; d < destinations.size(); ++d) {
        if (paired_with[d] >= 0) continue;
        Candidate slots[kCandidatesPerDestination];
        for (size_t s : left) {
          Candidate c;
          c.score = similarity(s, d, minimum_score);
          c.name_score = SameFileName(sources[s].path, destinations[d].path);
          c.destination = static_cast<int>(d);
          c.source = static_cast<int>(s);
          RecordIfBetter(slots, c);
        }
        matrix.insert(matrix.end(), slots, slots + kCandidatesPerDestination);
      }
      std::stable_sort(matrix.begin(), matrix.end(), [](const Candidate& a, const Candidate& b) {
        return CompareCandidates(a, b) < 0;
      });
      for (const Candidate& c : matrix) {
        if (c.destination < 0 || c.score < minimum_score) break;
        size_t d = static_cast<size_t>(c.destination);
        size_t s = static_cast<size_t>(c.source);
        if (paired_with[d] >= 0 || source_used[s]) continue;
        record(d, s, c.score);
      }
    }
  }

  for (size_t d = 0; d < destinations.size(); ++d) {
    if (paired_with[d] >= 0) {
      matches.push_back({static_cast<size_t>(paired_with[d]), d, pair_score[d]});
    }
  }
  return matches;
}

}  // namespace kensa::git
