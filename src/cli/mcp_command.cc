// `kensa mcp [-C DIR] [--http HOST:PORT]`: kensa's queries and checks as Model Context Protocol
// tools for AI agents (server/), over stdio or Streamable HTTP. This file only reads the
// options, opens the workspace and adds the tools that need the CLI's own pieces (the
// repository checks' registry, mcp_check_tools.h; the tests command's preset choice for
// select_tests).
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/mcp_check_tools.h"
#include "cli/tests_selection.h"
#include "project/project_root.h"
#include "server/http_transport.h"
#include "server/mcp_server.h"
#include "server/query_tools.h"
#include "server/schema.h"
#include "server/stdio_transport.h"
#include "server/workspace.h"

namespace kensa::cli {
namespace {

struct McpOptions {
  std::string directory = ".";
  std::string preset;
  std::string http;
  std::string cache_dir;
  bool no_cache = false;
};

constexpr char kFooter[] =
    R"(Serves kensa's tools to an MCP client (an AI agent, an editor). By default
over stdio: the client starts `kensa mcp -C /path/to/repo` and speaks JSON-RPC on its stdin and
stdout, one message per line. --http HOST:PORT serves Streamable HTTP at http://HOST:PORT/mcp
instead (HOST defaults to 127.0.0.1; requests whose Origin or Host names another host are
refused, against DNS rebinding).

Tools: definition, references, callers, callees, call_paths, message_origin, imports,
importers, import_chain, select_tests; check_NAME for every repository check (check_copies,
check_dummies, check_support_list, check_forward_docstrings, check_deps_table, check_doc_toc,
check_init_isort, check_ai_docs, check_inits, check_doctest_list, check_auto_mappings) and
check_repo_consistency. Each answer is the JSON of the matching `kensa ... --json` command (as
structured content, with an output schema) and short `path:line:col: ...` text; query lists
are bounded by a limit argument and count what was left out. The index is built once and
kept: the project's folders are watched (inotify; without it, every file is stat'ed before
each answer) and files changed on disk are read again before the next answer. No file outside
the project root is read or named (links are resolved first). Only a check tool called with
fix: true writes, as `kensa CHECK --fix` does, and never a file whose real path leaves the
root.

An agent's configuration (Claude Desktop, Claude Code's .mcp.json, ...):
  {"mcpServers": {"kensa": {"command": "kensa", "args": ["mcp", "-C", "/path/to/repo"]}}}

Exit codes: 0 the client closed the connection; 2 bad usage or no project; 3 internal error.)";

server::Tool SelectTestsTool(const std::string& directory, const std::string& preset) {
  namespace s = server::schema;
  return server::Tool{
      "select_tests",
      "Select the tests a change needs",
      "The tests a change needs, as the repository's utils/tests_fetcher.py selects them, each "
      "with the reason (the changed file and the import chain from the test to it). mode: "
      "branch (against its merge-base with main), last_commit, range (base..head) or work_tree "
      "(uncommitted and untracked files).",
      s::Input(
          {{"mode", s::Enum("What change to select for",
                            {"branch", "last_commit", "range", "work_tree"}, "branch")},
           {"base", s::String("range: the base revision (a branch, a tag, a commit)", 256)},
           {"head", s::String("range: the head revision (default HEAD)", 256)},
           {"limit", s::Integer("At most this many tests; the rest are counted", 1, 5000, 500)}},
          {}),
      s::Object({{"mode", s::Of("string")},
                 {"head", s::Of("string")},
                 {"modified_files", s::ArrayOf(s::Of("string"))},
                 {"impacted_files", s::ArrayOf(s::Of("string"))},
                 {"tests", s::ArrayOf(s::Object({{"test", s::Of("string")},
                                                 {"changed_file", s::Of("string")},
                                                 {"chain", s::ArrayOf(s::Of("string"))}},
                                                {"test"}))},
                 {"total", s::Of("integer")},
                 {"omitted", s::Of("integer")}},
                {"mode", "tests", "total", "omitted"}),
      true,
      [directory, preset](const render::Json& a, const server::CallContext&) {
        SelectionRequest request;
        request.directory = directory;
        request.preset = preset;
        request.mode = a["mode"];
        if (a.contains("base")) request.base = a["base"];
        if (a.contains("head")) request.head = a["head"];
        if (request.mode == "range" && request.base.empty()) {
          return server::ToolResult::Error("select_tests: mode range needs a base revision");
        }
        std::string error;
        std::optional<render::Json> j = SelectTests(request, &error);
        if (!j) return server::ToolResult::Error("select_tests: " + error);
        server::ToolResult r;
        const size_t limit = a["limit"].get<size_t>();
        render::Json& tests = (*j)["tests"];
        const size_t total = tests.size();
        if (total > limit)
          tests.erase(tests.begin() + static_cast<std::ptrdiff_t>(limit), tests.end());
        (*j)["total"] = total;
        (*j)["omitted"] = total - tests.size();
        for (const render::Json& t : tests) {
          r.text += t.value("test", "");
          if (t.contains("changed_file")) {
            r.text += " (imports " + t["changed_file"].get<std::string>() + ")";
          }
          r.text += "\n";
        }
        if (total > tests.size()) {
          r.text += std::to_string(total - tests.size()) + " more tests not shown\n";
        }
        if (total == 0) r.text = "no test needs to run for this change\n";
        r.structured = std::move(*j);
        return r;
      }};
}

