#include "base/process.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <signal.h>
#include <termios.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <map>

extern char** environ;

namespace kensa {

namespace {

// Closes a descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() { Close(); }
  void Close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

std::vector<std::string> MergedEnvironment(
    const std::vector<std::pair<std::string, std::string>>& env_set) {
  std::map<std::string, std::string> replaced(env_set.begin(), env_set.end());
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('='));
    if (replaced.count(name) == 0) env.push_back(std::move(entry));
  }
  for (const auto& [name, value] : replaced) env.push_back(name + "=" + value);
  return env;
}

// Reads both pipes until both are closed, so neither can fill up and block the child.
void Drain(int out_fd, int err_fd, std::string* out, std::string* err) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {out, err};
  int open_count = 2;
  char buf[1 << 16];
  while (open_count > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options) {
  ProcessResult result;
  if (argv.empty()) {
    result.start_errno = EINVAL;
    result.start_error = "empty command";
    return result;
  }
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.start_errno = errno;
    result.start_error = std::strerror(errno);
    return result;
  }
  Fd out_read{out_pipe[0]}, out_write{out_pipe[1]};
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.start_errno = errno;
    result.start_error = std::strerror(errno);
    return result;
  }
  Fd err_read{err_pipe[0]}, err_write{err_pipe[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.fd, 2);
  if (!options.working_directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, options.working_directory.c_str());
  }

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env = MergedEnvironment(options.env_set);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    result.start_errno = rc;
    result.start_error = std::strerror(rc);
    return result;
  }
  result.started = true;
  out_write.Close();
  err_write.Close();
  Drain(out_read.fd, err_read.fd, &result.out, &result.err);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return result;
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

namespace {

// The signals a foreground job's parent passes on instead of dying from them.
constexpr int kForwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

timespec ToTimespec(std::chrono::nanoseconds d) {
  if (d.count() < 0) d = std::chrono::nanoseconds(0);
  timespec ts;
  ts.tv_sec = static_cast<time_t>(d.count() / 1000000000);
  ts.tv_nsec = static_cast<long>(d.count() % 1000000000);
  return ts;
}

void Record(int status, ForegroundResult* result) {
  if (WIFEXITED(status)) {
    result->exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result->term_signal = WTERMSIG(status);
    result->core_dumped = WCOREDUMP(status);
  }
}

}  // namespace

ForegroundResult RunForeground(const std::vector<std::string>& argv,
                               const ForegroundOptions& options) {
  ForegroundResult result;
  if (argv.empty()) {
    result.start_errno = EINVAL;
    result.start_error = "empty command";
    return result;
  }
  // Blocked from before the spawn, so no SIGCHLD and no forwarded signal can be missed; they are
  // taken with sigtimedwait. SIGTTOU too: taking the terminal back from the child's group must
  // not stop us.
  sigset_t wait_set, old_mask;
  sigemptyset(&wait_set);
  sigaddset(&wait_set, SIGCHLD);
  for (int sig : kForwarded) sigaddset(&wait_set, sig);
  sigset_t block_set = wait_set;
  sigaddset(&block_set, SIGTTOU);
  ::pthread_sigmask(SIG_BLOCK, &block_set, &old_mask);

  bool own_terminal = ::isatty(0) && ::tcgetpgrp(0) == ::getpgrp();
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setsigmask(&attr, &old_mask);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (own_terminal) posix_spawn_file_actions_addtcsetpgrp_np(&actions, 0);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env = MergedEnvironment(options.env_set);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    result.start_errno = rc;
    result.start_error = std::strerror(rc);
    return result;
  }
  result.started = true;

  using Clock = std::chrono::steady_clock;
  auto to_ns = [](double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  };
  bool has_deadline = options.timeout_seconds > 0;
  Clock::time_point deadline = Clock::now() + to_ns(has_deadline ? options.timeout_seconds : 0);
  bool killed = false;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      Record(status, &result);
      break;
    }
    if (done < 0 && errno != EINTR) break;  // not our child any more (cannot happen)
    // Never wait for SIGCHLD alone: a thread that does not block it (a library's, ASan's) can
    // take it, and a lost SIGCHLD would leave kensa waiting forever. A short nap bounds that.
    Clock::duration nap = std::chrono::milliseconds(100);
    if (has_deadline) nap = std::min(nap, deadline - Clock::now());
    timespec wait = ToTimespec(nap);
    int sig = ::sigtimedwait(&wait_set, nullptr, &wait);
    if (sig < 0 && errno == EAGAIN && has_deadline && Clock::now() < deadline) continue;
    if (sig < 0 && errno == EAGAIN && !has_deadline) continue;
    if (sig < 0 && errno == EAGAIN) {  // the time is up: stop the whole group
      result.timed_out = true;
      ::kill(-pid, killed ? SIGKILL : SIGTERM);
      if (killed) {
        has_deadline = false;  // SIGKILL cannot be refused: just wait
      } else {
        killed = true;
        deadline = Clock::now() + to_ns(options.kill_grace_seconds);
      }
    } else if (sig > 0 && sig != SIGCHLD) {
      ::kill(-pid, sig);
    }
  }
  if (own_terminal) ::tcsetpgrp(0, ::getpgrp());
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  return result;
}

}  // namespace kensa
