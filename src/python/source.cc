// Source decoding as CPython 3.11's string tokenizer does it (decode_str in
// Parser/tokenizer.c): NUL check, newline translation, BOM, coding cookie on line 1 or 2,
// then either no decoding at all (UTF-8: bytes are kept and only checked where CPython checks
// them, in identifiers and string literals) or a full strict decode with the named codec.
#include "python/source.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "base/utf8.h"
#include "python/source_codecs.h"
#include "python/unicode.h"

namespace kensa::python {
namespace {

using source_codecs::Charmap;

// "\r\n" and lone "\r" become "\n".
std::string TranslateNewlines(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    size_t cr = bytes.find('\r', i);
    if (cr == std::string_view::npos) {
      out.append(bytes.substr(i));
      break;
    }
    out.append(bytes.substr(i, cr - i));
    out.push_back('\n');
    i = cr + 1;
    if (i < bytes.size() && bytes[i] == '\n') ++i;
  }
  return out;
}

bool IsCookieSpace(char c) {
  return c == ' ' || c == '\t' || c == '\f';
}

// CPython's get_normal_name: utf-8 and latin-1 spellings it recognizes without the codec
// registry (only the first 12 characters are looked at).
std::string NormalName(const std::string& spec) {
  std::string buf;
  for (size_t i = 0; i < spec.size() && i < 12; ++i) {
    char c = spec[i];
    buf.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  auto starts = [&](std::string_view p) { return std::string_view(buf).substr(0, p.size()) == p; };
  if (buf == "utf-8" || starts("utf-8-")) return "utf-8";
  if (buf == "latin-1" || buf == "iso-8859-1" || buf == "iso-latin-1" || starts("latin-1-") ||
      starts("iso-8859-1-") || starts("iso-latin-1-")) {
    return "iso-8859-1";
  }
  return spec;
}

// CPython's get_coding_spec over line[0, size): the cookie must sit in a comment that is
// the only thing on the line. Returns the normalized name, or "" when there is none.
std::string FindCodingSpec(std::string_view line) {
  const long size = static_cast<long>(line.size());
  long i = 0;
  for (; i < size - 6; ++i) {
    if (line[i] == '#') break;
    if (!IsCookieSpace(line[i])) return "";
  }
  for (; i < size - 6; ++i) {
    if (line.compare(i, 6, "coding") != 0) continue;
    long t = i + 6;
    if (line[t] != ':' && line[t] != '=') continue;
    do {
      ++t;
    } while (t < size && (line[t] == ' ' || line[t] == '\t'));
    long begin = t;
    while (t < size && (std::isalnum(static_cast<unsigned char>(line[t])) || line[t] == '-' ||
                        line[t] == '_' || line[t] == '.')) {
      ++t;
    }
    if (begin < t) return NormalName(std::string(line.substr(begin, t - begin)));
  }
  return "";
}

// A line with anything but blanks before its comment ends the search for a cookie.
bool IsBlankOrComment(std::string_view line) {
  for (char c : line) {
    if (c == '#' || c == '\n' || c == '\r') return true;
    if (!IsCookieSpace(c)) return false;
  }
  return true;
}

SyntaxError MakeError(SyntaxError::Type type, std::string message) {
  SyntaxError e;
  e.type = type;
  e.message = std::move(message);
  // CPython reports decoding errors at lineno 0, offset -1 (ValueError has no position).
  if (type != SyntaxError::Type::kValueError) e.offset = SyntaxError::kNoOffset;
  return e;
}

bool DecodeWithCharmap(const Charmap& map, std::string_view in, std::string* out,
                       SyntaxError* error) {
  out->reserve(in.size() + in.size() / 4);
  for (size_t i = 0; i < in.size(); ++i) {
    auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b));
      continue;
    }
    char32_t cp = map.upper[b - 0x80];
    if (cp == 0xFFFE) {
      *error =
          MakeError(SyntaxError::Type::kSyntaxError,
                    DecodeErrorMessage("charmap", in, i, i + 1, "character maps to <undefined>"));
      return false;
    }
    AppendUtf8(*out, cp);
  }
  return true;
}

