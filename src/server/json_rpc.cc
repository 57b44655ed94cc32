#include "server/json_rpc.h"

#include <algorithm>

namespace kensa::server {

RpcMessage ReadMessage(const Json& value) {
  RpcMessage m;
  auto invalid = [&](std::string message) {
    m.kind = RpcMessage::Kind::kInvalid;
    m.error_code = kInvalidRequest;
    m.error_message = std::move(message);
    return m;
  };
  if (!value.is_object()) return invalid("a JSON-RPC message must be an object");
  // The id first, so an invalid request is answered with its own id when it has a usable one.
  auto id = value.find("id");
  bool has_id = id != value.end();
  if (has_id) {
    if (id->is_string() || id->is_number_integer() || id->is_number_unsigned()) {
      m.id = *id;
    } else if (!id->is_null()) {
      return invalid("\"id\" must be a string or an integer");
    }
  }
  auto version = value.find("jsonrpc");
  if (version == value.end() || !version->is_string() || *version != "2.0") {
    return invalid("\"jsonrpc\" must be \"2.0\"");
  }
  auto method = value.find("method");
  if (method == value.end()) {
    if (has_id && (value.contains("result") || value.contains("error"))) {
      m.kind = RpcMessage::Kind::kResponse;
      return m;
    }
    return invalid("a request needs a \"method\"");
  }
  if (!method->is_string()) return invalid("\"method\" must be a string");
  m.method = method->get<std::string>();
  auto params = value.find("params");
  if (params == value.end() || params->is_null()) {
    m.params = Json::object();
  } else if (params->is_object() || params->is_array()) {
    m.params = *params;
  } else {
    return invalid("\"params\" must be an object or an array");
  }
  if (has_id && id->is_null()) return invalid("\"id\" must not be null");
  m.kind = has_id ? RpcMessage::Kind::kRequest : RpcMessage::Kind::kNotification;
  return m;
}

namespace {

// The deepest nesting of arrays and objects in JSON text (strings skipped). nlohmann parses
// iteratively but copies and destroys recursively: a message nested a million levels deep
// would overflow the stack, so such a message is refused before it is parsed.
int NestingDepth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

RpcMessage ParseMessage(std::string_view text) {
  if (NestingDepth(text) > kMaxNesting) {
    RpcMessage m;
    m.error_code = kInvalidRequest;
    m.error_message = "the message is nested too deeply";
    return m;
  }
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    RpcMessage m;
    m.error_code = kParseError;
    m.error_message = "the message is not valid JSON";
    return m;
  }
  return ReadMessage(value);
}

Json ResultResponse(const Json& id, Json result) {
  Json r = Json::object();
  r["jsonrpc"] = "2.0";
  r["id"] = id;
  r["result"] = std::move(result);
  return r;
}

Json ErrorResponse(const Json& id, int code, std::string_view message, Json data) {
  Json e = Json::object();
  e["code"] = code;
  e["message"] = std::string(message);
  if (!data.is_null()) e["data"] = std::move(data);
  Json r = Json::object();
  r["jsonrpc"] = "2.0";
  r["id"] = id;
  r["error"] = std::move(e);
  return r;
}

std::string Serialize(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace kensa::server
