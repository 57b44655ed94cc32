// The stdio transport: newline-delimited JSON-RPC messages on stdin, answers on stdout, one per
// line, nothing else ever written there (kensa's warnings go to stderr). A reader thread takes
// the messages in as they come, so `notifications/cancelled` reaches a call while it runs; a
// worker answers the rest in order. A cancelled request gets no answer, as the specification
// asks. Ends, after answering what it has read, when stdin closes.
#pragma once

#include <cstdio>

#include "server/mcp_server.h"

namespace kensa::server {

// Serves `server` on the given file descriptors until end of input. Returns 0.
int ServeStdio(McpServer& server, int in_fd = 0, std::FILE* out = stdout);

}  // namespace kensa::server