// Decodes `in` (the text after any BOM) with the codec Python resolves `spec` to.
bool DecodeWithCodec(const std::string& spec, std::string_view in, std::string* out,
                     SyntaxError* error) {
  std::string_view module = source_codecs::ResolveCodec(spec);
  if (module.empty()) {
    *error = MakeError(SyntaxError::Type::kSyntaxError, "unknown encoding: " + spec);
    return false;
  }
  if (module == "utf_8" || module == "utf_8_sig") {
    if (module == "utf_8_sig" && in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);
    if (auto bad = FindUtf8Error(in)) {
      *error = MakeError(SyntaxError::Type::kSyntaxError,
                         DecodeErrorMessage("utf-8", in, bad->start, bad->end, bad->reason));
      return false;
    }
    out->assign(in);
    return true;
  }
  if (module == "latin_1") {
    out->reserve(in.size() + in.size() / 4);
    for (char c : in) AppendUtf8(*out, static_cast<unsigned char>(c));
    return true;
  }
  if (module == "ascii") {
    for (size_t i = 0; i < in.size(); ++i) {
      if (static_cast<unsigned char>(in[i]) >= 0x80) {
        *error = MakeError(SyntaxError::Type::kSyntaxError,
                           DecodeErrorMessage("ascii", in, i, i + 1, "ordinal not in range(128)"));
        return false;
      }
    }
    out->assign(in);
    return true;
  }
  if (const Charmap* map = source_codecs::FindCharmap(module)) {
    return DecodeWithCharmap(*map, in, out, error);
  }
  for (std::string_view binary : {"base64_codec", "bz2_codec", "hex_codec", "quopri_codec",
                                  "rot_13", "uu_codec", "zlib_codec"}) {
    if (module == binary) {
      *error = MakeError(SyntaxError::Type::kSyntaxError,
                         "'" + spec +
                             "' is not a text encoding; use codecs.decode() to handle "
                             "arbitrary codecs");
      return false;
    }
  }
  *error =
      MakeError(SyntaxError::Type::kSyntaxError, "kensa cannot decode source encoding: " + spec);
  return false;
}

}  // namespace

namespace source_codecs {

std::string_view ResolveCodec(std::string_view name) {
  // encodings.normalize_encoding: runs of other characters between alphanumerics (and '.')
  // become one '_'; the codec registry lowercases first.
  std::string norm;
  bool punct = false;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
      if (punct && !norm.empty()) norm.push_back('_');
      norm.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      punct = false;
    } else {
      punct = true;
    }
  }
  auto find = [](std::string_view key) -> std::string_view {
    const CodecName* end = kCodecNames + kCodecNamesSize;
    const CodecName* it = std::lower_bound(
        kCodecNames, end, key, [](const CodecName& n, std::string_view k) { return n.name < k; });
    return it != end && it->name == key ? std::string_view(it->module) : std::string_view();
  };
  std::string_view module = find(norm);
  if (module.empty()) {
    std::string underscored = norm;
    std::replace(underscored.begin(), underscored.end(), '.', '_');
    module = find(underscored);
  }
  return module;
}

const Charmap* FindCharmap(std::string_view module) {
  for (size_t i = 0; i < kCharmapsSize; ++i) {
    if (kCharmaps[i].name == module) return &kCharmaps[i];
  }
  return nullptr;
}

}  // namespace source_codecs

std::optional<Source> Source::Decode(std::string_view bytes, SyntaxError* error) {
  // compile() refuses NUL bytes before anything else looks at the source.
  if (bytes.find('\0') != std::string_view::npos) {
    *error =
        MakeError(SyntaxError::Type::kValueError, "source code string cannot contain null bytes");
    return std::nullopt;
  }
  std::string text = TranslateNewlines(bytes);
  std::string_view rest = text;
  bool bom = rest.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) rest.remove_prefix(3);

  // The cookie: line 1, or line 2 when line 1 holds nothing but blanks and a comment.
  std::string spec;
  size_t nl1 = rest.find('\n');
  if (nl1 != std::string_view::npos) {
    std::string_view line1 = rest.substr(0, nl1);
    spec = FindCodingSpec(line1);
    if (spec.empty() && IsBlankOrComment(line1)) {
      size_t nl2 = rest.find('\n', nl1 + 1);
      // CPython adds the final newline before this check, so line 2 always has one.
      std::string line2(
          rest.substr(nl1 + 1, nl2 == std::string_view::npos ? std::string_view::npos : nl2 - nl1));
      if (nl2 == std::string_view::npos) line2.push_back('\n');
      spec = FindCodingSpec(line2);
    }
  } else {
    // CPython's added final newline makes the whole text line 1.
    spec = FindCodingSpec(rest);
  }

  Source source;
  source.declares_encoding_ = bom || !spec.empty();
  if (!spec.empty() && bom && spec != "utf-8") {
    *error = MakeError(SyntaxError::Type::kSyntaxError, "encoding problem: " + spec + " with BOM");
    return std::nullopt;
  }
  if (spec.empty() || spec == "utf-8") {
    // No decoding: CPython checks UTF-8 only where it decodes (identifiers, strings).
    if (bom) text.erase(0, 3);
    source.text_ = std::move(text);
  } else if (spec == "iso-8859-1") {
    source.text_.reserve(rest.size() + rest.size() / 4);
    for (char c : rest) AppendUtf8(source.text_, static_cast<unsigned char>(c));
  } else if (!DecodeWithCodec(spec, rest, &source.text_, error)) {
    return std::nullopt;
  }
  source.lines_ = LineIndex(source.text_);
  return source;
}

Source Source::FromUtf8(std::string_view text) {
  Source source;
  source.text_.assign(text);
  source.lines_ = LineIndex(source.text_);
  return source;
}

}  // namespace kensa::python
