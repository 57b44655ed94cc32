#include "base/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "base/file_io.h"

namespace kensa {

namespace {

constexpr std::string_view kMarker = ".kensa-";
constexpr size_t kRandomLength = 6;         // mkstemp's XXXXXX
constexpr time_t kLegacyStaleSeconds = 60;  // PID-less temporaries older than this are stale

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 10) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A "PID-XXXXXX" suffix (the part after ".kensa-", or a record's whole name): its PID, or 0.
pid_t ParsePidAndRandom(std::string_view rest) {
  size_t dash = rest.find('-');
  if (dash == std::string_view::npos || rest.size() - dash - 1 != kRandomLength) return 0;
  std::string_view digits = rest.substr(0, dash);
  for (char c : rest.substr(dash + 1)) {
    if (!IsAlnum(c)) return 0;
  }
  if (!AllDigits(digits)) return 0;
  long pid = std::strtol(std::string(digits).c_str(), nullptr, 10);
  return pid > 0 && pid <= INT32_MAX ? static_cast<pid_t>(pid) : 0;
}

// False only when no process has this PID (a process of another user still counts as alive).
bool ProcessAlive(pid_t pid) {
  if (pid == ::getpid()) return true;
  return ::kill(pid, 0) == 0 || errno != ESRCH;
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

FileMode ModeForTarget(const std::string& path) {
  FileMode mode;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    mode.permissions = st.st_mode & 07777;
    mode.uid = st.st_uid;
    mode.gid = st.st_gid;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode.permissions = 0666 & ~mask;
  }
  return mode;
}

bool WriteTemporaryBeside(const std::string& target, std::string_view data, const FileMode& mode,
                          bool sync, std::string* temporary, std::string* error) {
  std::string dir = DirectoryOf(target);
  std::string name = dir + "/." + BaseName(target);
  name += kMarker;
  name += std::to_string(::getpid());
  name += "-XXXXXX";
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    *error = target + ": cannot create a temporary file in " + dir + ": " + std::strerror(errno);
    return false;
  }
  bool ok = WriteAll(fd, data) && ::fchmod(fd, mode.permissions) == 0;
  if (ok && mode.uid && mode.gid) {
    // Keep the owner where we may (root fixing someone's checkout); failure is harmless.
    if (::fchown(fd, *mode.uid, *mode.gid) != 0) errno = 0;
  }
  if (ok && sync) ok = ::fsync(fd) == 0;
  std::string reason = ok ? "" : std::strerror(errno);
  if (::close(fd) != 0 && ok) {
    ok = false;
    reason = std::strerror(errno);
  }
  if (!ok) {
    ::unlink(name.c_str());
    *error = target + ": " + reason;
    return false;
  }
  *temporary = std::move(name);
  return true;
}

bool ParseTemporaryName(std::string_view name, pid_t* pid) {
  if (name.size() < 2 || name[0] != '.') return false;
  size_t marker = name.rfind(kMarker);
  if (marker == std::string_view::npos || marker < 2) return false;
  std::string_view rest = name.substr(marker + kMarker.size());
  if (pid_t p = ParsePidAndRandom(rest); p > 0) {
    *pid = p;
    return true;
  }
  if (rest.size() != kRandomLength) return false;
  for (char c : rest) {
    if (!IsAlnum(c)) return false;
  }
  *pid = 0;
  return true;
}

size_t RemoveStaleTemporaries(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return 0;
  size_t removed = 0;
  time_t now = std::time(nullptr);
  while (const dirent* entry = ::readdir(d)) {
    pid_t pid = 0;
    if (!ParseTemporaryName(entry->d_name, &pid)) continue;
    std::string path = dir + "/" + entry->d_name;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    bool stale = pid > 0 ? !ProcessAlive(pid) : now - st.st_mtime > kLegacyStaleSeconds;
    if (stale && ::unlink(path.c_str()) == 0) ++removed;
  }
  ::closedir(d);
  return removed;
}

std::string UserCacheDirectory() {
  if (const char* env = std::getenv("KENSA_CACHE_DIR"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/kensa";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/kensa";
  return "";
}

std::string DefaultPendingWritesDirectory() {
  std::string dir = UserCacheDirectory();
  return dir.empty() ? "" : dir + "/pending-writes";
}

PendingWrites::~PendingWrites() {
  if (!record_.empty()) ::unlink(record_.c_str());
}

bool PendingWrites::Begin(const std::string& records_dir,
                          const std::vector<std::string>& directories, std::string* error) {
  if (records_dir.empty() || directories.empty()) return true;
  if (!MakeDirectories(records_dir, error)) return false;
  std::string name = records_dir + "/" + std::to_string(::getpid()) + "-XXXXXX";
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    *error = records_dir + ": " + std::strerror(errno);
    return false;
  }
  std::string text;
  for (const std::string& dir : directories) {
    text += dir;
    text += '\n';
  }
  // No fsync: the record only has to outlive a killed process, not a crashed machine.
  bool ok = WriteAll(fd, text);
  std::string reason = std::strerror(errno);
  ::close(fd);
  if (!ok) {
    ::unlink(name.c_str());
    *error = name + ": " + reason;
    return false;
  }
  record_ = std::move(name);
  return true;
}

size_t RecoverPendingWrites(const std::string& records_dir) {
  if (records_dir.empty()) return 0;
  DIR* d = ::opendir(records_dir.c_str());
  if (d == nullptr) return 0;
  std::vector<std::string> stale;
  while (const dirent* entry = ::readdir(d)) {
    pid_t pid = ParsePidAndRandom(entry->d_name);
    if (pid > 0 && !ProcessAlive(pid)) stale.push_back(records_dir + "/" + entry->d_name);
  }
  ::closedir(d);
  size_t removed = 0;
  for (const std::string& record : stale) {
    std::string text, error;
    if (!ReadFile(record, &text, &error)) continue;
    size_t at = 0;
    while (at < text.size()) {
      size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      if (end > at) removed += RemoveStaleTemporaries(text.substr(at, end - at));
      at = end + 1;
    }
    ::unlink(record.c_str());
  }
  return removed;
}

}  // namespace kensa
