// What `kensa trace` records in the traced program: events (a warning, a logging record, a
// print or write to the standard streams, an exception), each with the stack from the outermost
// frame to the statement that emitted it. Plain values, built by ParseTraceEvents
// (trace_events.h) from the hook's JSON lines and rendered by cli/; the static side (`kensa
// emits`, `kensa why`) adds its findings in the fields at the end without changing the rest.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kensa::runtime {

enum class EventKind { kWarning, kLogging, kPrint, kException };

// "warning", "logging", "print", "exception": the names used by --kind and in JSON.
std::string_view EventKindName(EventKind kind);
std::optional<EventKind> ParseEventKind(std::string_view name);

// One frame, as Python's traceback prints it: File "file", line N, in function / the line.
struct TraceFrame {
  std::string file;      // absolute, or Python's own name for code without a file ("<string>")
  int line = 0;          // 1-based
  std::string function;  // qualified name (co_qualname; reconstructed before 3.11)
  std::string code;      // the source line, stripped; empty where Python has none
};

// A place in the source the static side points at (a message template, a step of a path).
struct SourceSite {
  std::string file;  // absolute
  int line = 0;
  std::string function;
  std::string code;
  std::string text;  // a message template: literal text with each hole as {expression}
};

struct TraceEvent {
  EventKind kind = EventKind::kPrint;
  // The text as the user sees it: a warning's "Category: message", a logging record as its
  // handler formatted it (without the final newline), what one print() or write() call wrote,
  // an exception's last traceback line(s) ("ValueError: bad").
  std::string message;
  int pid = 0;  // the Python process it came from (child processes are traced too)
  std::vector<TraceFrame> frames;  // outermost first; the last is the emitting statement
  int frames_omitted = 0;          // cut from the middle of a very deep stack
  // What each kind adds, in the hook's order: category (warning), level and logger (logging),
  // stream (print), how ("raised" or "uncaught") and exception (exception).
  std::vector<std::pair<std::string, std::string>> details;

  // Filled by the static side when it can (empty otherwise):
  // the message's template, when the emitting statement does not spell it out (`kensa emits`:
  // the template it reconstructs for the statement, trace_join.h);
  std::optional<SourceSite> template_site;
  // the static `why` path between the outermost and innermost project frames (--explain).
  std::vector<SourceSite> explain_path;

  const std::string* Detail(std::string_view key) const {
    for (const auto& [k, v] : details) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

// A Python process that loaded the hook.
struct TracedProcess {
  int pid = 0;
  int ppid = 0;
  std::string python;  // "3.11.7"
  std::string executable;
};

}  // namespace kensa::runtime
