// FindMessageOrigins: `kensa emits TEXT` — every place in a project that can print a message,
// ranked by how much of the message its literal text explains.
//
// The files are read in parallel; a file is parsed only when its word pairs
// (message_prefilter.h) say it may hold enough of the message; its emitting sites
// (message_template.h) are matched against the message (message_match.h). The result is plain
// data for cli/ to render.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "project/project_files.h"
#include "query/message_match.h"
#include "query/message_template.h"

namespace kensa::query {

struct EmitsOptions {
  size_t limit = 20;          // origins returned; the rest are only counted
  double min_coverage = 0.2;  // a site must explain at least this fraction of the message
  unsigned threads = 0;       // 0 = all cores
  std::string cache_path;     // the filters and sites cache (message_cache.h); "" = none
};

struct MessageOrigin {
  std::string path;  // relative to the project root
  std::string
      function;  // PyCG-style: module + qualified name ("pkg.mod.Class.method"), or the module
  MessageSite site;
  size_t explained = 0;    // characters of the message its literals match
  double coverage = 0;     // explained / message length
  bool truncated = false;  // the message stops before the template does
};

struct EmitsStats {
  size_t files = 0;       // files read
  size_t candidates = 0;  // files parsed (the word-pair filter let them through)
  size_t sites = 0;       // emitting sites in those files
  size_t unparsable = 0;  // candidates that could not be decoded or parsed
  size_t cache_hits = 0;  // files whose filter came from the cache (not read unless parsed)
  bool cache_written = false;
  std::string cache_status;   // why the cache was ignored or could not be written
  double filter_seconds = 0;  // stamps, cache, reading and filtering
  double parse_seconds = 0;   // the candidates' sites (cache or parse), matching, saving the cache
};

struct EmitsResult {
  PreparedMessage message;
  std::vector<MessageOrigin> origins;  // best first, at most options.limit
  size_t total = 0;                    // origins found before the limit
  EmitsStats stats;
  std::vector<std::string> read_errors;  // "path: reason"
};

EmitsResult FindMessageOrigins(const project::ProjectFiles& files, std::string_view text,
                               const EmitsOptions& options);

// The order of two origins of the same message: more explained first, then the emitter that
// fits the message's prefix (a logging level, an exception class), then the kind, then path.
bool OriginBefore(const MessageOrigin& a, const MessageOrigin& b, const PreparedMessage& message);

}  // namespace kensa::query
