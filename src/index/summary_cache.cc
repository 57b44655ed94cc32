#include "index/summary_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/file_io.h"
#include "index/summary_codec.h"
#include "project/file_stamp.h"

namespace kensa::index {

namespace {

constexpr char kMagic[8] = {'K', 'E', 'N', 'S', 'A', 'I', 'D', 'X'};
// 3: ctime in stamps, the stamps' time in the header (the racy-git rule instead of a margin).
constexpr uint32_t kCacheFormatVersion = 3;
constexpr size_t kHeaderSize = 8 + 4 + 4 + 8;

void PutU32(std::string* out, uint32_t v) {
  char buf[4];
  std::memcpy(buf, &v, 4);
  out->append(buf, 4);
}

// base's ReadFile, without its bounce buffer: a warm run reads megabytes of cache and little
// else, so the second copy showed in its profile.
bool ReadWhole(const std::string& path, std::string* out, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    return ReadFile(path, out, error);  // for its error message
  }
  out->resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < out->size()) {
    ssize_t n = ::read(fd, out->data() + done, out->size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = path + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;  // the file shrank: the checksum will refuse what was read
    done += static_cast<size_t>(n);
  }
  out->resize(done);
  ::close(fd);
  return true;
}

}  // namespace

SummaryCache SummaryCache::Load(const std::string& path, std::string* status) {
  SummaryCache cache;
  status->clear();
  std::string error;
  if (::access(path.c_str(), F_OK) != 0) return cache;
  if (!ReadWhole(path, &cache.bytes_, &error)) {
    *status = error + "; rebuilding";
    return cache;
  }
  auto reject = [&](const char* why) {
    *status = path + ": " + why + "; ignored and rebuilt";
    return SummaryCache();
  };
  const std::string& b = cache.bytes_;
  if (b.size() < kHeaderSize + 8 + 8 || std::memcmp(b.data(), kMagic, 8) != 0) {
    return reject("not a kensa index cache");
  }
  uint32_t cache_version, summary_version;
  std::memcpy(&cache_version, b.data() + 8, 4);
  std::memcpy(&summary_version, b.data() + 12, 4);
  if (cache_version != kCacheFormatVersion || summary_version != kSummaryFormatVersion) {
    return reject("written by another kensa version");
  }
  uint64_t checksum;
  std::memcpy(&checksum, b.data() + b.size() - 8, 8);
  if (HashContent(std::string_view(b).substr(0, b.size() - 8)).lo != checksum) {
    return reject("checksum mismatch (corrupt or truncated)");
  }
  if (b.size() > UINT32_MAX) return reject("too large");
  std::memcpy(&cache.stamps_taken_ns_, b.data() + 16, 8);
  ByteReader r(std::string_view(b).substr(kHeaderSize, b.size() - kHeaderSize - 8));
  uint64_t count;
  if (!r.Fixed64(&count) || count > b.size()) return reject("corrupt entry table");
  cache.entries_.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    ContentHash h;
    uint64_t size, length;
    if (!r.Fixed64(&h.lo) || !r.Fixed64(&h.hi) || !r.Varint(&size) || !r.Varint(&length)) {
      return reject("corrupt entry");
    }
    size_t offset = kHeaderSize + r.position();
    if (!r.Skip(length)) return reject("corrupt entry");
    cache.entries_[h] = Slot{size, static_cast<uint32_t>(offset), static_cast<uint32_t>(length)};
  }
  if (!r.Fixed64(&count) || count > b.size()) return reject("corrupt stamp table");
  cache.stamps_.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    std::string_view stamp_path;
    StampSlot slot;
    uint64_t mtime, ctime;
    if (!r.StringView(&stamp_path) || !r.Fixed64(&slot.stamp.size) || !r.Fixed64(&mtime) ||
        !r.Fixed64(&slot.stamp.inode) || !r.Fixed64(&ctime) || !r.Fixed64(&slot.hash.lo) ||
        !r.Fixed64(&slot.hash.hi)) {
      return reject("corrupt stamp");
    }
    slot.stamp.mtime_ns = static_cast<int64_t>(mtime);
    slot.stamp.ctime_ns = static_cast<int64_t>(ctime);
    cache.stamps_[stamp_path] = slot;
  }
  uint8_t has_resolved;
  if (!r.Byte(&has_resolved) || has_resolved > 1) return reject("corrupt resolution");
  if (has_resolved == 1) {
    std::string_view payload;
    if (!r.Fixed64(&cache.resolved_fingerprint_.lo) ||
        !r.Fixed64(&cache.resolved_fingerprint_.hi) || !r.StringView(&payload)) {
      return reject("corrupt resolution");
    }
    cache.has_resolved_ = true;
    cache.resolved_offset_ = kHeaderSize + r.position() - payload.size();
    cache.resolved_length_ = payload.size();
  }
  if (!r.done()) return reject("trailing bytes");
  return cache;
}