int RunMcp(const McpOptions& o) {
  // A long-running server with a thread per HTTP connection: glibc would give each thread its
  // own malloc arena, which keeps what it once held; two arenas keep memory flat.
  ::mallopt(M_ARENA_MAX, 2);
  server::WorkspaceOptions ws_options;
  ws_options.directory = o.directory;
  ws_options.preset = o.preset;
  std::string error;
  // The cache is keyed by the root: find it first, so the one build goes through the cache.
  std::optional<project::ProjectRoot> root = project::FindProjectRoot(o.directory, &error);
  if (!root) {
    std::fprintf(stderr, "kensa mcp: error: %s\n", error.c_str());
    return kExitUsage;
  }
  if (!o.no_cache) ws_options.cache_path = DefaultCachePath(o.cache_dir, root->root);
  auto workspace = std::make_unique<server::Workspace>();
  if (!workspace->Open(ws_options, &error)) {
    std::fprintf(stderr, "kensa mcp: error: %s\n", error.c_str());
    return kExitUsage;
  }
  server::ToolTable tools;
  server::QueryToolOptions query_options;
  if (!o.no_cache) query_options.emits_cache_path = EmitsCachePath(o.cache_dir, workspace->root());
  server::AddQueryTools(&tools, workspace.get(), query_options);
  tools.Add(SelectTestsTool(workspace->root(), o.preset));
  AddCheckTools(&tools, workspace.get());
  server::McpServer::Info info;
  info.version = "0.1.0";
  info.instructions =
      "kensa answers questions about the Python repository at " + workspace->root() +
      " statically and in milliseconds: where a name is defined (definition), who uses or calls it "
      "(references, callers, callees), how one function reaches another (call_paths), where a "
      "printed message comes from (message_origin), the import graph (imports, importers, "
      "import_chain), which tests a change needs (select_tests) and the repository checks. "
      "Every answer names file:line.";
  server::McpServer server(info, std::move(tools));
  if (!o.http.empty()) {
    server::HttpOptions http;
    if (!server::ParseHostPort(o.http, &http, &error)) {
      std::fprintf(stderr, "kensa mcp: error: --http %s\n", error.c_str());
      return kExitUsage;
    }
    return server::ServeHttp(server, http) ? kExitOk : kExitUsage;
  }
  return server::ServeStdio(server);
}

}  // namespace

CommandRunner SetupMcpCommand(CLI::App& sub) {
  auto o = std::make_shared<McpOptions>();
  sub.add_option("-C", o->directory, "Serve the project found from DIR")->option_text("DIR");
  sub.add_option("--preset", o->preset, "Force a preset: transformers, diffusers or generic");
  sub.add_option("--http", o->http,
                 "Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (HOST defaults "
                 "to 127.0.0.1)")
      ->option_text("[HOST:]PORT");
  sub.add_flag("--no-cache", o->no_cache, "Neither read nor write the summary cache");
  sub.add_option("--cache-dir", o->cache_dir, "Where the summary cache lives")->option_text("DIR");
  sub.footer(kFooter);
  return [o] { return RunMcp(*o); };
}

}  // namespace kensa::cli
