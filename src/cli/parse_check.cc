#include "cli/parse_check.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "base/file_io.h"
#include "base/file_walk.h"
#include "base/thread_pool.h"
#include "cli/command.h"
#include "cli/parse_output.h"
#include "python/parser_file.h"

namespace kensa::cli {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// User + system CPU time of the whole process: with one thread, what the parse costs
// whatever else the machine is running.
double ProcessCpuSeconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// What became of one file; filled by exactly one worker.
struct FileOutcome {
  std::string io_error;  // the reason, when the file could not be found or read
  std::string contents;  // the raw bytes, between the read and the parse phases
  std::optional<python::SyntaxError> syntax_error;
  size_t bytes = 0;
  size_t ast_bytes = 0;      // arena bytes its tree occupies
  size_t ast_reserved = 0;   // arena blocks allocated for it
  double parse_seconds = 0;  // decode + parse, this file alone
};

struct Totals {
  size_t files = 0;
  size_t bytes = 0;
  size_t ast_bytes = 0;
  size_t ast_reserved = 0;
  size_t syntax_errors = 0;
  size_t io_errors = 0;
  double read_seconds = 0;        // wall clock of the read phase
  double parse_seconds = 0;       // wall clock of the parse phase
  double parse_file_seconds = 0;  // sum over files of their decode + parse time
  double parse_cpu_seconds = 0;   // CPU time of the process during the parse phase
  unsigned threads = 0;
};

double MegabytesPerSecond(size_t bytes, double seconds) {
  return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
}

nlohmann::json StatsJson(const Totals& t) {
  return {
      {"files", t.files},
      {"bytes", t.bytes},
      {"threads", t.threads},
      {"read_seconds", t.read_seconds},
      {"parse_seconds", t.parse_seconds},
      {"parse_file_seconds", t.parse_file_seconds},
      {"parse_cpu_seconds", t.parse_cpu_seconds},
      {"parse_mb_per_second", MegabytesPerSecond(t.bytes, t.parse_seconds)},
      {"ast_bytes", t.ast_bytes},
      {"ast_bytes_reserved", t.ast_reserved},
      {"ast_bytes_per_source_byte",
       t.bytes ? static_cast<double>(t.ast_bytes) / static_cast<double>(t.bytes) : 0.0},
  };
}

void PrintStats(const Totals& t) {
  double total = t.read_seconds + t.parse_seconds;
  std::fprintf(stderr,
               "kensa parse: %zu files, %zu bytes (%.1f MB), %zu with syntax errors, %zu "
               "unreadable\n",
               t.files, t.bytes, static_cast<double>(t.bytes) / 1e6, t.syntax_errors, t.io_errors);
  std::fprintf(stderr, "  %.3f s total: read %.3f s, decode+parse %.3f s on %u thread%s\n", total,
               t.read_seconds, t.parse_seconds, t.threads, t.threads == 1 ? "" : "s");
  std::fprintf(stderr,
               "  %.1f MB/s decode+parse (I/O excluded), %.1f MB/s including reads; "
               "%.1f MB per CPU second (%.3f s CPU)\n",
               MegabytesPerSecond(t.bytes, t.parse_seconds), MegabytesPerSecond(t.bytes, total),
               MegabytesPerSecond(t.bytes, t.parse_cpu_seconds), t.parse_cpu_seconds);
  std::fprintf(stderr,
               "  AST memory %.1f MB = %.2fx the source (arena bytes used; %.1f MB in arena "
               "blocks)\n",
               static_cast<double>(t.ast_bytes) / 1e6,
               t.bytes ? static_cast<double>(t.ast_bytes) / static_cast<double>(t.bytes) : 0.0,
               static_cast<double>(t.ast_reserved) / 1e6);
}

}  // namespace

int RunCheck(const CheckOptions& options) {
  std::vector<FoundFile> found = FindFiles(options.paths, ".py");
  if (found.empty()) {
    // Not an error (an empty folder has no syntax error), but rarely what was meant.
    std::fprintf(stderr, "kensa parse: warning: no .py file under the given paths\n");
  }
  std::vector<FileOutcome> outcomes(found.size());
  Totals totals;
  totals.files = found.size();
  totals.threads = options.jobs == 0 ? DefaultThreadCount() : options.jobs;
  if (totals.threads > found.size() && !found.empty()) {
    totals.threads = static_cast<unsigned>(found.size());
  }

  Clock::time_point start = Clock::now();
  ParallelFor(
      found.size(),
      [&](size_t i) {
        FileOutcome& out = outcomes[i];
        if (!found[i].error.empty()) {
          out.io_error = found[i].error;
          return;
        }
        std::string error;
        if (!ReadFile(found[i].path, &out.contents, &error)) {
          out.io_error = std::string(ReasonOf(error, found[i].path));
        }
        out.bytes = out.contents.size();
      },
      options.jobs);
  totals.read_seconds = SecondsSince(start);

  python::ParseOptions parse_options{.version = options.version};
  start = Clock::now();
  double cpu_start = ProcessCpuSeconds();
  ParallelFor(
      found.size(),
      [&](size_t i) {
        FileOutcome& out = outcomes[i];
        if (!out.io_error.empty()) return;
        Clock::time_point file_start = Clock::now();
        python::ParsedFile parsed = python::ParseBytes(out.contents, parse_options);
        out.parse_seconds = SecondsSince(file_start);
        out.ast_bytes = parsed.result.arena.BytesUsed();
        out.ast_reserved = parsed.result.arena.BytesReserved();
        out.syntax_error = std::move(parsed.result.error);
        std::string().swap(out.contents);
      },
      options.jobs);
  totals.parse_seconds = SecondsSince(start);
  totals.parse_cpu_seconds = ProcessCpuSeconds() - cpu_start;

  nlohmann::json json_errors = nlohmann::json::array();
  nlohmann::json json_io_errors = nlohmann::json::array();
  for (size_t i = 0; i < found.size(); ++i) {
    const FileOutcome& out = outcomes[i];
    const std::string& path = found[i].path;
    totals.bytes += out.bytes;
    totals.ast_bytes += out.ast_bytes;
    totals.ast_reserved += out.ast_reserved;
    totals.parse_file_seconds += out.parse_seconds;
    if (!out.io_error.empty()) {
      ++totals.io_errors;
      if (options.json) {
        json_io_errors.push_back({{"path", path}, {"message", out.io_error}});
      } else {
        std::fflush(stdout);
        std::fprintf(stderr, "%s\n", FormatIoError(path, out.io_error).c_str());
      }
    } else if (out.syntax_error) {
      ++totals.syntax_errors;
      if (options.json) {
        json_errors.push_back(SyntaxErrorJson(path, *out.syntax_error));
      } else {
        std::string line = FormatSyntaxError(path, *out.syntax_error);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
      }
    }
  }

  if (options.json) {
    nlohmann::json doc = {
        {"files", totals.files},
        {"syntax_errors", std::move(json_errors)},
        {"io_errors", std::move(json_io_errors)},
    };
    if (options.stats) doc["stats"] = StatsJson(totals);
    std::string text = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else if (options.stats) {
    std::fflush(stdout);
    PrintStats(totals);
  }
  std::fflush(stdout);
  if (totals.syntax_errors > 0) return kExitFindings;
  if (totals.io_errors > 0) return kExitUsage;
  return kExitOk;
}

}  // namespace kensa::cli
