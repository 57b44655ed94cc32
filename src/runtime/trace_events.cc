#include "runtime/trace_events.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace kensa::runtime {

std::string_view EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kWarning:
      return "warning";
    case EventKind::kLogging:
      return "logging";
    case EventKind::kPrint:
      return "print";
    case EventKind::kException:
      return "exception";
  }
  return "print";
}

std::optional<EventKind> ParseEventKind(std::string_view name) {
  for (EventKind k :
       {EventKind::kWarning, EventKind::kLogging, EventKind::kPrint, EventKind::kException}) {
    if (EventKindName(k) == name) return k;
  }
  return std::nullopt;
}

namespace {

using nlohmann::json;

std::string StringOr(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int IntOr(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

// A frame is [file, line, function, code].
bool ReadFrame(const json& value, TraceFrame* frame) {
  if (!value.is_array() || value.size() != 4 || !value[0].is_string() ||
      !value[1].is_number_integer() || !value[2].is_string() || !value[3].is_string()) {
    return false;
  }
  frame->file = value[0].get<std::string>();
  frame->line = value[1].get<int>();
  frame->function = value[2].get<std::string>();
  frame->code = value[3].get<std::string>();
  return true;
}

bool ReadEvent(const json& object, EventKind kind, TraceEvent* event) {
  event->kind = kind;
  event->message = StringOr(object, "message");
  event->pid = IntOr(object, "pid");
  event->frames_omitted = IntOr(object, "frames_omitted");
  auto frames = object.find("frames");
  if (frames == object.end() || !frames->is_array()) return false;
  for (const json& f : *frames) {
    TraceFrame frame;
    if (!ReadFrame(f, &frame)) return false;
    event->frames.push_back(std::move(frame));
  }
  for (const char* key : {"category", "level", "logger", "stream", "how", "exception"}) {
    auto it = object.find(key);
    if (it != object.end() && it->is_string())
      event->details.emplace_back(key, it->get<std::string>());
  }
  return true;
}

}  // namespace

TraceLog ParseTraceEvents(std::string_view jsonl) {
  TraceLog log;
  size_t at = 0;
  while (at < jsonl.size()) {
    size_t end = jsonl.find('\n', at);
    bool complete = end != std::string_view::npos;
    std::string_view line = jsonl.substr(at, complete ? end - at : std::string_view::npos);
    at = complete ? end + 1 : jsonl.size();
    if (line.empty()) continue;
    json object = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!complete || !object.is_object()) {
      ++log.malformed_lines;
      continue;
    }
    std::string kind = StringOr(object, "kind");
    if (kind == "start") {
      log.processes.push_back({IntOr(object, "pid"), IntOr(object, "ppid"),
                               StringOr(object, "python"), StringOr(object, "executable")});
      continue;
    }
    if (kind == "dropped") {
      log.not_recorded += static_cast<size_t>(std::max(0, IntOr(object, "count")));
      continue;
    }
    std::optional<EventKind> k = ParseEventKind(kind);
    TraceEvent event;
    if (!k || !ReadEvent(object, *k, &event)) {
      ++log.malformed_lines;
      continue;
    }
    log.events.push_back(std::move(event));
  }
  return log;
}

}  // namespace kensa::runtime
