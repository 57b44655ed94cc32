#include "base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string_view>

#include "base/atomic_file.h"

namespace kensa {

bool ReadFile(const std::string& path, std::string* contents, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    *error = path + ": Is a directory";
    return false;
  }
  contents->clear();
  if (st.st_size > 0) contents->reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = path + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    contents->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

bool MakeDirectories(const std::string& dir, std::string* error) {
  if (dir.empty()) return true;
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  size_t slash = dir.rfind('/');
  if (slash != std::string::npos && slash > 0 && !MakeDirectories(dir.substr(0, slash), error)) {
    return false;
  }
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    *error = dir + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

// Writes `data` to what `fd` opened, all of it.
static bool WriteAllTo(int fd, std::string_view data) {
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

bool WriteFileAtomically(const std::string& path, std::string_view data, std::string* error) {
  struct stat existing;
  bool exists = ::stat(path.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode)) {
    // /dev/null, /dev/stdout, a FIFO: written to, never replaced (a rename would put a
    // regular file in place of the device for everyone).
    if (S_ISDIR(existing.st_mode)) {
      *error = path + ": Is a directory";
      return false;
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    bool ok = fd >= 0 && WriteAllTo(fd, data);
    std::string reason = std::strerror(errno);
    if (fd >= 0 && ::close(fd) != 0 && ok) {
      ok = false;
      reason = std::strerror(errno);
    }
    if (!ok) *error = path + ": " + reason;
    return ok;
  }
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  if (slash != std::string::npos && !MakeDirectories(dir, error)) {
    if (error->empty()) *error = path + ": cannot create its directory";
    return false;
  }
  // The one temporary-file scheme (base/atomic_file): a run killed before the rename leaves a
  // temporary the next run removes. Not fsync'ed: caches and reports are rebuilt if torn.
  RemoveStaleTemporaries(dir);
  PendingWrites pending;
  char resolved[PATH_MAX];
  std::string ignored;
  if (::realpath(dir.c_str(), resolved) != nullptr) {
    pending.Begin(DefaultPendingWritesDirectory(), {resolved}, &ignored);
  }
  std::string temporary;
  if (!WriteTemporaryBeside(path, data, ModeForTarget(path), /*sync=*/false, &temporary, error)) {
    return false;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    *error = path + ": " + std::strerror(errno);
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

bool WriteFile(const std::string& path, std::string_view contents, std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = path + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace kensa