bool SummaryCache::FindPayload(const ContentHash& hash, uint64_t size,
                               std::string_view* payload) const {
  auto it = entries_.find(hash);
  if (it == entries_.end() || it->second.size != size) return false;
  *payload = std::string_view(bytes_).substr(it->second.offset, it->second.length);
  return true;
}

bool SummaryCache::FindResolved(const ContentHash& fingerprint, std::string_view* payload) const {
  if (!has_resolved_ || !(resolved_fingerprint_ == fingerprint)) return false;
  *payload = std::string_view(bytes_).substr(resolved_offset_, resolved_length_);
  return true;
}

bool SummaryCache::FindStamp(const std::string& path, const project::FileStamp& stamp,
                             ContentHash* hash) const {
  auto it = stamps_.find(path);
  if (it == stamps_.end() || !(it->second.stamp == stamp)) return false;
  if (project::StampIsRacy(stamp, stamps_taken_ns_)) return false;
  *hash = it->second.hash;
  return true;
}

bool SummaryCache::Save(const std::string& path, const std::vector<CacheEntry>& entries,
                        const std::vector<CacheStamp>& stamps, const CachedResolution* resolved,
                        int64_t stamps_taken_ns, std::string* error) {
  std::string out;
  size_t total = 64;
  for (const CacheEntry& e : entries) total += e.payload.size() + 32;
  out.reserve(total + stamps.size() * 96);
  out.append(kMagic, 8);
  PutU32(&out, kCacheFormatVersion);
  PutU32(&out, kSummaryFormatVersion);
  ByteWriter w(&out);
  w.Fixed64(static_cast<uint64_t>(stamps_taken_ns));
  w.Fixed64(entries.size());
  for (const CacheEntry& e : entries) {
    w.Fixed64(e.hash.lo);
    w.Fixed64(e.hash.hi);
    w.Varint(e.size);
    w.String(e.payload);
  }
  // Racy stamps are written as they are: FindStamp refuses them, so their files are read and
  // hashed on the next run, which then records trusted stamps.
  w.Fixed64(stamps.size());
  for (const CacheStamp& s : stamps) {
    w.String(s.path);
    w.Fixed64(s.stamp.size);
    w.Fixed64(static_cast<uint64_t>(s.stamp.mtime_ns));
    w.Fixed64(s.stamp.inode);
    w.Fixed64(static_cast<uint64_t>(s.stamp.ctime_ns));
    w.Fixed64(s.hash.lo);
    w.Fixed64(s.hash.hi);
  }
  w.Byte(resolved != nullptr ? 1 : 0);
  if (resolved != nullptr) {
    w.Fixed64(resolved->fingerprint.lo);
    w.Fixed64(resolved->fingerprint.hi);
    w.String(resolved->payload);
  }
  w.Fixed64(HashContent(out).lo);
  return WriteFileAtomically(path, out, error);
}

}  // namespace kensa::index
