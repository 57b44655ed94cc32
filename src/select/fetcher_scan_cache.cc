#include "select/fetcher_scan_cache.h"

#include <utility>

#include "base/file_io.h"
#include "index/content_hash.h"
#include "index/summary_codec.h"

namespace kensa::select {

namespace {

constexpr std::string_view kMagic = "KENSAFSC";

bool DecodeEntry(index::ByteReader* in, git::Oid* blob, ScannedFile* file) {
  for (uint8_t& b : blob->bytes)
    if (!in->Byte(&b)) return false;
  uint8_t kind;
  if (!in->Byte(&kind)) return false;
  if (kind == 1) {
    std::string error;
    if (!in->String(&error)) return false;
    file->decode_error = std::move(error);
    return true;
  }
  if (kind != 0) return false;
  uint64_t count;
  if (!in->Varint(&count) || count > (1u << 20)) return false;
  file->imports.resize(count);
  for (RawFetcherImport& r : file->imports) {
    uint8_t relative;
    if (!in->String(&r.module) || !in->String(&r.names) || !in->Byte(&relative)) return false;
    r.relative = relative != 0;
  }
  return true;
}

void EncodeEntry(const git::Oid& blob, const ScannedFile& file, index::ByteWriter* out) {
  for (uint8_t b : blob.bytes) out->Byte(b);
  if (file.decode_error) {
    out->Byte(1);
    out->String(*file.decode_error);
    return;
  }
  out->Byte(0);
  out->Varint(file.imports.size());
  for (const RawFetcherImport& r : file.imports) {
    out->String(r.module);
    out->String(r.names);
    out->Byte(r.relative ? 1 : 0);
  }
}

}  // namespace

FetcherScanCache FetcherScanCache::Load(const std::string& path, std::string_view package,
                                        std::string* status) {
  FetcherScanCache cache(package);
  status->clear();
  std::string bytes, error;
  if (!ReadFile(path, &bytes, &error)) return cache;  // no cache yet: not a problem
  auto unusable = [&](const char* why) {
    *status = path + ": " + why + "; starting a new cache";
    return FetcherScanCache(package);
  };
  if (bytes.size() < kMagic.size() + 8 || bytes.compare(0, kMagic.size(), kMagic) != 0)
    return unusable("not a kensa test-selection cache");
  std::string_view body(bytes.data(), bytes.size() - 8);
  uint64_t stored = 0;
  index::ByteReader tail(std::string_view(bytes).substr(body.size()));
  tail.Fixed64(&stored);
  if (index::HashContent(body).lo != stored) return unusable("corrupt (checksum mismatch)");
  index::ByteReader in(body.substr(kMagic.size()));
  uint32_t version;
  std::string stored_package;
  uint64_t count;
  if (!in.Varint32(&version) || version != kFormatVersion) return unusable("an older format");
  if (!in.String(&stored_package) || stored_package != package)
    return unusable("made for another package");
  if (!in.Varint(&count)) return unusable("truncated");
  for (uint64_t i = 0; i < count; ++i) {
    git::Oid blob;
    ScannedFile file;
    if (!DecodeEntry(&in, &blob, &file)) return unusable("truncated");
    cache.entries_[blob] = Entry{std::move(file), false};
  }
  if (!in.done()) return unusable("trailing bytes");
  return cache;
}

const ScannedFile* FetcherScanCache::Use(const git::Oid& blob) {
  auto it = entries_.find(blob);
  if (it == entries_.end()) return nullptr;
  it->second.used = true;
  return &it->second.file;
}

void FetcherScanCache::Add(const git::Oid& blob, ScannedFile file) {
  auto [it, inserted] = entries_.insert_or_assign(blob, Entry{std::move(file), true});
  (void)it;
  if (inserted) ++added_;
}

size_t FetcherScanCache::dropped() const {
  size_t n = 0;
  for (const auto& [blob, entry] : entries_) n += entry.used ? 0 : 1;
  return n;
}

bool FetcherScanCache::Save(const std::string& path, std::string* error) const {
  std::string out(kMagic);
  index::ByteWriter writer(&out);
  writer.Varint(kFormatVersion);
  writer.String(package_);
  writer.Varint(entries_.size() - dropped());
  for (const auto& [blob, entry] : entries_) {
    if (entry.used) EncodeEntry(blob, entry.file, &writer);
  }
  uint64_t checksum = index::HashContent(out).lo;
  writer.Fixed64(checksum);
  size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0 && !MakeDirectories(path.substr(0, slash), error))
    return false;
  return WriteFileAtomically(path, out, error);
}

}  // namespace kensa::select
