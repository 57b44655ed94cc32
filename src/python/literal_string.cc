// STRING tokens -> Constant or JoinedStr, as CPython 3.11's _PyPegen_concatenate_strings:
// each token is decoded in turn (its errors first), then checked against the first for
// bytes/str mixing; str parts fold into one text, f-strings add replacement fields.
#include <string>

#include "python/fstring.h"
#include "python/literal.h"
#include "python/literal_escape.h"

namespace kensa::python {
namespace {

using fstring::SetLookaheadError;
using fstring::Span;

// One STRING token taken apart: prefix flags and the body between the quotes.
struct StringToken {
  bool bytes = false;
  bool raw = false;
  bool fstring = false;
  uint32_t body_begin = 0;
  uint32_t body_end = 0;
};

StringToken Dissect(std::string_view text, const Token& token) {
  StringToken s;
  uint32_t p = token.begin;
  while (p < token.end && text[p] != '\'' && text[p] != '"') {
    switch (text[p] | 0x20) {
      case 'b':
        s.bytes = true;
        break;
      case 'r':
        s.raw = true;
        break;
      case 'f':
        s.fstring = true;
        break;
      default:
        break;  // 'u'
    }
    ++p;
  }
  char quote = text[p];
  uint32_t quotes = 1;
  if (token.end - p >= 6 && text[p + 1] == quote && text[p + 2] == quote) quotes = 3;
  s.body_begin = p + quotes;
  s.body_end = token.end - quotes;
  return s;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

ast::Constant* NewConstant(Arena& arena, Span span, ast::ConstantValue::Kind kind,
                           std::string_view text, bool kind_u) {
  auto* constant = arena.New<ast::Constant>();
  constant->begin = span.begin;
  constant->end = span.end;
  constant->value.kind = kind;
  constant->value.set_text(text);
  if (kind_u) constant->kind_u = true;
  return constant;
}

}  // namespace

ast::Expr* ParseStringLiterals(const Source& source, std::span<const Token> tokens, Arena& arena,
                               const FStringExprParser& parse_expr, PythonVersion version,
                               SyntaxError* error) {
  (void)version;  // 3.12 f-strings arrive as FSTRING_* tokens, not here
  std::string_view text = source.text();
  const Span group{tokens.front().begin, tokens.back().end};
  const bool kind_u = text[tokens.front().begin] == 'u';

  // The common case, one plain token without escapes: a view of the source, no copy.
  if (tokens.size() == 1) {
    StringToken s = Dissect(text, tokens[0]);
    std::string_view body = text.substr(s.body_begin, s.body_end - s.body_begin);
    bool plain = s.raw || body.find('\\') == std::string_view::npos;
    std::string message;
    if (!s.fstring && plain && !s.bytes) {
      if (!CheckUtf8(body, &message)) {
        SetLookaheadError(error, message);
        return nullptr;
      }
      return NewConstant(arena, group, ast::ConstantValue::Kind::kStr, body, kind_u);
    }
    if (!s.fstring && plain && s.bytes && IsAscii(body)) {
      return NewConstant(arena, group, ast::ConstantValue::Kind::kBytes, body, false);
    }
  }

  fstring::StringGroup str_group(arena);
  fstring::ScanContext context{source, arena, parse_expr, group, kind_u, error};
  std::string bytes_value;
  bool bytes_mode = false;
  std::string decoded;
  std::string message;
  for (size_t i = 0; i < tokens.size(); ++i) {
    StringToken s = Dissect(text, tokens[i]);
    std::string_view body = text.substr(s.body_begin, s.body_end - s.body_begin);
    bool plain = s.raw || body.find('\\') == std::string_view::npos;
    decoded.clear();
    if (!s.fstring) {
      if (s.bytes && !IsAscii(body)) {
        SetLookaheadError(error, "bytes can only contain ASCII literal characters");
        return nullptr;
      }
      if (plain && !s.bytes && !CheckUtf8(body, &message)) {
        SetLookaheadError(error, message);
        return nullptr;
      }
      if (!plain) {
        bool ok = s.bytes ? DecodeBytesEscapes(body, &decoded, &message)
                          : DecodeStrEscapes(body, &decoded, &message);
        if (!ok) {
          SetLookaheadError(error, message);
          return nullptr;
        }
      }
    }
    if (i != 0 && s.bytes != bytes_mode) {
      SetLookaheadError(error, "cannot mix bytes and nonbytes literals");
      return nullptr;
    }
    bytes_mode = s.bytes;
    std::string_view value = plain && !s.fstring ? body : std::string_view(decoded);
    if (s.fstring) {
      if (!fstring::ConcatFString(context, str_group, {tokens[i].begin, tokens[i].end},
                                  s.body_begin, s.body_end, s.raw)) {
        return nullptr;
      }
    } else if (s.bytes) {
      bytes_value += value;
    } else {
      str_group.AddText(value);
    }
  }
  if (bytes_mode) {
    std::string_view value = arena.CopyString(bytes_value);
    return NewConstant(arena, group, ast::ConstantValue::Kind::kBytes, value, false);
  }
  return str_group.Finish(group, kind_u);
}

}  // namespace kensa::python
