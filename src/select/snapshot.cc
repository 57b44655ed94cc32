#include "select/snapshot.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>

#include "base/file_io.h"
#include "base/thread_pool.h"

namespace kensa::select {

namespace {

std::string_view Parent(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view Name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool NeedsNormalizing(std::string_view path) {
  if (path.empty()) return false;
  if (path.front() == '/' || path.back() == '/') return true;
  if (path.find("//") != std::string_view::npos) return true;
  // "." or ".." components.
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part == "." || part == "..") return true;
    start = end + 1;
  }
  return false;
}

// Resolves a link target relative to the link's directory; nullopt when it leaves the tree.
std::optional<std::string> JoinLexically(std::string_view dir, std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::nullopt;
  std::vector<std::string_view> parts;
  auto push = [&](std::string_view p) {
    size_t start = 0;
    while (start <= p.size()) {
      size_t end = p.find('/', start);
      if (end == std::string_view::npos) end = p.size();
      std::string_view part = p.substr(start, end - start);
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      start = end + 1;
    }
    return true;
  };
  if (!push(dir) || !push(target)) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out;
}

}  // namespace

Snapshot::Snapshot(Snapshot&&) noexcept = default;
Snapshot& Snapshot::operator=(Snapshot&&) noexcept = default;
Snapshot::~Snapshot() = default;

void Snapshot::Index(std::vector<File> files,
                     const std::vector<std::pair<std::string, std::string>>& symlinks) {
  files_ = std::move(files);
  for (size_t i = 0; i < files_.size(); ++i) file_index_.emplace(files_[i].path, i);
  // A link to a file in the tree reads as that file (up to a few hops, as links chain).
  for (const auto& [path, target] : symlinks) {
    std::string current = path;
    std::string link_target = target;
    for (int hop = 0; hop < 8; ++hop) {
      std::optional<std::string> resolved = JoinLexically(Parent(current), link_target);
      if (!resolved) break;
      auto it = file_index_.find(*resolved);
      if (it != file_index_.end()) {
        File f = files_[it->second];
        f.path = path;
        file_index_.emplace(path, files_.size());
        files_.push_back(std::move(f));
        break;
      }
      auto next = std::find_if(symlinks.begin(), symlinks.end(),
                               [&](const auto& link) { return link.first == *resolved; });
      if (next == symlinks.end()) break;
      current = next->first;
      link_target = next->second;
    }
  }
  std::sort(files_.begin(), files_.end(),
            [](const File& a, const File& b) { return a.path < b.path; });
  file_index_.clear();
  directories_[""];
  for (size_t i = 0; i < files_.size(); ++i) {
    const std::string& path = files_[i].path;
    file_index_.emplace(path, i);
    directories_[std::string(Parent(path))].files.emplace_back(Name(path));
    // Every ancestor is a directory too (a tree lists only files).
    for (std::string_view dir = Parent(Parent(path)); !dir.empty(); dir = Parent(dir)) {
      directories_.try_emplace(std::string(dir));
    }
  }
  for (auto& [dir, entry] : directories_) {
    if (!dir.empty()) directories_.at(std::string(Parent(dir))).subdirs.emplace_back(Name(dir));
  }
  for (auto& [name, d] : directories_) {
    std::sort(d.files.begin(), d.files.end());
    std::sort(d.subdirs.begin(), d.subdirs.end());
  }
}

git::Result<Snapshot> Snapshot::FromCommit(const git::Repository& repo, const git::Oid& commit,
                                           bool read_work_tree) {
  git::Result<std::vector<git::TreeFile>> listing = repo.ListFiles(commit);
  if (!listing) return listing.error();
  Snapshot snapshot;
  snapshot.repo_ = &repo;
  std::vector<File> files;
  std::vector<std::pair<std::string, std::string>> symlinks;
  files.reserve(listing->size());
  for (git::TreeFile& f : *listing) {
    if (f.mode == git::kModeSubmodule) continue;
    if (f.mode == git::kModeSymlink) {
      git::Result<std::string> target = repo.ReadBlob(f.oid);
      if (target) symlinks.emplace_back(f.path, *target);
      continue;
    }
    files.push_back({std::move(f.path), f.oid, read_work_tree});
  }
  snapshot.Index(std::move(files), symlinks);
  return snapshot;
}

