#include "server/mcp_server.h"

#include <malloc.h>

#include <chrono>
#include <exception>

#include "server/json_rpc.h"
#include "server/schema_check.h"

namespace kensa::server {

const std::vector<std::string>& SupportedProtocolVersions() {
  static const std::vector<std::string> versions = {"2025-11-25", "2025-06-18", "2025-03-26",
                                                    "2024-11-05"};
  return versions;
}

std::string McpServer::Handle(Session& session, std::string_view text,
                              const std::function<void(const Json&)>& notify,
                              const std::atomic<bool>* cancelled) {
  if (text.size() > kMaxMessageBytes) {
    return Serialize(ErrorResponse(nullptr, kInvalidRequest, "the message is too large"));
  }
  RpcMessage probe = ParseMessage(text);
  if (probe.kind == RpcMessage::Kind::kInvalid && probe.error_code == kParseError) {
    return Serialize(ErrorResponse(nullptr, kParseError, probe.error_message));
  }
  if (probe.kind == RpcMessage::Kind::kInvalid &&
      probe.error_message.find("nested") != std::string::npos) {
    return Serialize(ErrorResponse(nullptr, probe.error_code, probe.error_message));
  }
  Json value = Json::parse(text, nullptr, false);
  if (value.is_array()) {
    // A batch (protocol revisions up to 2025-03-26): each element answered, in order.
    if (value.empty()) {
      return Serialize(ErrorResponse(nullptr, kInvalidRequest, "an empty batch"));
    }
    Json responses = Json::array();
    for (const Json& element : value) {
      Json r = HandleValue(session, element, notify, cancelled);
      if (!r.is_null()) responses.push_back(std::move(r));
    }
    return responses.empty() ? "" : Serialize(responses);
  }
  Json r = HandleValue(session, value, notify, cancelled);
  return r.is_null() ? "" : Serialize(r);
}

Json McpServer::HandleValue(Session& session, const Json& value,
                            const std::function<void(const Json&)>& notify,
                            const std::atomic<bool>* cancelled) {
  RpcMessage m = ReadMessage(value);
  switch (m.kind) {
    case RpcMessage::Kind::kInvalid:
      return ErrorResponse(m.id, m.error_code, m.error_message);
    case RpcMessage::Kind::kResponse:
      return nullptr;  // the server sends no requests, so there is nothing to match it with
    case RpcMessage::Kind::kNotification:
      if (m.method == "notifications/initialized") session.initialized = true;
      // notifications/cancelled is acted on by the transport, which knows what is running;
      // other notifications need nothing.
      return nullptr;
    case RpcMessage::Kind::kRequest:
      break;
  }
  if (!m.params.is_object()) {
    return ErrorResponse(m.id, kInvalidParams, "\"params\" must be an object");
  }
  try {
    if (m.method == "initialize") return ResultResponse(m.id, Initialize(session, m.params));
    if (m.method == "ping") return ResultResponse(m.id, Json::object());
    if (m.method == "tools/list") return ResultResponse(m.id, ListTools());
    if (m.method == "logging/setLevel") {
      static const char* kLevels[] = {"debug", "info",     "notice", "warning",
                                      "error", "critical", "alert",  "emergency"};
      const Json& level = m.params.contains("level") ? m.params["level"] : Json();
      bool known = false;
      for (const char* l : kLevels) known = known || (level.is_string() && level == l);
      if (!known) return ErrorResponse(m.id, kInvalidParams, "unknown logging level");
      return ResultResponse(m.id, Json::object());  // kensa logs nothing to the client
    }
    if (m.method == "tools/call") {
      Json error;
      Json result = CallTool(m.id, m.params, notify, cancelled, &error);
      return error.is_null() ? ResultResponse(m.id, std::move(result)) : error;
    }
    return ErrorResponse(m.id, kMethodNotFound, "method not found: " + m.method);
  } catch (const std::exception& e) {
    return ErrorResponse(m.id, kInternalError, std::string("internal error: ") + e.what());
  }
}

Json McpServer::Initialize(Session& session, const Json& params) {
  const std::vector<std::string>& versions = SupportedProtocolVersions();
  std::string version = versions.front();
  auto asked = params.find("protocolVersion");
  if (asked != params.end() && asked->is_string()) {
    for (const std::string& v : versions) {
      if (*asked == v) version = v;
    }
  }
  session.protocol_version = version;
  if (params.contains("clientInfo") && params["clientInfo"].is_object()) {
    session.client_name = params["clientInfo"].value("name", "");
  }
  Json result = Json::object();
  result["protocolVersion"] = version;
  Json capabilities = Json::object();
  capabilities["tools"] = Json{{"listChanged", false}};
  capabilities["logging"] = Json::object();
  result["capabilities"] = std::move(capabilities);
  Json server_info = Json::object();
  server_info["name"] = info_.name;
  server_info["title"] = "kensa: static analysis of Python repositories";
  server_info["version"] = info_.version;
  result["serverInfo"] = std::move(server_info);
  if (!info_.instructions.empty()) result["instructions"] = info_.instructions;
  return result;
}

Json McpServer::ListTools() const {
  Json list = Json::array();
  for (const Tool& t : tools_.tools()) {
    Json j = Json::object();
    j["name"] = t.name;
    j["title"] = t.title;
    j["description"] = t.description;
    j["inputSchema"] = t.input_schema;
    j["outputSchema"] = t.output_schema;
    Json annotations = Json::object();
    annotations["title"] = t.title;
    annotations["readOnlyHint"] = t.read_only;
    annotations["destructiveHint"] = false;
    annotations["idempotentHint"] = true;
    annotations["openWorldHint"] = false;
    j["annotations"] = std::move(annotations);
    list.push_back(std::move(j));
  }
  Json result = Json::object();
  result["tools"] = std::move(list);
  return result;
}

Json McpServer::CallTool(const Json& id, const Json& params,
                         const std::function<void(const Json&)>& notify,
                         const std::atomic<bool>* cancelled, Json* error) {
  auto name = params.find("name");
  if (name == params.end() || !name->is_string()) {
    *error = ErrorResponse(id, kInvalidParams, "tools/call needs a tool \"name\"");
    return nullptr;
  }
  const Tool* tool = tools_.Find(name->get<std::string>());
  if (tool == nullptr) {
    *error = ErrorResponse(id, kInvalidParams, "unknown tool: " + name->get<std::string>());
    return nullptr;
  }
  Json arguments = params.contains("arguments") && !params["arguments"].is_null()
                       ? params["arguments"]
                       : Json::object();
  auto text_result = [](const std::string& text, bool is_error) {
    Json r = Json::object();
    r["content"] = Json::array({Json{{"type", "text"}, {"text", text}}});
    r["isError"] = is_error;
    return r;
  };
  std::string problem;
  Json checked = CheckArguments(tool->input_schema, arguments, &problem);
  // Bad arguments are a tool error, not a protocol one: the model reads why and retries.
  if (!problem.empty()) return text_result(tool->name + ": " + problem, true);

  CallContext context;
  context.cancelled = cancelled;
  Json token;
  if (params.contains("_meta") && params["_meta"].is_object()) {
    token = params["_meta"].value("progressToken", Json());
  }
  if (notify && (token.is_string() || token.is_number_integer() || token.is_number_unsigned())) {
    context.progress = [notify, token](double progress, double total, const std::string& message) {
      Json n = Json::object();
      n["jsonrpc"] = "2.0";
      n["method"] = "notifications/progress";
      Json p = Json::object();
      p["progressToken"] = token;
      p["progress"] = progress;
      p["total"] = total;
      p["message"] = message;
      n["params"] = std::move(p);
      notify(n);
    };
  }
  ToolResult r;
  // Tools run side by side: the workspace locks what they share (workspace.h).
  auto started = std::chrono::steady_clock::now();
  r = tool->call(checked, context);
  // A long call (references, the call graph) parsed files; give the freed memory back, or the
  // malloc arenas keep each call's peak and the server grows with concurrent clients.
  if (std::chrono::steady_clock::now() - started > std::chrono::milliseconds(20)) ::malloc_trim(0);
  if (r.is_error) return text_result(r.text, true);
  Json result = text_result(r.text, false);
  result["structuredContent"] = std::move(r.structured);
  return result;
}

}  // namespace kensa::server
