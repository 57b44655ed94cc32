// RunProcess: starts a program (looked up on PATH like a shell would), optionally in another
// directory and with extra environment variables, feeds it nothing on stdin, and collects its
// stdout, stderr and exit status. Used for the external tools a command delegates to (a code
// formatter). Errors are values: a program that cannot be started is reported, not thrown.
// Thread-safe (no shared state; the child inherits no other descriptors).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kensa {

struct ProcessOptions {
  std::string working_directory;                             // empty: the current one
  std::vector<std::pair<std::string, std::string>> env_set;  // added to (or replacing) ours
};

struct ProcessResult {
  bool started = false;
  int start_errno = 0;      // why it did not start (ENOENT: no such program)
  std::string start_error;  // the same, as text
  int exit_code = -1;       // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// RunForeground: runs a program as a shell runs a foreground job, for a command the user asked
// kensa to run on their behalf (`kensa trace -- COMMAND`). The child shares our stdin, stdout and
// stderr, so its bytes reach the user unchanged. It runs in a process group of its own, which is
// given the terminal when we hold it (so Ctrl-C and terminal reads reach it, not us); SIGINT,
// SIGTERM, SIGHUP and SIGQUIT sent to us are passed on to that group. After `timeout_seconds`
// (0: none) the group gets SIGTERM, then SIGKILL `kill_grace_seconds` later. Returns when the
// child has ended. Not thread-safe: it changes the signal mask of the calling thread while it
// waits (and restores it).
struct ForegroundOptions {
  std::vector<std::pair<std::string, std::string>> env_set;  // added to (or replacing) ours
  double timeout_seconds = 0;
  double kill_grace_seconds = 2;
};

struct ForegroundResult {
  bool started = false;
  int start_errno = 0;      // ENOENT: not found; EACCES: not executable
  std::string start_error;  // the same, as text
  bool timed_out = false;   // the group was stopped because the time ran out
  int exit_code = -1;       // when it exited
  int term_signal = 0;      // when a signal ended it
  bool core_dumped = false;
};

ForegroundResult RunForeground(const std::vector<std::string>& argv,
                               const ForegroundOptions& options = {});

}  // namespace kensa
