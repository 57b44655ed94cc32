// The Streamable HTTP transport (MCP 2025-03-26 and later): JSON-RPC messages POSTed to /mcp,
// answered with application/json (the server never needs to stream: a call's progress is not
// sent over HTTP). Sessions: initialize gets an Mcp-Session-Id that later requests must carry
// (400 without one, 404 for an unknown one, DELETE ends it). GET /mcp is 405: the server sends
// no requests of its own. Against DNS rebinding, a request whose Host or Origin names a host
// other than localhost, 127.0.0.1, [::1] or the one served is refused with 403. Served by
// cpp-httplib (Debian's libcpp-httplib-dev) on its thread pool; tool calls run side by side, the
// workspace keeping its index steady under a shared lock.
#pragma once

#include <string>

#include "server/mcp_server.h"

namespace kensa::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port (printed on stderr)
};

// "PORT", "HOST:PORT" or "[IPV6]:PORT" into *options; false with *error when it is not one.
bool ParseHostPort(const std::string& text, HttpOptions* options, std::string* error);

// Serves until the process is stopped. Prints "kensa mcp: serving http://HOST:PORT/mcp" on
// stderr once listening. False (after printing why) when the address cannot be bound.
bool ServeHttp(McpServer& server, const HttpOptions& options);

// Whether a Host header value (or an Origin's host part) names one of `allowed_host`,
// localhost, 127.0.0.1 or [::1], with any port.
bool AllowedHost(std::string_view host_header, const std::string& allowed_host);
// Whether an Origin header is acceptable: absent (""), "null" is not; else its host must be
// allowed as above.
bool AllowedOrigin(std::string_view origin, const std::string& allowed_host);

}  // namespace kensa::server