git::Result<Snapshot> Snapshot::FromWorkTree(const git::Repository& repo, const git::Oid& head,
                                             const std::vector<git::TreeChange>& changes) {
  git::Result<std::vector<git::TreeFile>> listing = repo.ListFiles(head);
  if (!listing) return listing.error();
  std::unordered_map<std::string, const git::TreeChange*> by_old, by_new;
  for (const git::TreeChange& c : changes) {
    if (!c.old_path.empty()) by_old[c.old_path] = &c;
    if (!c.new_path.empty()) by_new[c.new_path] = &c;
  }
  Snapshot snapshot;
  snapshot.repo_ = &repo;
  std::vector<File> files;
  std::vector<std::pair<std::string, std::string>> symlinks;
  for (git::TreeFile& f : *listing) {
    if (f.mode == git::kModeSubmodule) continue;
    auto it = by_old.find(f.path);
    if (it != by_old.end() && it->second->type != git::ChangeType::kModified &&
        it->second->type != git::ChangeType::kTypeChanged) {
      continue;  // deleted or renamed away
    }
    if (by_new.count(f.path) != 0) continue;  // listed below from the work tree
    if (f.mode == git::kModeSymlink) {
      git::Result<std::string> target = repo.ReadBlob(f.oid);
      if (target) symlinks.emplace_back(f.path, *target);
      continue;
    }
    files.push_back({std::move(f.path), f.oid, false});
  }
  for (const git::TreeChange& c : changes) {
    if (c.type == git::ChangeType::kDeleted) continue;
    if (c.new_mode == git::kModeSubmodule) continue;
    if (c.new_mode == git::kModeSymlink) {
      std::string target;
      std::string error;
      // Links in the work tree: read the link itself, not what it points to.
      std::string full = repo.work_dir() + "/" + c.new_path;
      char buffer[4096];
      ssize_t n = readlink(full.c_str(), buffer, sizeof buffer);
      if (n >= 0) symlinks.emplace_back(c.new_path, std::string(buffer, static_cast<size_t>(n)));
      continue;
    }
    files.push_back({c.new_path, c.new_oid, true, /*oid_is_content=*/false});
  }
  snapshot.Index(std::move(files), symlinks);
  return snapshot;
}

Snapshot Snapshot::FromMemory(const std::vector<std::pair<std::string, std::string>>& files) {
  Snapshot snapshot;
  std::vector<File> list;
  for (const auto& [path, content] : files) {
    list.push_back({path, git::Oid(), false, /*oid_is_content=*/false});
    snapshot.memory_[path] = content;
  }
  snapshot.Index(std::move(list), {});
  return snapshot;
}

std::optional<std::string> Snapshot::Normalize(std::string_view path) const {
  if (!NeedsNormalizing(path)) return std::string(path);
  if (!path.empty() && path.front() == '/') return std::nullopt;  // outside the repository
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part == "..") {
      // The system resolves ".." after the directory before it, which must exist.
      std::string prefix;
      for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) prefix += '/';
        prefix += parts[i];
      }
      if (parts.empty() || directories_.count(prefix) == 0) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out;
}

const Snapshot::File* Snapshot::Find(std::string_view path) const {
  std::optional<std::string> normal = Normalize(path);
  if (!normal) return nullptr;
  auto it = file_index_.find(*normal);
  return it == file_index_.end() ? nullptr : &files_[it->second];
}

bool Snapshot::IsFile(std::string_view path) const {
  return Find(path) != nullptr;
}

bool Snapshot::IsDirectory(std::string_view path) const {
  std::optional<std::string> normal = Normalize(path);
  return normal && directories_.count(*normal) != 0;
}

