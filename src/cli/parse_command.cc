// `kensa parse`: the Python front end on the command line. --dump prints a file's AST as
// CPython's ast.dump does; --check reports every file CPython would reject (parse_check.cc).
// This file only declares the options and turns results into output and exit codes.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/thread_pool.h"
#include "cli/command.h"
#include "cli/parse_check.h"
#include "cli/parse_output.h"
#include "python/ast_dump.h"
#include "python/parser_file.h"

namespace kensa::cli {
namespace {

struct ParseCommandOptions {
  bool dump = false;
  bool check = false;
  bool dump_many = false;
  bool no_attributes = false;
  bool stats = false;
  bool json = false;
  std::string python = "3.11";
  unsigned jobs = 0;
  std::vector<std::string> paths;
};

constexpr char kFooter[] = R"(Modes:
  --dump FILE    print the AST of FILE exactly as CPython 3.11 prints
                 ast.dump(ast.parse(open(FILE, 'rb').read()), include_attributes=True)
                 (FILE may be '-' for standard input). On a syntax error, print it as
                 `path:line:col: Type: message` on stderr and exit 1.
  --check PATH.. parse every .py file under the given files and directories (recursively,
                 following symbolic links, each directory once) on all cores, and print
                 `path:line:col: Type: message` for each file CPython would reject, in
                 path order. col is CPython's 1-based SyntaxError.offset (-1 or 0: none given).

Exit codes: 0 no syntax error; 1 syntax errors found; 2 bad usage or a path that could not
be read (reported as `path: error: reason`); 3 internal error.

Examples:
  kensa parse --dump app.py                  # like python3 -c 'import ast; print(ast.dump(...))'
  kensa parse --dump --no-attributes app.py  # without lineno/col_offset/end_*
  kensa parse --dump --python 3.12 app.py    # accept and print 3.12 syntax (type params, PEP 701)
  kensa parse --check src/ tests/            # list files with syntax errors; exit 1 if any
  kensa parse --check -j1 --stats /usr/lib/python3.11   # one core, with throughput figures
  kensa parse --check --json src/ | jq '.syntax_errors[].path')";

python::PythonVersion VersionOf(const std::string& text) {
  return text == "3.12" ? python::PythonVersion::k3_12 : python::PythonVersion::k3_11;
}

bool ReadStdin(std::string* out) {
  out->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  return !std::cin.bad();
}

void WriteStdout(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

int RunDump(const ParseCommandOptions& options) {
  const std::string& path = options.paths[0];
  python::ParseOptions parse_options{.version = VersionOf(options.python)};
  python::ParsedFile parsed;
  std::string shown = path;
  if (path == "-") {
    shown = "<stdin>";
    std::string contents;
    if (!ReadStdin(&contents)) {
      std::fprintf(stderr, "%s\n", FormatIoError(shown, "cannot read standard input").c_str());
      return kExitUsage;
    }
    parsed = python::ParseBytes(contents, parse_options);
  } else {
    parsed = python::ParseFile(path, parse_options);
  }
  if (!parsed.read_error.empty()) {
    std::fprintf(stderr, "%s\n", FormatIoError(path, ReasonOf(parsed.read_error, path)).c_str());
    return kExitUsage;
  }
  if (parsed.result.error) {
    if (options.json) {
      nlohmann::json doc = {{"path", shown},
                            {"syntax_error", SyntaxErrorJson(shown, *parsed.result.error)}};
      WriteStdout(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    } else {
      std::fprintf(stderr, "%s\n", FormatSyntaxError(shown, *parsed.result.error).c_str());
    }
    return kExitFindings;
  }
  python::DumpOptions dump_options{.include_attributes = !options.no_attributes,
                                   .version = parse_options.version};
  std::string dump = python::DumpAst(*parsed.result.module, *parsed.source, dump_options);
  if (options.json) {
    nlohmann::json doc = {{"path", shown}, {"dump", std::move(dump)}};
    WriteStdout(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  } else {
    dump += '\n';
    WriteStdout(dump);
  }
  return kExitOk;
}

// The record --dump-many prints for one file: "<status> <payload bytes> <path>\n<payload>\n".
std::string DumpRecord(const std::string& path, const python::ParseOptions& parse_options,
                       const python::DumpOptions& dump_options) {
  python::ParsedFile parsed = python::ParseFile(path, parse_options);
  std::string status;
  std::string payload;
  if (!parsed.read_error.empty()) {
    status = "io";
    payload = parsed.read_error;
  } else if (parsed.result.error) {
    const python::SyntaxError& e = *parsed.result.error;
    status = "error";
    payload = fmt::format("{}\t{}\t{}\t{}\t{}\t{}", e.TypeName(), e.line, e.PythonOffset(),
                          e.end_line, e.PythonEndOffset(), e.message);
  } else {
    status = "ok";
    python::AppendAstDump(*parsed.result.module, *parsed.source, dump_options, &payload);
  }
  std::string record = fmt::format("{} {} {}\n", status, payload.size(), path);
  record += payload;
  record += '\n';
  return record;
}

// Dumps many files in one process for the differential test (tests/differential), in
// argument order, a batch of files in parallel at a time so the output stays bounded.
int RunDumpMany(const ParseCommandOptions& options) {
  python::ParseOptions parse_options{.version = VersionOf(options.python)};
  python::DumpOptions dump_options{.include_attributes = !options.no_attributes,
                                   .version = parse_options.version};
  constexpr size_t kBatch = 64;
  for (size_t first = 0; first < options.paths.size(); first += kBatch) {
    size_t n = std::min(kBatch, options.paths.size() - first);
    std::vector<std::string> records(n);
    ParallelFor(
        n,
        [&](size_t i) {
          records[i] = DumpRecord(options.paths[first + i], parse_options, dump_options);
        },
        options.jobs);
    for (const std::string& r : records) WriteStdout(r);
    std::fflush(stdout);
  }
  return kExitOk;
}

int Run(const ParseCommandOptions& options) {
  int modes = int{options.dump} + int{options.check} + int{options.dump_many};
  if (modes != 1) {
    std::fprintf(stderr,
                 "kensa parse: choose one of --dump FILE or --check PATH... (see --help)\n");
    return kExitUsage;
  }
  if (options.paths.empty()) {
    std::fprintf(stderr, "kensa parse: no path given (see --help)\n");
    return kExitUsage;
  }
  for (const std::string& path : options.paths) {
    if (path.empty()) {
      std::fprintf(stderr, "kensa parse: an empty path was given (see --help)\n");
      return kExitUsage;
    }
  }
  if (options.dump) {
    if (options.paths.size() != 1) {
      std::fprintf(stderr, "kensa parse: --dump takes exactly one file\n");
      return kExitUsage;
    }
    return RunDump(options);
  }
  if (options.dump_many) return RunDumpMany(options);
  return RunCheck({.paths = options.paths,
                   .version = VersionOf(options.python),
                   .jobs = options.jobs,
                   .stats = options.stats,
                   .json = options.json});
}

}  // namespace

CommandRunner SetupParseCommand(CLI::App& sub) {
  auto options = std::make_shared<ParseCommandOptions>();
  sub.footer(kFooter);
  CLI::Option* dump =
      sub.add_flag("--dump", options->dump, "Print the AST of one file as CPython's ast.dump");
  CLI::Option* check = sub.add_flag("--check", options->check,
                                    "Report every .py file under PATH... that CPython rejects");
  CLI::Option* dump_many = sub.add_flag("--dump-many", options->dump_many)
                               ->group("");  // hidden: batch mode for the differential test
  dump->excludes(check)->excludes(dump_many);
  check->excludes(dump_many);
  sub.add_option("paths", options->paths, "FILE for --dump, files and directories for --check")
      ->type_name("PATH");
  sub.add_flag("--no-attributes", options->no_attributes,
               "--dump: leave out lineno, col_offset, end_lineno, end_col_offset");
  sub.add_option("--python", options->python, "Grammar version to accept and print")
      ->check(CLI::IsMember({"3.11", "3.12"}))
      ->capture_default_str();
  sub.add_option("-j,--jobs", options->jobs, "Threads for --check (0: all cores)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub.add_flag("--stats", options->stats,
               "--check: print files, bytes, time, MB/s and AST memory on stderr");
  sub.add_flag("--json", options->json, "Machine-readable output on stdout");
  return [options] { return Run(*options); };
}

}  // namespace kensa::cli
