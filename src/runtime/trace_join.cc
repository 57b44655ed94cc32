#include "runtime/trace_join.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/file_io.h"
#include "project/project_files.h"
#include "project/project_root.h"
#include "query/message_query.h"

namespace kensa::runtime {
namespace {

// The start of the longest literal piece of a template: what a statement that builds the
// message itself contains (only the start: implicit concatenation splits a piece in the source).
std::string_view LiteralStart(const query::MessageTemplate& text) {
  std::string_view best;
  for (const query::TemplatePiece& piece : text) {
    if (!piece.hole && piece.text.size() > best.size()) best = piece.text;
  }
  return best.substr(0, 16);
}

// The source of the statement starting at `line` (1-based), as far as the next 20 lines: enough
// for a call whose arguments span lines, without reading the whole function.
std::string StatementText(const std::string& file, int line) {
  std::string text, error;
  if (line <= 0 || !ReadFile(file, &text, &error)) return "";
  size_t at = 0;
  for (int l = 1; l < line && at != std::string::npos; ++l) {
    at = text.find('\n', at);
    if (at != std::string::npos) ++at;
  }
  if (at == std::string::npos) return "";
  size_t end = at;
  for (int l = 0; l < 20 && end != std::string::npos; ++l) {
    end = text.find('\n', end);
    if (end != std::string::npos) ++end;
  }
  return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

// A tree larger than this is not searched (a home folder with a stray setup.py): the join is
// a help for the report, not worth seconds.
constexpr size_t kMaxProjectFiles = 20000;

struct Projects {
  // Root -> the opened project (null when it could not be opened).
  std::map<std::string, std::unique_ptr<project::ProjectFiles>> by_root;
  std::map<std::string, std::string> root_of_dir;  // "" when the directory has no project

  const project::ProjectFiles* For(const std::string& file) {
    std::string dir = DirectoryOf(file);
    auto known = root_of_dir.find(dir);
    if (known == root_of_dir.end()) {
      std::string error;
      std::optional<project::ProjectRoot> root = project::FindProjectRoot(dir, &error);
      known = root_of_dir.emplace(dir, root ? root->root : "").first;
    }
    if (known->second.empty()) return nullptr;
    auto [it, inserted] = by_root.try_emplace(known->second);
    if (inserted) {
      auto files = std::make_unique<project::ProjectFiles>();
      project::OpenOptions options;
      options.start_dir = known->second;
      std::string error;
      if (project::OpenProject(options, files.get(), &error) &&
          files->files.size() <= kMaxProjectFiles) {
        it->second = std::move(files);
      }
    }
    return it->second.get();
  }
};

}  // namespace

void JoinTemplateSites(std::vector<TraceEvent>* events, const std::vector<size_t>& which,
                       size_t max_events, const CachePathFor& cache_path_for) {
  Projects projects;
  size_t joined = 0;
  for (size_t index : which) {
    if (joined >= max_events) break;
    TraceEvent& event = (*events)[index];
    if (event.frames.empty() || event.message.empty()) continue;
    const TraceFrame& emitting = event.frames.back();
    if (emitting.file.empty() || emitting.file[0] != '/') continue;  // <string>, <stdin>
    // Installed code and the standard library (lib/pythonX.Y, site-packages) are not the
    // project being investigated; their trees can be huge (a pyenv checkout is one git
    // repository holding every installed Python).
    if (emitting.file.find("/lib/python") != std::string::npos ||
        emitting.file.find("/site-packages/") != std::string::npos) {
      continue;
    }
    const project::ProjectFiles* files = projects.For(emitting.file);
    if (files == nullptr) continue;
    ++joined;
    query::EmitsOptions options;
    options.limit = 5;
    options.min_coverage = 0.5;
    options.threads = 1;
    // Without the cache each event would read and filter every file of the project again.
    options.cache_path = cache_path_for ? cache_path_for(files->root.root) : "";
    query::EmitsResult result = query::FindMessageOrigins(*files, event.message, options);
    if (result.origins.empty()) continue;
    // The origin at the emitting statement if emits knows it, else its best one.
    const query::MessageOrigin* origin = &result.origins.front();
    for (const query::MessageOrigin& o : result.origins) {
      if (files->root.root + "/" + o.path == emitting.file &&
          static_cast<int>(o.site.line) == emitting.line) {
        origin = &o;
        break;
      }
    }
    std::string_view literal = LiteralStart(origin->site.text);
    std::string path = files->root.root + "/" + origin->path;
    bool same_statement =
        path == emitting.file && static_cast<int>(origin->site.line) == emitting.line;
    if (same_statement &&
        StatementText(emitting.file, emitting.line).find(literal) != std::string::npos) {
      continue;  // the statement spells the message out: the stack says it all
    }
    event.template_site = SourceSite{path, static_cast<int>(origin->site.line), origin->function,
                                     "", query::RenderTemplate(origin->site.text)};
  }
}

}  // namespace kensa::runtime