std::vector<std::string> Snapshot::GlobPython(std::string_view dir) const {
  std::vector<std::string> out;
  std::optional<std::string> root = Normalize(dir);
  if (!root || directories_.count(*root) == 0) return out;
  std::function<void(const std::string&)> walk = [&](const std::string& d) {
    const Directory& entry = directories_.at(d);
    std::string prefix = d.empty() ? "" : d + "/";
    for (const std::string& name : entry.files) {
      if (name.size() >= 3 && name.compare(name.size() - 3, 3, ".py") == 0) {
        out.push_back(prefix + name);
      }
    }
    for (const std::string& sub : entry.subdirs) walk(prefix + sub);
  };
  walk(*root);
  return out;
}

std::vector<std::string> Snapshot::GlobFiles(std::string_view dir, std::string_view prefix,
                                             std::string_view suffix) const {
  std::vector<std::string> out;
  std::optional<std::string> root = Normalize(dir);
  if (!root) return out;
  auto it = directories_.find(*root);
  if (it == directories_.end()) return out;
  std::string base = root->empty() ? "" : *root + "/";
  for (const std::string& name : it->second.files) {
    if (name.size() >= prefix.size() + suffix.size() &&
        name.compare(0, prefix.size(), prefix) == 0 &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(base + name);
    }
  }
  return out;
}

std::vector<Snapshot::Child> Snapshot::ListDirectory(std::string_view dir) const {
  std::vector<Child> out;
  std::optional<std::string> root = Normalize(dir);
  if (!root) return out;
  auto it = directories_.find(*root);
  if (it == directories_.end()) return out;
  for (const std::string& name : it->second.files) out.push_back({name, false});
  for (const std::string& name : it->second.subdirs) out.push_back({name, true});
  std::sort(out.begin(), out.end(), [](const Child& a, const Child& b) { return a.name < b.name; });
  return out;
}

const std::string* Snapshot::MemoryContent(std::string_view path) const {
  const File* f = Find(path);
  if (f == nullptr) return nullptr;
  auto it = memory_.find(f->path);
  return it == memory_.end() ? nullptr : &it->second;
}

namespace {

git::Result<std::string> ReadOne(const Snapshot& snapshot, const git::Repository* repo,
                                 std::string_view path) {
  const Snapshot::File* f = snapshot.Find(path);
  if (f == nullptr) {
    return git::Error{git::ErrorCode::kNotFound, "No such file or directory"};
  }
  if (repo == nullptr) {
    const std::string* content = snapshot.MemoryContent(path);
    if (content == nullptr)
      return git::Error{git::ErrorCode::kNotFound, "No such file or directory"};
    return *content;
  }
  if (f->on_disk) {
    std::string content, error;
    if (!ReadFile(repo->work_dir() + "/" + f->path, &content, &error)) {
      return git::Error{git::ErrorCode::kIo, error};
    }
    return content;
  }
  return repo->ReadBlob(f->oid);
}

}  // namespace

git::Result<std::string> ContentReader::Read(std::string_view path) const {
  return ReadOne(snapshot_, snapshot_.repository(), path);
}

void ContentReader::ReadAll(
    const std::vector<std::string>& paths,
    const std::function<void(size_t, const std::string*, const std::string&)>& visit,
    unsigned threads) const {
  if (threads == 0) threads = DefaultThreadCount();
  threads = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, paths.size())));
  std::atomic<size_t> next{0};
  ParallelFor(
      threads,
      [&](size_t worker) {
        // libgit2 handles are not shared between threads: each worker opens its own.
        std::optional<git::Repository> own;
        const git::Repository* repo = snapshot_.repository();
        if (repo != nullptr && worker > 0) {
          git::Result<git::Repository> reopened = repo->Reopen();
          if (reopened) {
            own.emplace(std::move(reopened).value());
            repo = &*own;
          }
        }
        for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < paths.size();) {
          git::Result<std::string> content = ReadOne(snapshot_, repo, paths[i]);
          if (content) {
            visit(i, &*content, std::string());
          } else {
            visit(i, nullptr, content.error().message);
          }
        }
      },
      threads);
}

}  // namespace kensa::select
