// RunTrace: runs the user's command with kensa's hook and returns what it recorded. The hook's
// files go to a new private folder (mkdtemp), which is put first on PYTHONPATH; the hook appends
// its events to a file in that folder named by KENSA_TRACE_EVENTS, so the program's stdout and
// stderr carry only its own bytes. The command runs as a foreground job (base/process.h: its
// own process group holding the terminal, signals passed on, a timeout that stops the group);
// its exit status is returned untouched. The folder is removed afterwards. Not thread-safe
// (RunForeground changes the signal mask while it waits).
#pragma once

#include <string>
#include <vector>

#include "base/process.h"
#include "runtime/trace_event.h"
#include "runtime/trace_events.h"

namespace kensa::runtime {

struct TraceOptions {
  std::vector<std::string> command;  // argv; looked up on PATH as a shell does
  std::vector<EventKind> kinds = {EventKind::kWarning, EventKind::kLogging, EventKind::kPrint,
                                  EventKind::kException};
  bool raised = false;         // every exception raised, caught or not (sys.monitoring/settrace)
  double timeout_seconds = 0;  // 0: none
  // --match: the hook records only events whose text this Python pattern finds (re.search), so
  // the others cost the program no stack walk. Empty: every event.
  std::string match;
};

struct TraceRun {
  ForegroundResult process;  // started, exit code or signal, timed out
  TraceLog log;              // processes that loaded the hook and their events
};

// Returns false with *error set when kensa itself cannot prepare the run (no temporary folder);
// a command that cannot start is a successful call with process.started == false.
bool RunTrace(const TraceOptions& options, TraceRun* run, std::string* error);

}  // namespace kensa::runtime
