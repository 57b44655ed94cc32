#include "project/file_discovery.h"

#include <algorithm>
#include <cstdio>

namespace kensa::project {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if there is none.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  if (c < 0x80) return 1;
  size_t n;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (at(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return n;
}

bool IsSkippedDirectory(const std::string& name) {
  return name == "__pycache__" || name == "node_modules" || name == "site-packages" ||
         name.ends_with(".egg-info");
}

class Walker {
 public:
  Walker(const SourceTree& tree, const DiscoveryOptions& options, DiscoveredFiles* out)
      : tree_(tree), options_(options), out_(out) {}

  void Walk(const std::string& dir, std::vector<uint64_t>& ancestors) {
    std::vector<DirEntry> entries;
    std::string error;
    if (!tree_.ListDirectory(dir, &entries, &error)) {
      Report(dir.empty() ? "." : dir, "cannot list directory: " + error);
      return;
    }
    // A virtual environment inside the project is not project source.
    for (const DirEntry& e : entries) {
      if (e.name == "pyvenv.cfg" && e.type == DirEntry::Type::kFile) return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    for (const DirEntry& e : entries) {
      if (e.name.empty() || e.name[0] == '.') continue;
      std::string path = dir.empty() ? e.name : dir + "/" + e.name;
      bool wanted_file =
          e.name.size() > options_.suffix.size() && e.name.ends_with(options_.suffix);
      if (!IsValidUtf8(e.name)) {
        if (wanted_file || e.type == DirEntry::Type::kDirectory) {
          Report(EscapeInvalidUtf8(path), "path is not valid UTF-8; skipped");
        }
        continue;
      }
      if (!e.error.empty()) {
        if (wanted_file || e.error == "symbolic link loop") Report(path, e.error + "; skipped");
        continue;
      }
      if (e.type == DirEntry::Type::kDirectory) {
        if (IsSkippedDirectory(e.name)) continue;
        if (e.identity != 0 &&
            std::find(ancestors.begin(), ancestors.end(), e.identity) != ancestors.end()) {
          Report(path, "symbolic link loop (leads back to an enclosing directory); skipped");
          continue;
        }
        ancestors.push_back(e.identity);
        Walk(path, ancestors);
        ancestors.pop_back();
      } else if (e.type == DirEntry::Type::kFile && wanted_file) {
        out_->paths.push_back(std::move(path));
      }
    }
  }

 private:
  void Report(std::string path, std::string message) {
    Diagnostic d;
    d.severity = Diagnostic::Severity::kWarning;
    d.path = std::move(path);
    d.message = std::move(message);
    out_->diagnostics.push_back(std::move(d));
  }

  const SourceTree& tree_;
  const DiscoveryOptions& options_;
  DiscoveredFiles* out_;
};

}  // namespace

bool IsValidUtf8(std::string_view name) {
  for (size_t i = 0; i < name.size();) {
    size_t n = Utf8SequenceLength(name, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string EscapeInvalidUtf8(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size();) {
    size_t n = Utf8SequenceLength(name, i);
    if (n == 0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(name[i]));
      out += buf;
      ++i;
    } else {
      out.append(name.substr(i, n));
      i += n;
    }
  }
  return out;
}

DiscoveredFiles DiscoverFiles(const SourceTree& tree, const DiscoveryOptions& options) {
  DiscoveredFiles out;
  Walker walker(tree, options, &out);
  for (const std::string& root : options.roots) {
    if (!root.empty() && !tree.IsDirectory(root)) continue;
    std::vector<uint64_t> ancestors;
    // The root and the walked directory are ancestors too: a link back to them is a loop.
    if (uint64_t id = tree.DirectoryIdentity(""); id != 0) ancestors.push_back(id);
    if (uint64_t id = tree.DirectoryIdentity(root); id != 0 && !root.empty()) {
      ancestors.push_back(id);
    }
    walker.Walk(root, ancestors);
  }
  std::sort(out.paths.begin(), out.paths.end());
  out.paths.erase(std::unique(out.paths.begin(), out.paths.end()), out.paths.end());
  return out;
}

}  // namespace kensa::project
