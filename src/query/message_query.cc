#include "query/message_query.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "base/thread_pool.h"
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

  const size_t n = files.files.size();
  std::vector<std::string> contents(n);
  std::vector<size_t> present(n, 0);
  std::vector<std::string> errors(n);
  ParallelFor(
      n,
      [&](size_t i) {
        if (!files.tree->ReadFile(files.files[i].path, &contents[i], &errors[i])) {
          errors[i] = files.files[i].path + ": " + errors[i];
          contents[i].clear();
          return;
        }
        errors[i].clear();
        present[i] = pairs.empty() ? 0 : CountPresent(BuildWordPairFilter(contents[i]), pairs);
      },
      options.threads);
  result.stats.files = n;
  for (std::string& e : errors) {
    if (!e.empty()) result.read_errors.push_back(std::move(e));
  }

  // A file must hold a fair share of the message's word pairs: enough for the coverage asked
  // for, and not far below the best file (common phrases alone do not qualify).
  size_t best = 0;
  for (size_t p : present) best = std::max(best, p);
  size_t need =
      static_cast<size_t>(std::ceil(options.min_coverage * static_cast<double>(pairs.size())));
  need =
      std::max<size_t>({need, 1, static_cast<size_t>(std::ceil(0.3 * static_cast<double>(best)))});
  std::vector<size_t> candidates;
  for (size_t i = 0; i < n; ++i) {
    if (pairs.empty() ? !contents[i].empty() : present[i] >= need) candidates.push_back(i);
  }
  result.stats.candidates = candidates.size();

  std::vector<std::vector<MessageOrigin>> found(candidates.size());
  std::vector<size_t> site_counts(candidates.size(), 0);
  std::vector<char> unparsable(candidates.size(), 0);
  ParallelFor(
      candidates.size(),
      [&](size_t c) {
        size_t i = candidates[c];
        bool ok = false;
        std::vector<MessageSite> sites = ExtractMessageSitesFromBytes(contents[i], &ok);
        unparsable[c] = !ok;
        site_counts[c] = sites.size();
        for (MessageSite& site : sites) {
          TemplateMatch m = MatchTemplate(site.text, message);
          if (!m.matched) continue;
          double coverage = static_cast<double>(m.explained) / static_cast<double>(message.size());
          if (coverage < options.min_coverage || m.explained == 0) continue;
          MessageOrigin o;
          o.path = files.files[i].path;
          o.function = PycgName(files.files[i], site.function);
          o.explained = m.explained;
          o.coverage = coverage;
          o.truncated = m.truncated;
          o.site = std::move(site);
          found[c].push_back(std::move(o));
        }
      },
      options.threads);
  for (size_t c = 0; c < candidates.size(); ++c) {
    result.stats.sites += site_counts[c];
    result.stats.unparsable += unparsable[c];
    for (MessageOrigin& o : found[c]) result.origins.push_back(std::move(o));
  }
  std::sort(result.origins.begin(), result.origins.end(),
            [&](const MessageOrigin& a, const MessageOrigin& b) {
              return OriginBefore(a, b, result.message);
            });
  result.total = result.origins.size();
  if (result.origins.size() > options.limit) result.origins.resize(options.limit);
  return result;
}

}  // namespace kensa::query
