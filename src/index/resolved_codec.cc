#include "index/resolved_codec.h"

#include "index/summary_codec.h"

namespace kensa::index {

ContentHash SnapshotFingerprint(const project::ProjectFiles& files,
                                const std::vector<ContentHash>& hashes) {
  std::string buffer;
  ByteWriter w(&buffer);
  w.Varint(kResolverVersion);
  w.Varint(kSummaryFormatVersion);
  w.Varint(files.files.size());
  for (size_t i = 0; i < files.files.size(); ++i) {
    const project::SourceFile& f = files.files[i];
    w.String(f.path);
    w.String(f.module);
    w.Byte(f.is_package ? 1 : 0);
    w.Fixed64(hashes[i].lo);
    w.Fixed64(hashes[i].hi);
  }
  return HashContent(buffer);
}

void EncodeResolved(const ResolvedImports& r, std::string* out) {
  ByteWriter w(out);
  w.Varint(r.edges.size());
  for (const ImportEdge& e : r.edges) {
    w.Varint(e.from);
    w.Varint(e.to);
    w.Varint(e.line);
    w.Varint(e.flags);
    w.Byte(static_cast<uint8_t>(static_cast<uint8_t>(e.how) | (e.to_dummy ? 0x80 : 0)));
    w.Varint(e.import_index);
    w.Varint(e.name_index == kNoName ? 0 : uint64_t{e.name_index} + 1);
    w.Varint(e.via_begin);
    w.Varint(e.via_count);
  }
  w.Varint(r.via.size());
  for (FileId v : r.via) w.Varint(v);
  w.Varint(r.externals.size());
  for (const ExternalImport& x : r.externals) {
    w.Varint(x.from);
    w.Varint(x.line);
    w.Varint(x.flags);
    w.String(x.module);
    w.Byte(x.stdlib ? 1 : 0);
  }
  w.Varint(r.unresolved.size());
  for (const UnresolvedImport& u : r.unresolved) {
    w.Varint(u.from);
    w.Varint(u.line);
    w.Varint(u.flags);
    w.String(u.module);
    w.String(u.name);
    w.String(u.reason);
  }
}

bool DecodeResolved(std::string_view bytes, size_t file_count, ResolvedImports* r) {
  *r = ResolvedImports();
  ByteReader in(bytes);
  uint64_t n;
  auto count = [&](uint64_t* v) { return in.Varint(v) && *v <= bytes.size(); };
  auto file = [&](FileId* id) {
    uint32_t v;
    if (!in.Varint32(&v) || v >= file_count) return false;
    *id = v;
    return true;
  };
  auto flags = [&](uint16_t* f) {
    uint32_t v;
    if (!in.Varint32(&v) || v > 0xFFFF) return false;
    *f = static_cast<uint16_t>(v);
    return true;
  };
  if (!count(&n)) return false;
  r->edges.resize(n);
  for (ImportEdge& e : r->edges) {
    uint8_t how;
    uint32_t name;
    if (!file(&e.from) || !file(&e.to) || !in.Varint32(&e.line) || !flags(&e.flags) ||
        !in.Byte(&how) || (how & 0x7F) > static_cast<uint8_t>(ImportEdge::How::kScriptLocal) ||
        !in.Varint32(&e.import_index) || !in.Varint32(&name) || !in.Varint32(&e.via_begin) ||
        !in.Varint32(&e.via_count)) {
      return false;
    }
    e.how = static_cast<ImportEdge::How>(how & 0x7F);
    e.to_dummy = (how & 0x80) != 0;
    e.name_index = name == 0 ? kNoName : name - 1;
  }
  if (!count(&n)) return false;
  r->via.resize(n);
  for (FileId& v : r->via) {
    if (!file(&v)) return false;
  }
  for (const ImportEdge& e : r->edges) {
    if (uint64_t{e.via_begin} + e.via_count > r->via.size()) return false;
  }
  if (!count(&n)) return false;
  r->externals.resize(n);
  for (ExternalImport& x : r->externals) {
    uint8_t stdlib;
    if (!file(&x.from) || !in.Varint32(&x.line) || !flags(&x.flags) || !in.String(&x.module) ||
        !in.Byte(&stdlib) || stdlib > 1) {
      return false;
    }
    x.stdlib = stdlib == 1;
  }
  if (!count(&n)) return false;
  r->unresolved.resize(n);
  for (UnresolvedImport& u : r->unresolved) {
    if (!file(&u.from) || !in.Varint32(&u.line) || !flags(&u.flags) || !in.String(&u.module) ||
        !in.String(&u.name) || !in.String(&u.reason)) {
      return false;
    }
  }
  return in.done();
}

}  // namespace kensa::index
