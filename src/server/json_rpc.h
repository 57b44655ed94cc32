// JSON-RPC 2.0 messages as MCP uses them: parsing one message (a request, a notification or a
// response from the client) with the errors the specification names, and building responses.
// Malformed input never throws out of here: it becomes an error response.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "render/json.h"

namespace kensa::server {

using render::Json;

// The specification's error codes.
enum RpcError : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
};

// The largest message read (a line on stdio, a body over HTTP): larger ones get an error
// without being parsed, so a client cannot make the server hold gigabytes.
inline constexpr size_t kMaxMessageBytes = 4 << 20;

// The deepest nesting of arrays and objects accepted (kensa's own arguments nest two levels).
inline constexpr int kMaxNesting = 64;

struct RpcMessage {
  enum class Kind { kRequest, kNotification, kResponse, kInvalid };
  Kind kind = Kind::kInvalid;
  Json id;  // the request's id (string or integer); null when there is none or it is unusable
  std::string method;
  Json params;  // an object (absent params become {})
  // kInvalid: the error to answer with.
  int error_code = 0;
  std::string error_message;
};

// Reads one JSON value already parsed from the wire.
RpcMessage ReadMessage(const Json& value);
// Parses text; malformed JSON is a kInvalid message with kParseError.
RpcMessage ParseMessage(std::string_view text);

Json ResultResponse(const Json& id, Json result);
Json ErrorResponse(const Json& id, int code, std::string_view message, Json data = nullptr);

// Compact text, invalid UTF-8 replaced (a file's bytes can be anything) rather than thrown on.
std::string Serialize(const Json& j);

}  // namespace kensa::server
