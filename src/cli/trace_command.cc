// `kensa trace -- COMMAND`: runs a Python command with kensa's hook (runtime/) and prints the
// stack where a warning, a logging record, a print or an exception fired, as a traceback. This
// file reads the options, renders the recorded events (text or JSON) and turns the program's
// fate into kensa's exit status: the program's own status, so tracing does not change it.
#include <signal.h>
#include <sys/resource.h>

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "checks/py_re.h"
#include "cli/command.h"
#include "cli/index_loader.h"
#include "cli/json_writer.h"
#include "runtime/trace_join.h"
#include "runtime/trace_select.h"
#include "runtime/trace_session.h"

namespace kensa::cli {
namespace {

// Exit statuses of `kensa trace` itself, beside the program's own (documented in docs/trace.md).
constexpr int kExitTimeout = 124;      // as timeout(1)
constexpr int kExitNotRunnable = 126;  // as a shell: found but cannot be executed
constexpr int kExitNotFound = 127;     // as a shell: command not found

struct TraceCommandOptions {
  std::string match;
  std::string kinds = "warning,logging,print,exception";
  bool raised = false;
  bool all = false;
  bool json = false;
  std::string output;
  double timeout = 3600;
  size_t limit = 50;
  bool no_static = false;
  std::vector<std::string> command;
};

constexpr char kFooter[] =
    R"footer(Runs COMMAND (anything that starts Python: python script.py, python -m pkg,
pytest ..., a console script) with a small hook that Python loads at startup, in COMMAND and in
every Python process it starts, and records each warning, logging record, print (or write to
sys.stdout / sys.stderr) and the exception that ends the program, with the stack from the
outermost frame down to the statement that emitted it. The frames of the warnings and logging
machinery are left out. The program's stdout, stderr, exit status and signals are its own;
kensa's report goes to stderr after the program ends (or to --output FILE).

--match REGEX picks events by their text as the user sees it (a Python regular expression,
searched as re.search does): the first matching event is shown, each one with --all. Without
--match every event is shown. At most --limit events are printed; the rest are counted.
When the emitting statement does not spell its message out (it was built in a variable, a
helper, a constant), the template `kensa emits` finds for it in the project is shown too.

Exit status: the program's own (a program killed by a signal: kensa reports it and dies from the
same signal); 2 bad usage; 124 the --timeout ran out (the program's process group was stopped);
126 COMMAND is not executable; 127 COMMAND was not found; 3 internal error.

Examples:
  kensa trace --match "not a valid Python identifier" -- python -c "import app; app.main()"
  kensa trace --kind warning --all -- pytest -x tests/test_models.py
  kensa trace --raised --match KeyError -- python -m mypkg.cli --verbose
  kensa trace --json --output trace.json -- python script.py   # docs/trace.md: the JSON format)footer";

void RenderFrameText(const runtime::TraceFrame& f, std::string* out) {
  *out += "  File \"" + f.file + "\", line " + std::to_string(f.line) + ", in " + f.function + "\n";
  if (!f.code.empty()) *out += "    " + f.code + "\n";
}

std::string DetailsText(const runtime::TraceEvent& e) {
  std::string out;
  for (const auto& [key, value] : e.details) {
    if (value.empty()) continue;
    out += ", " + key + " " + value;
  }
  return out;
}

void RenderEventText(const runtime::TraceEvent& e, size_t number, size_t total, std::string* out) {
  *out += "kensa trace: " + std::string(runtime::EventKindName(e.kind)) + " " +
          std::to_string(number) + " of " + std::to_string(total) + " (pid " +
          std::to_string(e.pid) + DetailsText(e) + ")\n";
  *out += "Stack (most recent call last):\n";
  size_t half = e.frames.size() / 2;
  for (size_t i = 0; i < e.frames.size(); ++i) {
    if (e.frames_omitted > 0 && i == half) {
      *out += "  [... " + std::to_string(e.frames_omitted) + " frames left out ...]\n";
    }
    RenderFrameText(e.frames[i], out);
  }
  if (e.template_site) {
    const runtime::SourceSite& t = *e.template_site;
    *out += "Message template (kensa emits, for the call at " + t.file + ":" +
            std::to_string(t.line) + (t.function.empty() ? "" : " in " + t.function) + "):\n  " +
            t.text + "\n";
  }
  *out += e.message;
  if (e.message.empty() || e.message.back() != '\n') *out += "\n";
}

void RenderFrameJson(JsonWriter& w, const std::string& file, int line, const std::string& function,
                     const std::string& code) {
  w.BeginObject();
  w.Key("file").String(file);
  w.Key("line").Int(line);
  w.Key("function").String(function);
  w.Key("code").String(code);
  w.EndObject();
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* text = strsignal(sig);
  std::string out =
      abbrev != nullptr ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
  if (text != nullptr) out += std::string(" (") + text + ")";
  return out;
}

struct Outcome {
  std::string what;  // "exited with status 0", "was killed by SIGKILL (Killed)", ...
  int exit_status = 0;
  int die_by_signal = 0;
};

Outcome OutcomeOf(const runtime::TraceRun& run, const TraceCommandOptions& o) {
  Outcome out;
  const ForegroundResult& p = run.process;
  if (p.timed_out) {
    out.what =
        "ran longer than --timeout " + fmt::format("{:g}", o.timeout) +
        " s and was stopped (SIGTERM to its process group, SIGKILL 2 s later if still running)";
    out.exit_status = kExitTimeout;
  } else if (p.term_signal != 0) {
    out.what = "was killed by " + SignalName(p.term_signal);
    out.die_by_signal = p.term_signal;
    out.exit_status = 128 + p.term_signal;
  } else {
    out.what = "exited with status " + std::to_string(p.exit_code);
    out.exit_status = p.exit_code;
  }
  return out;
}

std::string RenderJson(const TraceCommandOptions& o, const runtime::TraceRun& run,
                       const runtime::EventSelection& sel, const Outcome& outcome, size_t shown) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("command").StringArray(o.command);
  w.Key("exit").BeginObject();
  w.Key("timed_out").Bool(run.process.timed_out);
  if (run.process.term_signal != 0 && !run.process.timed_out) {
    w.Key("signal").Int(run.process.term_signal);
  } else if (!run.process.timed_out) {
    w.Key("code").Int(run.process.exit_code);
  }
  w.Key("status").Int(outcome.exit_status);
  w.EndObject();
  w.Key("processes").BeginArray();
  for (const runtime::TracedProcess& p : run.log.processes) {
    w.BeginObject();
    w.Key("pid").Int(p.pid);
    w.Key("ppid").Int(p.ppid);
    w.Key("python").String(p.python);
    w.Key("executable").String(p.executable);
    w.EndObject();
  }
  w.EndArray();
  w.Key("recorded").Int(static_cast<int64_t>(run.log.events.size()));
  w.Key("matched").Int(static_cast<int64_t>(sel.matching));
  w.Key("left_out").Int(static_cast<int64_t>(sel.selected.size() - shown));
  w.Key("not_recorded").Int(static_cast<int64_t>(run.log.not_recorded));
  w.Key("events").BeginArray();
  for (size_t i = 0; i < shown; ++i) {
    const runtime::TraceEvent& e = run.log.events[sel.selected[i]];
    w.BeginObject();
    w.Key("kind").String(runtime::EventKindName(e.kind));
    w.Key("message").String(e.message);
    w.Key("pid").Int(e.pid);
    for (const auto& [key, value] : e.details) w.EscapedKey(key).String(value);
    w.Key("frames").BeginArray();
    for (const runtime::TraceFrame& f : e.frames)
      RenderFrameJson(w, f.file, f.line, f.function, f.code);
    w.EndArray();
    if (e.frames_omitted > 0) w.Key("frames_omitted").Int(e.frames_omitted);
    if (e.template_site) {
      const runtime::SourceSite& t = *e.template_site;
      w.Key("template_site").BeginObject();
      w.Key("file").String(t.file);
      w.Key("line").Int(t.line);
      w.Key("function").String(t.function);
      w.Key("template").String(t.text);
      w.EndObject();
    }
    if (!e.explain_path.empty()) {
      w.Key("explain").BeginArray();
      for (const runtime::SourceSite& s : e.explain_path) {
        RenderFrameJson(w, s.file, s.line, s.function, s.code);
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Finish();
  out += "\n";
  return out;
}

[[noreturn]] void DieBySignal(int sig) {
  // Report the program's death the way it happened, so a shell or CI sees a signal, not a
  // status; no core file of kensa's own.
  rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  std::fflush(nullptr);
  ::signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  ::raise(sig);
  std::_Exit(128 + sig);  // a signal whose default is not to end a process
}

int RunTraceCommand(const TraceCommandOptions& o) {
  if (o.command.empty()) {
    std::fprintf(stderr,
                 "kensa trace: error: no COMMAND to run\n"
                 "usage: kensa trace [OPTIONS] -- COMMAND [ARG...]   (kensa trace --help)\n");
    return kExitUsage;
  }
  std::optional<checks::PyRe> match;
  if (!o.match.empty()) {
    std::string error;
    match = checks::PyRe::Compile(o.match, &error);
    if (!match) {
      std::fprintf(stderr, "kensa trace: error: --match: invalid regular expression: %s\n",
                   error.c_str());
      return kExitUsage;
    }
  }
  runtime::TraceOptions options;
  options.command = o.command;
  options.raised = o.raised;
  options.timeout_seconds = o.timeout;
  options.match = o.match;
  options.kinds.clear();
  std::set<runtime::EventKind> seen;
  for (size_t at = 0; at <= o.kinds.size();) {
    size_t comma = std::min(o.kinds.find(',', at), o.kinds.size());
    std::string name = o.kinds.substr(at, comma - at);
    at = comma + 1;
    if (name.empty()) continue;
    std::optional<runtime::EventKind> k = runtime::ParseEventKind(name);
    if (!k) {
      std::fprintf(stderr,
                   "kensa trace: error: --kind: unknown kind '%s' (choose from warning, logging, "
                   "print, exception)\n",
                   name.c_str());
      return kExitUsage;
    }
    if (seen.insert(*k).second) options.kinds.push_back(*k);
  }
  if (o.raised && seen.count(runtime::EventKind::kException) == 0) {
    options.kinds.push_back(runtime::EventKind::kException);  // --raised records exceptions
  }

  runtime::TraceRun run;
  std::string error;
  if (!runtime::RunTrace(options, &run, &error)) {
    std::fprintf(stderr, "kensa trace: error: %s\n", error.c_str());
    return kExitInternal;
  }
  const std::string& program = o.command[0];
  if (!run.process.started) {
    bool missing = run.process.start_errno == ENOENT;
    std::fprintf(stderr, "kensa trace: %s: %s\n", program.c_str(),
                 missing ? "command not found" : run.process.start_error.c_str());
    return missing ? kExitNotFound : kExitNotRunnable;
  }

  Outcome outcome = OutcomeOf(run, o);
  runtime::EventSelection sel = runtime::SelectEvents(run.log.events, match, o.all);
  size_t shown = std::min(sel.selected.size(), o.limit);
  if (!o.no_static) {
    std::vector<size_t> first(sel.selected.begin(), sel.selected.begin() + shown);
    runtime::JoinTemplateSites(&run.log.events, first, 10,
                               [](const std::string& root) { return EmitsCachePath("", root); });
  }
  std::string report;
  if (o.json) {
    report = RenderJson(o, run, sel, outcome, shown);
  } else {
    for (size_t i = 0; i < shown; ++i) {
      RenderEventText(run.log.events[sel.selected[i]], i + 1, sel.matching, &report);
    }
    if (shown < sel.selected.size()) {
      report += "kensa trace: " + std::to_string(sel.selected.size() - shown) +
                " more events not shown (--limit " + std::to_string(o.limit) + ")\n";
    }
    std::string summary = "kensa trace: " + program + " " + outcome.what + "; " +
                          std::to_string(run.log.events.size()) + " events recorded in " +
                          std::to_string(run.log.processes.size()) + " Python process" +
                          (run.log.processes.size() == 1 ? "" : "es");
    if (match) {
      summary += ", " + std::to_string(sel.matching) + " matching --match";
      if (sel.matching > 1 && !o.all) summary += " (the first is shown; --all shows each)";
    }
    report += summary + "\n";
    if (run.log.processes.empty()) {
      report += "kensa trace: no Python process loaded kensa's hook: " + program +
                " did not start Python, or started it with -I, -E or -S (which ignore "
                "PYTHONPATH or skip site), so nothing was traced\n";
    }
    if (run.log.not_recorded > 0) {
      report += "kensa trace: " + std::to_string(run.log.not_recorded) +
                " more events were not recorded (each Python process records at most 100000; "
                "--match or --kind records fewer)\n";
    }
    if (run.log.malformed_lines > 0) {
      report += "kensa trace: " + std::to_string(run.log.malformed_lines) +
                " incomplete records were skipped (a process stopped while writing)\n";
    }
  }
  if (!o.output.empty()) {
    if (!WriteFileAtomically(o.output, report, &error)) {
      std::fprintf(stderr, "kensa trace: error: --output: %s\n", error.c_str());
      return kExitUsage;
    }
  } else {
    std::fwrite(report.data(), 1, report.size(), stderr);
  }
  if (outcome.die_by_signal != 0) DieBySignal(outcome.die_by_signal);
  return outcome.exit_status;
}

}  // namespace

CommandRunner SetupTraceCommand(CLI::App& sub) {
  auto o = std::make_shared<TraceCommandOptions>();
  sub.add_option("--match", o->match,
                 "Report events whose text matches this Python regular expression");
  sub.add_option("--kind", o->kinds,
                 "The kinds of events to record, comma-separated: warning, logging, print, "
                 "exception")
      ->capture_default_str();
  sub.add_flag("--raised", o->raised,
               "Also record every exception raised, even if caught (slower before Python 3.12)");
  sub.add_flag("--all", o->all, "Report each matching event, not only the first");
  sub.add_flag("--json", o->json, "Write the report as JSON (docs/trace.md)");
  sub.add_option("--output", o->output, "Write the report to FILE (atomically), not stderr");
  sub.add_option("--timeout", o->timeout,
                 "Stop the program's process group after S seconds (0: never)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  sub.add_option("--limit", o->limit, "Print at most N events")->capture_default_str();
  sub.add_flag("--no-static", o->no_static,
               "Do not look up message templates in the project (kensa emits)");
  // After `--` every word is the command's, options included; without `--` a command whose
  // arguments start with '-' would have them read as kensa's.
  sub.add_option("COMMAND", o->command, "The command to run and its arguments, after --");
  sub.footer(kFooter);
  return [o] { return RunTraceCommand(*o); };
}

}  // namespace kensa::cli
