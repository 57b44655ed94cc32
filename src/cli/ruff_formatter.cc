#include "cli/ruff_formatter.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "base/file_io.h"
#include "base/process.h"

namespace kensa::cli {

namespace {

bool WriteWholeFile(const std::string& path, const std::string& contents, std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = path + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return true;
}

// A temporary directory removed (with its files) when this goes out of scope.
class TemporaryDirectory {
 public:
  bool Create(std::string* error) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/kensa-format-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      *error = "cannot create a temporary directory (" + pattern + "): " + std::strerror(errno);
      return false;
    }
    path_ = pattern;
    return true;
  }
  ~TemporaryDirectory() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string CommandText(const std::vector<std::string>& command) {
  std::string out;
  for (const std::string& part : command) out += (out.empty() ? "" : " ") + part;
  return out;
}

// Names are fixed-width so that no snippet's name is a part of another's.
std::string SnippetName(size_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "snippet_%07zu.py", i);
  return buf;
}

}  // namespace

std::vector<std::string> RuffFormatter::DefaultCommand() {
  return {"ruff", "format", "--config", "pyproject.toml"};
}

std::vector<std::string> RuffFormatter::ParseCommand(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string part; in >> part;) out.push_back(part);
  return out;
}

bool RuffFormatter::FormatBatch(const std::vector<std::string>& snippets,
                                std::vector<std::string>* formatted, std::string* error) {
  formatted->assign(snippets.size(), std::string());
  if (snippets.empty()) return true;
  if (command_.empty()) {
    *error = "the formatter command is empty";
    return false;
  }
  TemporaryDirectory dir;
  if (!dir.Create(error)) return false;
  std::vector<std::string> argv = command_;
  for (size_t i = 0; i < snippets.size(); ++i) {
    std::string path = dir.path() + "/" + SnippetName(i);
    if (!WriteWholeFile(path, snippets[i], error)) return false;
    argv.push_back(path);
  }
  ProcessOptions options;
  options.working_directory = working_directory_;
  // Formatting throw-away files must not leave a .ruff_cache in the user's project.
  options.env_set.emplace_back("RUFF_NO_CACHE", "true");
  ProcessResult run = RunProcess(argv, options);
  if (!run.started) {
    if (run.start_errno == ENOENT) {
      *error = "the formatter `" + command_[0] +
               "` was not found on PATH. Copies with `with A->B` replacements are compared "
               "after `ruff format`, as utils/check_copies.py does: install ruff, or name "
               "another command with --formatter CMD";
    } else {
      *error = "cannot run the formatter `" + command_[0] + "`: " + run.start_error;
    }
    return false;
  }
  std::string messages = run.err + run.out;
  size_t rejected = 0;
  for (size_t i = 0; i < snippets.size(); ++i) {
    if (run.exit_code != 0 && messages.find(SnippetName(i)) != std::string::npos) {
      ++rejected;  // a syntax error: ruff prints nothing on stdout for it
      continue;
    }
    std::string read_error;
    if (!ReadFile(dir.path() + "/" + SnippetName(i), &(*formatted)[i], &read_error)) {
      *error = "reading the formatter's output: " + read_error;
      return false;
    }
  }
  if (run.exit_code != 0 && rejected == 0) {
    std::string detail = run.err.empty() ? run.out : run.err;
    if (detail.size() > 2000) detail.resize(2000);
    *error = "the formatter `" + CommandText(command_) + "` failed with exit status " +
             std::to_string(run.exit_code) + (detail.empty() ? "" : ":\n" + detail);
    return false;
  }
  return true;
}

}  // namespace kensa::cli
