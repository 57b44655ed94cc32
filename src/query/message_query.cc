#include "query/message_query.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <optional>

#include "base/thread_pool.h"
#include "project/file_stamp.h"
#include "query/message_cache.h"
#include "query/message_prefilter.h"

namespace kensa::query {
namespace {

std::string_view LastComponent(std::string_view dotted) {
  size_t dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

// 0 for the emitter the message's prefix points at, then the kinds in their enum order.
int KindRank(const MessageSite& site, const PreparedMessage& message) {
  int base = 2 + static_cast<int>(site.kind);
  if (!message.level.empty() && site.kind == EmitKind::kLog) {
    std::string_view method = LastComponent(site.emitter);
    bool same = method == message.level || method == message.level + "_once" ||
                (message.level == "warning" && method == "warn") ||
                (message.level == "error" && method == "exception");
    return same ? 0 : 1;
  }
  if (!message.exception.empty()) {
    std::string_view cls = LastComponent(message.exception);
    if (cls.size() >= 7 && cls.substr(cls.size() - 7) == "Warning") {
      return site.kind == EmitKind::kWarn ? 0 : base;
    }
    if (site.kind == EmitKind::kRaise) {
      std::string_view raised = site.emitter;
      raised.remove_prefix(std::min<size_t>(raised.size(), 6));  // "raise "
      return LastComponent(raised) == cls ? 0 : 1;
    }
    if (site.kind == EmitKind::kExceptionInit || site.kind == EmitKind::kExceptionStr) return 1;
  }
  return base;
}

// What one file contributes to a search.
struct FileState {
  std::optional<project::FileStamp> stamp;
  bool hit = false;  // its filter came from the cache
  bool readable = true;
  std::string contents;  // read when not a hit, or when parsed
  std::string error;
  WordPairFilter built;      // when not a hit
  MessageCacheEntry cached;  // bits (and sites) as they go to the cache
  std::string encoded;       // sites newly extracted, encoded
  bool new_sites = false;
  bool unparsable = false;
  size_t present = 0;  // of the message's word pairs
  size_t sites = 0;
  std::vector<MessageOrigin> origins;
  std::vector<MessageOrigin> cut_origins;  // matched only if the text was cut short
};

std::string PycgName(const project::SourceFile& file, const std::string& qualname) {
  if (qualname.empty()) return file.module;
  if (file.module.empty()) return qualname;
  return file.module + "." + qualname;
}

}  // namespace

bool OriginBefore(const MessageOrigin& a, const MessageOrigin& b, const PreparedMessage& message) {
  if (a.explained != b.explained) return a.explained > b.explained;
  if (a.truncated != b.truncated) return b.truncated;
  int ra = KindRank(a.site, message), rb = KindRank(b.site, message);
  if (ra != rb) return ra < rb;
  if (a.path != b.path) return a.path < b.path;
  if (a.site.line != b.site.line) return a.site.line < b.site.line;
  return a.site.column < b.site.column;
}

EmitsResult FindMessageOrigins(const project::ProjectFiles& files, std::string_view text,
                               const EmitsOptions& options) {
  EmitsResult result;
  result.message = PrepareMessage(text);
  const std::string& message = result.message.text;
  if (message.empty()) return result;
  const std::vector<uint64_t> pairs = MessageWordPairs(message);
  std::string longest_word;  // for a message too short for word pairs
  for (size_t i = 0, j; i < message.size(); i = j + 1) {
    j = message.find_first_of(" \t\n", i);
    if (j == std::string::npos) j = message.size();
    if (j - i > longest_word.size()) longest_word = message.substr(i, j - i);
  }

  // 1. Every file's word-pair filter: from the cache when its stamp is unchanged, else built
  //    from its bytes (kept for step 2).
  const auto start = std::chrono::steady_clock::now();
  const int64_t stamps_taken_ns = project::StampClockNow();  // before the first stamp
  MessageCache cache;
  if (!options.cache_path.empty()) {
    cache = MessageCache::Load(options.cache_path, &result.stats.cache_status);
  }
  const size_t n = files.files.size();
  std::vector<FileState> state(n);
  ParallelFor(
      n,
      [&](size_t i) {
        FileState& f = state[i];
        const std::string& path = files.files[i].path;
        f.stamp = files.tree->Stamp(path);
        if (f.stamp && cache.Find(path, *f.stamp, &f.cached)) {
          f.hit = true;
        } else if (!files.tree->ReadFile(path, &f.contents, &f.error)) {
          f.error = path + ": " + f.error;
          f.readable = false;
          return;
        } else {
          f.built = BuildWordPairFilter(f.contents);
          f.cached.bits = f.built.view();
        }
        if (!pairs.empty()) {
          f.present = CountPresent(f.cached.bits, pairs);
        } else if (!longest_word.empty()) {
          // One or two words have no pairs to ask for: the file must hold the longest word
          // (a file parsed before answers from its cached sites instead).
          if (f.hit && f.cached.has_sites) {
            f.present = 1;
          } else if (f.hit && !files.tree->ReadFile(path, &f.contents, &f.error)) {
            f.error = path + ": " + f.error;
            f.readable = false;
          } else {
            f.present = f.contents.find(longest_word) != std::string::npos;
          }
        } else {
          f.present = 1;  // no word at all: every file
        }
      },
      options.threads);
  result.stats.files = n;
  const auto filtered = std::chrono::steady_clock::now();
  result.stats.filter_seconds = std::chrono::duration<double>(filtered - start).count();

  // 2. The candidates: files holding a fair share of the message's word pairs — enough for the
  //    coverage asked for, and not far below the best file (common phrases alone do not
  //    qualify). Their sites come from the cache or from parsing them, then are matched.
  size_t best = 0;
  for (const FileState& f : state) best = std::max(best, f.present);
  size_t need =
      static_cast<size_t>(std::ceil(options.min_coverage * static_cast<double>(pairs.size())));
  need =
      std::max<size_t>({need, 1, static_cast<size_t>(std::ceil(0.3 * static_cast<double>(best)))});
  std::vector<size_t> candidates;
  for (size_t i = 0; i < n; ++i) {
    if (state[i].readable && (pairs.empty() ? state[i].present > 0 : state[i].present >= need)) {
      candidates.push_back(i);
    }
  }
  result.stats.candidates = candidates.size();
  ParallelFor(
      candidates.size(),
      [&](size_t c) {
        FileState& f = state[candidates[c]];
        const project::SourceFile& file = files.files[candidates[c]];
        std::vector<MessageSite> sites;
        if (!f.cached.has_sites || !DecodeSites(f.cached.sites, &sites)) {
          if (f.hit && !files.tree->ReadFile(file.path, &f.contents, &f.error)) {
            f.error = file.path + ": " + f.error;
            return;
          }
          bool ok = false;
          sites = ExtractMessageSitesFromBytes(f.contents, &ok);
          f.unparsable = !ok;
          f.encoded = EncodeSites(sites);
          f.cached.has_sites = true;
          f.cached.sites = f.encoded;
          f.new_sites = true;
        }
        f.sites = sites.size();
        for (MessageSite& site : sites) {
          TemplateMatch m = MatchTemplate(site.text, message);
          bool cut = false;
          if (!m.matched) {
            m = MatchTemplate(site.text, message, true);
            cut = true;
          }
          if (!m.matched || m.explained == 0) continue;
          double coverage = static_cast<double>(m.explained) / static_cast<double>(message.size());
          if (coverage < options.min_coverage) continue;
          MessageOrigin o;
          o.path = file.path;
          o.function = PycgName(file, site.function);
          o.explained = m.explained;
          o.coverage = coverage;
          o.truncated = m.truncated;
          o.site = std::move(site);
          (cut ? f.cut_origins : f.origins).push_back(std::move(o));
        }
      },
      options.threads);

  bool changed = false;
  for (FileState& f : state) {
    if (!f.error.empty()) result.read_errors.push_back(std::move(f.error));
    result.stats.cache_hits += f.hit;
    result.stats.sites += f.sites;
    result.stats.unparsable += f.unparsable;
    changed |= (f.readable && !f.hit) || f.new_sites;
    for (MessageOrigin& o : f.origins) result.origins.push_back(std::move(o));
  }
  // A text that no template produces whole may have been pasted short (a sentence cut at its
  // end): then the templates it starts count.
  if (result.origins.empty()) {
    for (FileState& f : state) {
      for (MessageOrigin& o : f.cut_origins) result.origins.push_back(std::move(o));
    }
  }
  if (!options.cache_path.empty() && changed) {
    std::vector<MessageCacheEntry> entries;
    for (size_t i = 0; i < n; ++i) {
      if (!state[i].stamp || !state[i].readable) continue;
      MessageCacheEntry e = state[i].cached;
      e.path = files.files[i].path;
      e.stamp = *state[i].stamp;
      entries.push_back(std::move(e));
    }
    std::string error;
    result.stats.cache_written =
        MessageCache::Save(options.cache_path, entries, stamps_taken_ns, &error);
    if (!result.stats.cache_written) result.stats.cache_status = error;
  }
  result.stats.parse_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - filtered).count();

  std::sort(result.origins.begin(), result.origins.end(),
            [&](const MessageOrigin& a, const MessageOrigin& b) {
              return OriginBefore(a, b, result.message);
            });
  result.total = result.origins.size();
  if (result.origins.size() > options.limit) result.origins.resize(options.limit);
  return result;
}

}  // namespace kensa::query
