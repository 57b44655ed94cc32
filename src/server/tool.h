// A tool of the MCP server: its name, description, JSON Schemas of its arguments and of its
// structured result, and the function that answers a call. The arguments are checked against
// the input schema before the function runs (schema_check.h), so a tool reads them without
// re-validating.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "render/json.h"

namespace kensa::server {

using render::Json;

// What a tool call may use while it runs: progress notifications (when the client sent a
// progress token and the transport can deliver them) and the cancellation flag.
struct CallContext {
  std::function<void(double progress, double total, const std::string& message)> progress;
  const std::atomic<bool>* cancelled = nullptr;
};

struct ToolResult {
  Json structured;        // the structuredContent, matching the tool's output schema
  std::string text;       // a short human form: `path:line:col: ...` lines
  bool is_error = false;  // a failed call the model can act on (unknown name, ...): text only

  static ToolResult Error(std::string message) {
    ToolResult r;
    r.text = std::move(message);
    r.is_error = true;
    return r;
  }
};

struct Tool {
  std::string name;
  std::string title;
  std::string description;
  Json input_schema;
  Json output_schema;
  bool read_only = true;
  std::function<ToolResult(const Json& arguments, const CallContext& context)> call;
};

class ToolTable {
 public:
  void Add(Tool tool) { tools_.push_back(std::move(tool)); }
  const Tool* Find(const std::string& name) const {
    for (const Tool& t : tools_) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  const std::vector<Tool>& tools() const { return tools_; }

 private:
  std::vector<Tool> tools_;
};

}  // namespace kensa::server
