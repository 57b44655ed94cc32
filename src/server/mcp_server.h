// The Model Context Protocol on top of JSON-RPC 2.0, independent of the transport: initialize
// (with protocol version negotiation), ping, tools/list, tools/call, logging/setLevel and the
// notifications. One McpServer serves every session; a Session holds what one client
// negotiated. Tool calls run side by side (the workspace holds its index under a shared lock);
// the rest is answered at once. Every input gets an answer or, for notifications, none — never a
// crash.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "render/json.h"
#include "server/tool.h"

namespace kensa::server {

// The protocol revisions this server speaks, newest first. A client asking for another one
// gets the newest, as the specification says; it may then disconnect.
const std::vector<std::string>& SupportedProtocolVersions();

struct Session {
  std::string protocol_version;  // "" until initialize
  bool initialized = false;      // notifications/initialized received
  std::string client_name;
};

class McpServer {
 public:
  struct Info {
    std::string name = "kensa";
    std::string version;
    std::string instructions;
  };
  McpServer(Info info, ToolTable tools) : info_(std::move(info)), tools_(std::move(tools)) {}

  // Handles one message (a line on stdio, a body over HTTP). Returns the response text, ""
  // when there is none (notifications, responses). `notify` sends a notification now (progress),
  // or is empty when the transport cannot.
  std::string Handle(Session& session, std::string_view text,
                     const std::function<void(const Json&)>& notify = {},
                     const std::atomic<bool>* cancelled = nullptr);
  // The same for one parsed value (an element of a batch).
  Json HandleValue(Session& session, const Json& value,
                   const std::function<void(const Json&)>& notify,
                   const std::atomic<bool>* cancelled);

  const ToolTable& tools() const { return tools_; }

 private:
  Json Initialize(Session& session, const Json& params);
  Json ListTools() const;
  // A tools/call: the result, or an error response built into *error.
  Json CallTool(const Json& id, const Json& params, const std::function<void(const Json&)>& notify,
                const std::atomic<bool>* cancelled, Json* error);

  Info info_;
  ToolTable tools_;
};

}  // namespace kensa::server
