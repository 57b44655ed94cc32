#include "project/disk_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "base/file_io.h"

namespace kensa::project {

namespace {

uint64_t Identity(const struct stat& st) {
  return (static_cast<uint64_t>(st.st_dev) << 40) ^ static_cast<uint64_t>(st.st_ino);
}

}  // namespace

std::string DiskTree::Absolute(const std::string& path) const {
  return path.empty() ? root_ : root_ + "/" + path;
}

bool DiskTree::ListDirectory(const std::string& dir, std::vector<DirEntry>* entries,
                             std::string* error) const {
  entries->clear();
  std::string abs = Absolute(dir);
  int dfd = ::open(abs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  DIR* d = ::fdopendir(dfd);
  if (d == nullptr) {
    *error = std::strerror(errno);
    ::close(dfd);
    return false;
  }
  std::unique_ptr<DIR, int (*)(DIR*)> closer(d, ::closedir);
  while (struct dirent* e = ::readdir(d)) {
    const char* name = e->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    DirEntry entry;
    entry.name = name;
    unsigned char type = e->d_type;
    if (type == DT_REG) {
      entry.type = DirEntry::Type::kFile;
    } else if (type == DT_DIR) {
      entry.type = DirEntry::Type::kDirectory;
    }
    if (type == DT_LNK || type == DT_UNKNOWN || type == DT_DIR) {
      // Directories need their identity (loop detection); links and unknowns need following.
      struct stat st;
      if (type == DT_LNK) entry.is_symlink = true;
      if (type == DT_UNKNOWN) {
        struct stat lst;
        if (::fstatat(dfd, name, &lst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(lst.st_mode)) {
          entry.is_symlink = true;
        }
      }
      if (::fstatat(dfd, name, &st, 0) != 0) {
        entry.type = DirEntry::Type::kOther;
        entry.error = errno == ELOOP    ? "symbolic link loop"
                      : errno == ENOENT ? "dangling symbolic link"
                                        : std::strerror(errno);
      } else if (S_ISDIR(st.st_mode)) {
        entry.type = DirEntry::Type::kDirectory;
        entry.identity = Identity(st);
      } else if (S_ISREG(st.st_mode)) {
        entry.type = DirEntry::Type::kFile;
      } else {
        entry.type = DirEntry::Type::kOther;
      }
    }
    entries->push_back(std::move(entry));
  }
  return true;
}

bool DiskTree::ReadFile(const std::string& path, std::string* contents, std::string* error) const {
  std::string abs = Absolute(path);
  if (kensa::ReadFile(abs, contents, error)) return true;
  // base's ReadFile prefixes the absolute path; callers name the file themselves.
  if (error->rfind(abs + ": ", 0) == 0) error->erase(0, abs.size() + 2);
  return false;
}

bool DiskTree::IsFile(const std::string& path) const {
  struct stat st;
  return ::stat(Absolute(path).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool DiskTree::IsDirectory(const std::string& path) const {
  struct stat st;
  return ::stat(Absolute(path).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

uint64_t DiskTree::DirectoryIdentity(const std::string& dir) const {
  struct stat st;
  if (::stat(Absolute(dir).c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return 0;
  return Identity(st);
}

std::optional<FileStamp> DiskTree::Stamp(const std::string& path) const {
  struct stat st;
  if (::stat(Absolute(path).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileStamp stamp;
  stamp.size = static_cast<uint64_t>(st.st_size);
  stamp.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  stamp.inode = static_cast<uint64_t>(st.st_ino);
  stamp.ctime_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  return stamp;
}

}  // namespace kensa::project
