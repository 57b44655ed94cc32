#include "index/summary_codec.h"

#include <cstring>

namespace kensa::index {

void ByteWriter::Varint(uint64_t v) {
  while (v >= 0x80) {
    out_->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out_->push_back(static_cast<char>(v));
}

void ByteWriter::String(std::string_view s) {
  Varint(s.size());
  out_->append(s);
}

void ByteWriter::Fixed64(uint64_t v) {
  char buf[8];
  std::memcpy(buf, &v, 8);
  out_->append(buf, 8);
}

bool ByteReader::Varint(uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= in_.size()) return false;
    uint8_t b = static_cast<uint8_t>(in_[pos_++]);
    result |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

bool ByteReader::Varint32(uint32_t* v) {
  uint64_t wide;
  if (!Varint(&wide) || wide > UINT32_MAX) return false;
  *v = static_cast<uint32_t>(wide);
  return true;
}

bool ByteReader::StringView(std::string_view* s) {
  uint64_t n;
  if (!Varint(&n) || n > in_.size() - pos_) return false;
  *s = in_.substr(pos_, n);
  pos_ += n;
  return true;
}

bool ByteReader::String(std::string* s) {
  std::string_view view;
  if (!StringView(&view)) return false;
  s->assign(view);
  return true;
}

bool ByteReader::Fixed64(uint64_t* v) {
  if (in_.size() - pos_ < 8) return false;
  std::memcpy(v, in_.data() + pos_, 8);
  pos_ += 8;
  return true;
}

bool ByteReader::Byte(uint8_t* b) {
  if (pos_ >= in_.size()) return false;
  *b = static_cast<uint8_t>(in_[pos_++]);
  return true;
}

bool ByteReader::Skip(size_t n) {
  if (in_.size() - pos_ < n) return false;
  pos_ += n;
  return true;
}

namespace {

// A count read from untrusted bytes: each element takes at least one byte, so a count larger
// than what is left is corrupt (and would otherwise allocate wildly).
bool Count(ByteReader& r, size_t remaining_bytes, size_t* n) {
  uint64_t v;
  if (!r.Varint(&v) || v > remaining_bytes) return false;
  *n = static_cast<size_t>(v);
  return true;
}

bool DecodeError(ByteReader& r, std::optional<SummaryError>* error) {
  uint8_t byte;
  if (!r.Byte(&byte) || byte > 1) return false;
  if (byte == 1) {
    SummaryError e;
    if (!r.String(&e.type) || !r.String(&e.message) || !r.Varint32(&e.line) ||
        !r.Varint32(&e.offset)) {
      return false;
    }
    *error = std::move(e);
  }
  return true;
}

}  // namespace

bool PeekSummary(std::string_view bytes, std::optional<SummaryError>* error,
                 std::vector<uint32_t>* import_names) {
  ByteReader r(bytes);
  error->reset();
  import_names->clear();
  size_t n;
  if (!DecodeError(r, error) || !Count(r, bytes.size(), &n)) return false;
  import_names->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string_view skipped;
    uint32_t line;
    uint8_t level;
    uint64_t flags;
    size_t names;
    if (!r.StringView(&skipped) || !r.StringView(&skipped) || !r.Varint32(&line) ||
        !r.Byte(&level) || !r.Varint(&flags) || !Count(r, bytes.size(), &names)) {
      return false;
    }
    for (size_t k = 0; k < names; ++k) {
      if (!r.StringView(&skipped) || !r.StringView(&skipped)) return false;
    }
    import_names->push_back(static_cast<uint32_t>(names));
  }
  return true;
}

void EncodeSummary(const ModuleSummary& s, std::string* out) {
  ByteWriter w(out);
  // The error and the imports' shape first: PeekSummary reads them without decoding the rest.
  w.Byte(s.error ? 1 : 0);
  if (s.error) {
    w.String(s.error->type);
    w.String(s.error->message);
    w.Varint(s.error->line);
    w.Varint(s.error->offset);
  }
  w.Varint(s.imports.size());
  for (const Import& imp : s.imports) {
    w.String(imp.module);
    w.String(imp.asname);
    w.Varint(imp.line);
    w.Byte(imp.level);
    w.Varint(imp.flags);
    w.Varint(imp.names.size());
    for (const ImportedName& n : imp.names) {
      w.String(n.name);
      w.String(n.asname);
    }
  }
  w.Varint(s.definitions.size());
  for (const Definition& d : s.definitions) {
    w.String(d.name);
    w.Varint(d.line);
    w.Byte(static_cast<uint8_t>(static_cast<uint8_t>(d.kind) | (d.conditional ? 0x80 : 0)));
  }
  w.Byte(s.has_all ? 1 : 0);
  w.Varint(s.all.size());
  for (const std::string& name : s.all) w.String(name);
  w.Byte(s.has_lazy_structure ? 1 : 0);
  w.Varint(s.lazy_exports.size());
  for (const LazyExport& e : s.lazy_exports) {
    w.String(e.submodule);
    w.String(e.name);
    w.Varint(e.line);
  }
  w.Varint(s.dummies.size());
  for (const DummyObject& d : s.dummies) {
    w.String(d.name);
    w.Varint(d.line);
    w.Byte(d.is_class ? 1 : 0);
    w.Varint(d.backends.size());
    for (const std::string& b : d.backends) w.String(b);
  }
  w.Varint(s.scopes.size());
  for (const Scope& sc : s.scopes) {
    w.String(sc.qualname);
    w.Varint(sc.line);
    w.Varint(sc.column);
    w.Varint(sc.line - sc.first_line);
    w.Varint(sc.end_line - sc.line);
    w.Byte(static_cast<uint8_t>(sc.kind));
    w.Varint(sc.bases.size());
    for (const std::string& b : sc.bases) w.String(b);
  }
  w.Varint(s.bindings.size());
  for (const NameBinding& b : s.bindings) {
    w.String(b.scope);
    w.String(b.name);
    w.String(b.target);
    w.Varint(b.line);
    w.Varint(b.column);
  }
}

bool DecodeSummary(std::string_view bytes, ModuleSummary* s) {
  *s = ModuleSummary();
  ByteReader r(bytes);
  const size_t limit = bytes.size();
  size_t n;
  uint8_t byte;
  if (!DecodeError(r, &s->error)) return false;
  if (!Count(r, limit, &n)) return false;
  s->imports.resize(n);
  for (Import& imp : s->imports) {
    uint64_t flags;
    size_t names;
    if (!r.String(&imp.module) || !r.String(&imp.asname) || !r.Varint32(&imp.line) ||
        !r.Byte(&imp.level) || !r.Varint(&flags) || flags > 0xFFFF || !Count(r, limit, &names)) {
      return false;
    }
    imp.flags = static_cast<uint16_t>(flags);
    imp.names.resize(names);
    for (ImportedName& name : imp.names) {
      if (!r.String(&name.name) || !r.String(&name.asname)) return false;
    }
  }
  if (!Count(r, limit, &n)) return false;
  s->definitions.resize(n);
  for (Definition& d : s->definitions) {
    if (!r.String(&d.name) || !r.Varint32(&d.line) || !r.Byte(&byte)) return false;
    if ((byte & 0x7F) > static_cast<uint8_t>(Definition::Kind::kVariable)) return false;
    d.kind = static_cast<Definition::Kind>(byte & 0x7F);
    d.conditional = (byte & 0x80) != 0;
  }
  if (!r.Byte(&byte) || byte > 1) return false;
  s->has_all = byte == 1;
  if (!Count(r, limit, &n)) return false;
  s->all.resize(n);
  for (std::string& name : s->all) {
    if (!r.String(&name)) return false;
  }
  if (!r.Byte(&byte) || byte > 1) return false;
  s->has_lazy_structure = byte == 1;
  if (!Count(r, limit, &n)) return false;
  s->lazy_exports.resize(n);
  for (LazyExport& e : s->lazy_exports) {
    if (!r.String(&e.submodule) || !r.String(&e.name) || !r.Varint32(&e.line)) return false;
  }
  if (!Count(r, limit, &n)) return false;
  s->dummies.resize(n);
  for (DummyObject& d : s->dummies) {
    size_t backends;
    if (!r.String(&d.name) || !r.Varint32(&d.line) || !r.Byte(&byte) || byte > 1 ||
        !Count(r, limit, &backends)) {
      return false;
    }
    d.is_class = byte == 1;
    d.backends.resize(backends);
    for (std::string& b : d.backends) {
      if (!r.String(&b)) return false;
    }
  }
  if (!Count(r, limit, &n)) return false;
  s->scopes.resize(n);
  for (Scope& sc : s->scopes) {
    uint32_t before = 0, after = 0;
    size_t bases;
    if (!r.String(&sc.qualname) || !r.Varint32(&sc.line) || !r.Varint32(&sc.column) ||
        !r.Varint32(&before) || before > sc.line || !r.Varint32(&after) ||
        after > UINT32_MAX - sc.line || !r.Byte(&byte) ||
        byte > static_cast<uint8_t>(Scope::Kind::kVariable) || !Count(r, limit, &bases)) {
      return false;
    }
    sc.first_line = sc.line - before;
    sc.end_line = sc.line + after;
    sc.kind = static_cast<Scope::Kind>(byte);
    sc.bases.resize(bases);
    for (std::string& b : sc.bases) {
      if (!r.String(&b)) return false;
    }
  }
  if (!Count(r, limit, &n)) return false;
  s->bindings.resize(n);
  for (NameBinding& b : s->bindings) {
    if (!r.String(&b.scope) || !r.String(&b.name) || !r.String(&b.target) || !r.Varint32(&b.line) ||
        !r.Varint32(&b.column)) {
      return false;
    }
  }
  return r.done();
}

}  // namespace kensa::index
