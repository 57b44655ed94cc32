#include "query/message_cache.h"

#include <cstring>

#include "base/file_io.h"
#include "index/content_hash.h"
#include "project/file_stamp.h"

namespace kensa::query {
namespace {

constexpr char kMagic[8] = {'K', 'E', 'N', 'S', 'A', 'E', 'M', 'C'};
// 3: numbers and %-conversions skipped; 4: ctime in stamps, racy stamps dropped
constexpr uint32_t kVersion = 4;

template <class T>
void Put(std::string* out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out->append(buf, sizeof(T));
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  template <class T>
  bool Get(T* v) {
    if (s_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, s_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool Bytes(size_t n, const char** p) {
    if (s_.size() - pos_ < n) return false;
    *p = s_.data() + pos_;
    pos_ += n;
    return true;
  }
  bool String(std::string* out) {
    uint32_t n;
    const char* p;
    if (!Get(&n) || !Bytes(n, &p)) return false;
    out->assign(p, n);
    return true;
  }
  bool done() const { return pos_ == s_.size(); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

void PutString(std::string* out, std::string_view s) {
  Put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

}  // namespace

std::string EncodeSites(const std::vector<MessageSite>& sites) {
  std::string out;
  Put<uint32_t>(&out, static_cast<uint32_t>(sites.size()));
  for (const MessageSite& s : sites) {
    Put<uint32_t>(&out, s.line);
    Put<uint32_t>(&out, s.column);
    Put<uint8_t>(&out, static_cast<uint8_t>(s.kind));
    PutString(&out, s.emitter);
    PutString(&out, s.function);
    Put<uint32_t>(&out, static_cast<uint32_t>(s.text.size()));
    for (const TemplatePiece& p : s.text) {
      Put<uint8_t>(&out, p.hole ? 1 : 0);
      PutString(&out, p.text);
    }
  }
  return out;
}

bool DecodeSites(std::string_view bytes, std::vector<MessageSite>* sites) {
  Reader r(bytes);
  uint32_t count;
  if (!r.Get(&count) || count > bytes.size()) return false;
  sites->clear();
  sites->reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    MessageSite s;
    uint8_t kind;
    uint32_t pieces;
    if (!r.Get(&s.line) || !r.Get(&s.column) || !r.Get(&kind) ||
        kind > static_cast<uint8_t>(EmitKind::kExit) || !r.String(&s.emitter) ||
        !r.String(&s.function) || !r.Get(&pieces) || pieces > bytes.size()) {
      return false;
    }
    s.kind = static_cast<EmitKind>(kind);
    for (uint32_t j = 0; j < pieces; ++j) {
      TemplatePiece p;
      uint8_t hole;
      if (!r.Get(&hole) || hole > 1 || !r.String(&p.text)) return false;
      p.hole = hole == 1;
      s.text.push_back(std::move(p));
    }
    sites->push_back(std::move(s));
  }
  return r.done();
}

MessageCache MessageCache::Load(const std::string& path, std::string* status) {
  MessageCache cache;
  status->clear();
  std::string error;
  if (!ReadFile(path, &cache.bytes_, &error)) return cache;  // no cache yet
  auto fail = [&](const char* why) {
    *status = path + ": " + why + "; rebuilding it";
    cache.entries_.clear();
    cache.bytes_.clear();
    return std::move(cache);
  };
  const std::string& b = cache.bytes_;
  if (b.size() < sizeof(kMagic) + 4 + 8 + 8 || std::memcmp(b.data(), kMagic, sizeof(kMagic)) != 0) {
    return fail("not a kensa message filter cache");
  }
  uint64_t checksum;
  std::memcpy(&checksum, b.data() + b.size() - 8, 8);
  if (index::HashContent(std::string_view(b).substr(0, b.size() - 8)).lo != checksum) {
    return fail("corrupt (checksum)");
  }
  Reader r(std::string_view(b).substr(sizeof(kMagic), b.size() - sizeof(kMagic) - 8));
  uint32_t version;
  uint64_t count;
  if (!r.Get(&version) || version != kVersion) return fail("another format version");
  if (!r.Get(&count)) return fail("truncated");
  cache.entries_.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint32_t path_size;
    const char* path_data;
    Slot slot;
    uint64_t words;
    if (!r.Get(&path_size) || !r.Bytes(path_size, &path_data) || !r.Get(&slot.stamp.size) ||
        !r.Get(&slot.stamp.mtime_ns) || !r.Get(&slot.stamp.inode) || !r.Get(&slot.stamp.ctime_ns) ||
        !r.Get(&words) || words > (uint64_t{1} << 32) || !r.Bytes(words * 8, &slot.bits.data)) {
      return fail("truncated");
    }
    if (words & (words - 1)) return fail("corrupt (filter size)");
    slot.bits.words = words;
    uint8_t has_sites;
    if (!r.Get(&has_sites) || has_sites > 1) return fail("truncated");
    slot.has_sites = has_sites == 1;
    if (slot.has_sites) {
      uint32_t length;
      const char* data;
      if (!r.Get(&length) || !r.Bytes(length, &data)) return fail("truncated");
      slot.sites = std::string_view(data, length);
    }
    cache.entries_[std::string_view(path_data, path_size)] = slot;
  }
  if (!r.done()) return fail("trailing bytes");
  return cache;
}

bool MessageCache::Find(const std::string& path, const project::FileStamp& stamp,
                        MessageCacheEntry* entry) const {
  auto it = entries_.find(path);
  if (it == entries_.end() || !(it->second.stamp == stamp)) return false;
  entry->stamp = stamp;
  entry->bits = it->second.bits;
  entry->has_sites = it->second.has_sites;
  entry->sites = it->second.sites;
  return true;
}

bool MessageCache::Save(const std::string& path, const std::vector<MessageCacheEntry>& entries,
                        int64_t stamps_taken_ns, std::string* error) {
  std::string out(kMagic, sizeof(kMagic));
  Put<uint32_t>(&out, kVersion);
  // This cache has no content hash to fall back on, so a racy stamp is not stored at all: its
  // file is read again next time.
  auto kept = [&](const MessageCacheEntry& e) {
    return !project::StampIsRacy(e.stamp, stamps_taken_ns);
  };
  uint64_t count = 0;
  for (const MessageCacheEntry& e : entries) count += kept(e);
  Put<uint64_t>(&out, count);
  for (const MessageCacheEntry& e : entries) {
    if (!kept(e)) continue;
    Put<uint32_t>(&out, static_cast<uint32_t>(e.path.size()));
    out += e.path;
    Put<uint64_t>(&out, e.stamp.size);
    Put<int64_t>(&out, e.stamp.mtime_ns);
    Put<uint64_t>(&out, e.stamp.inode);
    Put<int64_t>(&out, e.stamp.ctime_ns);
    Put<uint64_t>(&out, e.bits.words);
    out.append(e.bits.data, e.bits.words * 8);
    Put<uint8_t>(&out, e.has_sites ? 1 : 0);
    if (e.has_sites) PutString(&out, e.sites);
  }
  Put<uint64_t>(&out, index::HashContent(out).lo);
  return WriteFileAtomically(path, out, error);
}

}  // namespace kensa::query
