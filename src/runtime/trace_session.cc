#include "runtime/trace_session.h"

#include <ftw.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "base/file_io.h"
#include "runtime/trace_hook.h"

namespace kensa::runtime {
namespace {

std::string TemporaryRoot() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/tmp";
}

int RemoveEntry(const char* path, const struct stat*, int, struct FTW*) {
  ::remove(path);
  return 0;
}

// Removes the run's folder and what Python added to it (__pycache__).
void RemoveTree(const std::string& dir) {
  ::nftw(dir.c_str(), RemoveEntry, 16, FTW_DEPTH | FTW_PHYS);
}

std::string KindList(const std::vector<EventKind>& kinds) {
  std::string out;
  for (EventKind k : kinds) {
    if (!out.empty()) out += ",";
    out += EventKindName(k);
  }
  return out;
}

}  // namespace

bool RunTrace(const TraceOptions& options, TraceRun* run, std::string* error) {
  std::string dir = TemporaryRoot() + "/kensa-trace-XXXXXX";
  if (::mkdtemp(dir.data()) == nullptr) {
    *error = "cannot create a temporary folder in " + TemporaryRoot() + ": " + std::strerror(errno);
    return false;
  }
  std::string hook_dir = dir + "/hook";
  if (::mkdir(hook_dir.c_str(), 0700) != 0) {
    *error = hook_dir + ": " + std::strerror(errno);
    RemoveTree(dir);
    return false;
  }
  for (const HookFile& file : TraceHookFiles()) {
    // A plain write: the folder is private and new, so nobody can see a half-written file.
    if (!WriteFile(hook_dir + "/" + std::string(file.name), file.text, error)) {
      RemoveTree(dir);
      return false;
    }
  }
  std::string events_path = dir + "/events.jsonl";

  ForegroundOptions fg;
  fg.timeout_seconds = options.timeout_seconds;
  const char* old_path = std::getenv("PYTHONPATH");
  std::string python_path = hook_dir;
  if (old_path != nullptr && *old_path != '\0') python_path += std::string(":") + old_path;
  fg.env_set = {{"PYTHONPATH", python_path},
                {"KENSA_TRACE_EVENTS", events_path},
                {"KENSA_TRACE_KINDS", KindList(options.kinds)},
                {"KENSA_TRACE_RAISED", options.raised ? "1" : "0"},
                {"KENSA_TRACE_MATCH", options.match}};
  run->process = RunForeground(options.command, fg);

  std::string text, read_error;
  if (ReadFile(events_path, &text, &read_error)) run->log = ParseTraceEvents(text);
  RemoveTree(dir);
  return true;
}

}  // namespace kensa::runtime
