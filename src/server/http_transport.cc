#include "server/http_transport.h"

#include <httplib.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>

#include "server/json_rpc.h"

namespace kensa::server {

namespace {

constexpr size_t kMaxSessions = 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "host", "host:port", "[v6]", "[v6]:port" -> the host ("[v6]" keeps its brackets).
std::string HostPart(std::string_view host_port) {
  if (!host_port.empty() && host_port.front() == '[') {
    size_t close = host_port.find(']');
    return close == std::string_view::npos ? std::string(host_port)
                                           : Lower(host_port.substr(0, close + 1));
  }
  size_t colon = host_port.find(':');
  return Lower(host_port.substr(0, colon));
}

std::string NewSessionId() {
  static std::mutex mutex;
  static std::mt19937_64 random(
      std::random_device{}() ^
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::lock_guard<std::mutex> lock(mutex);
  char buffer[33];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return buffer;
}

void JsonError(httplib::Response& res, int status, int code, const std::string& message) {
  res.status = status;
  res.set_content(Serialize(ErrorResponse(nullptr, code, message)), "application/json");
}

}  // namespace

bool AllowedHost(std::string_view host_header, const std::string& allowed_host) {
  std::string host = HostPart(host_header);
  if (host.empty()) return false;
  std::string served = HostPart(allowed_host);
  if (served.find(':') != std::string::npos && served.front() != '[') served = "[" + served + "]";
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == served;
}

bool AllowedOrigin(std::string_view origin, const std::string& allowed_host) {
  if (origin.empty()) return true;  // not a browser: no DNS rebinding through it
  size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return false;  // "null" and other opaque origins
  std::string_view rest = origin.substr(scheme + 3);
  rest = rest.substr(0, rest.find('/'));
  return AllowedHost(rest, allowed_host);
}

bool ParseHostPort(const std::string& text, HttpOptions* options, std::string* error) {
  std::string host = options->host;
  std::string port = text;
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find("]:");
    if (close == std::string::npos) {
      *error = "'" + text + "' is not [HOST]:PORT";
      return false;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else if (size_t colon = text.rfind(':'); colon != std::string::npos) {
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.empty()) host = options->host;
  }
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(port) > 65535) {
    *error = "'" + text + "' does not end with a port number (0-65535)";
    return false;
  }
  options->host = host;
  options->port = std::stoi(port);
  return true;
}

bool ServeHttp(McpServer& server, const HttpOptions& options) {
  httplib::Server http;
  std::mutex sessions_mutex;
  std::map<std::string, Session> sessions;
  std::vector<std::string> session_order;  // oldest first, to bound their number
  const std::string allowed = options.host;

  http.set_payload_max_length(kMaxMessageBytes);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm holds
  // the body until the client's delayed ACK of the headers, 40 ms on every answer.
  http.set_tcp_nodelay(true);
  http.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (!AllowedHost(req.get_header_value("Host"), allowed) ||
        !AllowedOrigin(req.get_header_value("Origin"), allowed)) {
      JsonError(res, 403, kInvalidRequest, "forbidden: Host or Origin is not this server");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  http.Post("/mcp", [&](const httplib::Request& req, httplib::Response& res) {
    std::string content_type = Lower(req.get_header_value("Content-Type"));
    if (content_type.find("application/json") == std::string::npos) {
      JsonError(res, 415, kInvalidRequest, "Content-Type must be application/json");
      return;
    }
    std::string accept = Lower(req.get_header_value("Accept"));
    if (!accept.empty() && accept.find("application/json") == std::string::npos &&
        accept.find("*/*") == std::string::npos) {
      JsonError(res, 406, kInvalidRequest, "the client must accept application/json");
      return;
    }
    std::string version = req.get_header_value("MCP-Protocol-Version");
    if (!version.empty()) {
      const std::vector<std::string>& known = SupportedProtocolVersions();
      if (std::find(known.begin(), known.end(), version) == known.end()) {
        JsonError(res, 400, kInvalidRequest, "unsupported MCP-Protocol-Version: " + version);
        return;
      }
    }
    RpcMessage probe = ParseMessage(req.body);
    const bool initialize =
        probe.kind == RpcMessage::Kind::kRequest && probe.method == "initialize";
    std::string id = req.get_header_value("Mcp-Session-Id");
    Session session;
    if (initialize) {
      id = NewSessionId();
    } else if (probe.kind != RpcMessage::Kind::kInvalid) {
      if (id.empty()) {
        JsonError(res, 400, kInvalidRequest, "Mcp-Session-Id is missing (initialize first)");
        return;
      }
      std::lock_guard<std::mutex> lock(sessions_mutex);
      auto it = sessions.find(id);
      if (it == sessions.end()) {
        JsonError(res, 404, kInvalidRequest, "unknown or expired session");
        return;
      }
      session = it->second;
    }
    std::string response = server.Handle(session, req.body);
    // A large body (a client sending megabytes) leaves its buffers in this thread's malloc
    // arena; give them back so the server's memory stays flat under such clients.
    if (req.body.size() > (256 << 10)) ::malloc_trim(0);
    if (initialize || probe.kind != RpcMessage::Kind::kInvalid) {
      std::lock_guard<std::mutex> lock(sessions_mutex);
      if (initialize) {
        session_order.push_back(id);
        if (session_order.size() > kMaxSessions) {
          sessions.erase(session_order.front());
          session_order.erase(session_order.begin());
        }
      }
      if (initialize || sessions.count(id)) sessions[id] = session;
    }
    if (initialize) res.set_header("Mcp-Session-Id", id);
    if (response.empty()) {
      res.status = 202;  // notifications and responses: accepted, nothing to say
      return;
    }
    res.status = 200;
    res.set_content(response, "application/json");
  });

  http.Get("/mcp", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Allow", "POST, DELETE");
    JsonError(res, 405, kInvalidRequest, "this server sends no messages of its own: POST to /mcp");
  });

  http.Delete("/mcp", [&](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.get_header_value("Mcp-Session-Id");
    std::lock_guard<std::mutex> lock(sessions_mutex);
    if (id.empty() || sessions.erase(id) == 0) {
      JsonError(res, 404, kInvalidRequest, "unknown or expired session");
      return;
    }
    std::erase(session_order, id);
    res.status = 200;
  });

  std::string bind_host = options.host;
  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(bind_host);
    if (port < 0) {
      std::fprintf(stderr, "kensa mcp: error: cannot listen on %s\n", bind_host.c_str());
      return false;
    }
  } else if (!http.bind_to_port(bind_host, port)) {
    std::fprintf(stderr, "kensa mcp: error: cannot listen on %s:%d\n", bind_host.c_str(), port);
    return false;
  }
  std::string shown = bind_host.find(':') != std::string::npos ? "[" + bind_host + "]" : bind_host;
  std::fprintf(stderr, "kensa mcp: serving http://%s:%d/mcp\n", shown.c_str(), port);
  std::fflush(stderr);
  return http.listen_after_bind();
}

}  // namespace kensa::server
