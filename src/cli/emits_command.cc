// `kensa emits "TEXT"`: where a message printed at run time comes from. The search is the
// query layer's (query/message_query.h); this file reads the options and renders the ranked
// sites as `path:line:col: emitter in function: template (NN% of the text)` lines or JSON.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/index_render.h"
#include "cli/json_writer.h"
#include "query/message_query.h"
#include "render/query_json.h"

namespace kensa::cli {
namespace {

struct EmitsCommandOptions {
  IndexCommandOptions index;
  std::string text;
  size_t limit = 20;
  int min_coverage = 20;
};

constexpr char kFooter[] =
    R"(TEXT is the message as it was printed, values filled in, or only its first line:
  kensa emits "The module name HuggingFaceTB/SmolLM_hyphen_135M (originally HuggingFaceTB/SmolLM-135M) is not a valid Python identifier."
  kensa -C /usr/lib/python3.11 emits "ValueError: Invalid header value b'x\\n'"
  kensa emits "WARNING:diffusers.models.modeling_utils:Cannot initialize model with low cpu memory usage"
A logging prefix (WARNING:name:), a warnings prefix (file.py:12: UserWarning:), an exception
class (ValueError:) or a whole traceback are recognised and dropped; what they say breaks ties.

Every site that can produce the text is listed: logger.*/logging.* calls (warning_once too),
warnings.warn, print, sys.stderr.write/sys.stdout.write, sys.exit, raise, and the __str__ or
super().__init__ of exception classes; messages built with f-strings, %, .format, +,
implicit concatenation, "".join([...]), in a variable (msg = ...; msg += ...) or returned by a
small helper are followed. Each line is
  path:line:col: emitter in function: template (NN% of the text)
with the values as {expression}, best first: most of the text explained by literal text, then
the emitter that fits the prefix, then logger > warnings > raise > print > write.

Exit codes: 0 sites found; 1 none found; 2 bad usage or no project; 3 internal error.)";

// One line per site: line breaks and tabs in a template are shown escaped, as in Python.
std::string OneLine(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

int RunEmits(const EmitsCommandOptions& o) {
  if (o.min_coverage < 0 || o.min_coverage > 100) {
    std::fprintf(stderr, "kensa emits: error: --min-coverage must be between 0 and 100\n");
    return kExitUsage;
  }
  project::OpenOptions open;
  open.start_dir = o.index.directory;
  open.preset = o.index.preset;
  open.revision = o.index.revision;
  project::ProjectFiles files;
  std::string error;
  if (!project::OpenProject(open, &files, &error)) {
    std::fprintf(stderr, "kensa: error: %s\n", error.c_str());
    return kExitUsage;
  }
  query::EmitsOptions options;
  options.limit = o.limit;
  options.min_coverage = o.min_coverage / 100.0;
  if (!o.index.no_cache && o.index.revision.empty()) {
    options.cache_path = EmitsCachePath(o.index.cache_dir, files.root.root);
  }
  query::EmitsResult r = query::FindMessageOrigins(files, o.text, options);
  if (r.message.text.empty()) {
    std::fprintf(stderr, "kensa emits: error: TEXT is empty once its prefix is dropped\n");
    return kExitUsage;
  }
  if (!o.index.quiet && !r.read_errors.empty()) {
    std::fprintf(stderr, "kensa emits: warning: %zu files could not be read (first: %s)\n",
                 r.read_errors.size(), r.read_errors.front().c_str());
  }
  // The cache is rebuilt by itself when it cannot be used; why is only worth saying on request.
  if (!r.stats.cache_status.empty() && o.index.stats) {
    std::fprintf(stderr, "kensa emits: warning: %s\n", r.stats.cache_status.c_str());
  }
  if (o.index.stats) {
    std::fprintf(stderr,
                 "kensa emits: %zu files (%zu filters from the cache%s), %zu parsed, %zu sites, "
                 "%zu unparsable; filter %.1f ms, parse and match %.1f ms\n",
                 r.stats.files, r.stats.cache_hits, r.stats.cache_written ? ", cache written" : "",
                 r.stats.candidates, r.stats.sites, r.stats.unparsable,
                 r.stats.filter_seconds * 1e3, r.stats.parse_seconds * 1e3);
  }
  std::string out;
  const size_t omitted = r.total - r.origins.size();
  if (o.index.json) {
    out = JsonLine(render::EmitsJson(files.root.root, r));
  } else {
    for (const query::MessageOrigin& origin : r.origins) {
      const query::MessageSite& s = origin.site;
      out += origin.path + ":" + std::to_string(s.line) + ":" + std::to_string(s.column + 1) +
             ": " + s.emitter + " in " + origin.function + ": " +
             OneLine(query::RenderTemplate(s.text)) + " (" +
             std::to_string(render::CoveragePercent(origin)) + "% of the text" +
             (origin.truncated ? ", the template goes on" : "") + ")\n";
    }
    if (omitted > 0) {
      out +=
          std::to_string(omitted) + " more not shown (--limit " + std::to_string(o.limit) + ")\n";
    }
    if (r.total == 0) {
      std::fprintf(stderr, "kensa emits: no site explains %d%% of the text (%zu files searched)\n",
                   o.min_coverage, r.stats.files);
    }
  }
  PrintText(out);
  return r.total > 0 ? kExitOk : kExitFindings;
}

}  // namespace

CommandRunner SetupEmitsCommand(CLI::App& sub) {
  auto o = std::make_shared<EmitsCommandOptions>();
  sub.add_option("TEXT", o->text, "The message as printed at run time (or its first line)")
      ->required();
  sub.add_option("--limit", o->limit, "Show at most N sites; the rest are counted")
      ->option_text("N")
      ->capture_default_str();
  sub.add_option("--min-coverage", o->min_coverage,
                 "Leave out sites whose literal text explains less than PCT% of TEXT")
      ->option_text("PCT")
      ->capture_default_str();
  AddIndexOptions(sub, &o->index);
  sub.footer(kFooter);
  return [o] { return RunEmits(*o); };
}

}  // namespace kensa::cli
