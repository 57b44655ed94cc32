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

}  // namespace kensa
