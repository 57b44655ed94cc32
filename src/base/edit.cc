#include "base/edit.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

#include "base/atomic_file.h"
#include "base/file_io.h"

namespace kensa {

namespace {

bool UsesCrlfOnly(const std::string& text) {
  size_t breaks = 0;
  for (size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1)) {
    if (i == 0 || text[i - 1] != '\r') return false;
    ++breaks;
  }
  return breaks > 0;
}

std::string ToCrlf(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out.push_back('\r');
    out.push_back(text[i]);
  }
  return out;
}

std::string Errno() {
  return std::strerror(errno);
}

// The file a write to `path` lands in: symbolic links resolved, so the rename replaces the
// target rather than the link.
bool ResolveTarget(const std::string& path, std::string* target, std::string* error) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) {
    *error = path + ": " + Errno();
    return false;
  }
  *target = buf;
  return true;
}

void SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: the renames are already visible
  ::close(fd);
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

struct PendingFile {
  std::string path;    // as named in the edits
  std::string target;  // symbolic links resolved
  std::string temporary;
  std::string contents;  // the new text, until its temporary is written
  bool is_new = false;   // created by the edits (Edit::create)
};

}  // namespace

bool ApplyEditsToText(const std::string& original, std::vector<const Edit*> edits,
                      LineEndings line_endings, std::string* result, std::string* error) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit* a, const Edit* b) { return a->begin < b->begin; });
  bool crlf = line_endings == LineEndings::kMatchFile && UsesCrlfOnly(original);
  result->clear();
  size_t at = 0;
  for (const Edit* e : edits) {
    if (e->begin > e->end || e->end > original.size()) {
      *error = e->path + ": edit range [" + std::to_string(e->begin) + ", " +
               std::to_string(e->end) + ") is outside the file (" +
               std::to_string(original.size()) + " bytes)";
      return false;
    }
    if (e->begin < at) {
      *error = e->path + ": overlapping edits at byte " + std::to_string(e->begin);
      return false;
    }
    result->append(original, at, e->begin - at);
    result->append(crlf ? ToCrlf(e->replacement) : e->replacement);
    at = e->end;
  }
  result->append(original, at, std::string::npos);
  return true;
}

ApplyResult ApplyEdits(const std::vector<Edit>& edits, const ApplyOptions& options) {
  auto injected = [&](ApplyStep step, const std::string& path) {
    return options.inject_failure ? options.inject_failure(step, path) : std::string();
  };
  ApplyResult result;

  std::vector<std::string> order;
  std::map<std::string, std::vector<const Edit*>> by_path;
  for (const Edit& e : edits) {
    auto [it, inserted] = by_path.try_emplace(e.path);
    if (inserted) order.push_back(e.path);
    it->second.push_back(&e);
  }

  // Phase 1: read every file and compute its new text; nothing is written yet.
  std::vector<PendingFile> pending;
  for (const std::string& path : order) {
    PendingFile file{path, "", "", "", false};
    std::string original, error;
    const std::vector<const Edit*>& file_edits = by_path[path];
    bool may_create =
        std::all_of(file_edits.begin(), file_edits.end(), [](const Edit* e) { return e->create; });
    if (std::string e = injected(ApplyStep::kRead, path); !e.empty()) {
      error = path + ": " + e;
    } else if (may_create && ::access(path.c_str(), F_OK) != 0 && errno == ENOENT) {
      // A new file: its folder must exist; the rename creates it whole.
      file.is_new = true;
      std::string dir;
      if (ResolveTarget(DirectoryOf(path), &dir, &error)) {
        file.target = dir + "/" + path.substr(path.rfind('/') + 1);
      }
    } else if (ResolveTarget(path, &file.target, &error)) {
      struct stat st;
      if (::stat(file.target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        error = path + ": not a regular file; a fix only rewrites files";  // never /dev/null
      } else {
        ReadFile(file.target, &original, &error);
      }
    }
    if (error.empty() &&
        ApplyEditsToText(original, file_edits, options.line_endings, &file.contents, &error)) {
      if (file.contents == original && !file.is_new) continue;
      pending.push_back(std::move(file));
      continue;
    }
    result.error = error;
    return result;
  }
  if (pending.empty()) return result;

  // Before the first temporary: the directories it will go to are recorded, so that if this
  // process is killed the next kensa run removes what it left (base/atomic_file), and what an
  // earlier killed run left there is removed now.
  std::set<std::string> directories;
  for (const PendingFile& file : pending) directories.insert(DirectoryOf(file.target));
  for (const std::string& dir : directories) RemoveStaleTemporaries(dir);
  PendingWrites record;
  std::string record_error;
  record.Begin(options.pending_writes_dir, {directories.begin(), directories.end()},
               &record_error);  // without a record only the clean-up after a kill is lost

  // Phase 2: every new file is complete and durable beside its original before any rename.
  auto discard = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) ::unlink(pending[i].temporary.c_str());
  };
  for (size_t i = 0; i < pending.size(); ++i) {
    PendingFile& file = pending[i];
    std::string error = injected(ApplyStep::kWriteTemporary, file.path);
    if (!error.empty()) {
      error = file.path + ": " + error;
    } else if (WriteTemporaryBeside(file.target, file.contents, ModeForTarget(file.target),
                                    /*sync=*/true, &file.temporary, &error)) {
      std::string().swap(file.contents);
      continue;
    }
    discard(0, i);
    result.error = error;
    return result;
  }

  // Phase 3: each rename swaps one whole file; a failure stops here, leaving the rest old.
  for (size_t i = 0; i < pending.size(); ++i) {
    const PendingFile& file = pending[i];
    std::string error = injected(ApplyStep::kRename, file.path);
    if (error.empty() && ::rename(file.temporary.c_str(), file.target.c_str()) != 0) {
      error = Errno();
    }
    if (!error.empty()) {
      discard(i, pending.size());
      result.error = file.path + ": " + error;
      break;
    }
    result.written.push_back(file.path);
  }
  for (const std::string& dir : directories) SyncDirectory(dir);
  return result;
}

}  // namespace kensa
