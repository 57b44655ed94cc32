#include "select/token_clean_code.h"

#include <optional>
#include <string>
#include <vector>

#include "python/source.h"
#include "python/tokenizer.h"

namespace kensa::select {

namespace {

using python::TokenKind;

struct Significant {
  TokenKind kind;
  std::string_view text;  // empty for layout tokens, whose text does not matter
  bool operator==(const Significant&) const = default;
};

bool IsFString(std::string_view literal) {
  for (char c : literal) {
    if (c == '"' || c == '\'') return false;
    if (c == 'f' || c == 'F') return true;
  }
  return false;
}

bool IsLayout(TokenKind kind) {
  return kind == TokenKind::kNewline || kind == TokenKind::kIndent || kind == TokenKind::kDedent ||
         kind == TokenKind::kEndMarker;
}

// The tokens that matter, or nullopt when the text does not tokenize.
std::optional<std::vector<Significant>> Tokens(const python::Source& source) {
  python::Tokenizer tokenizer(source);
  std::vector<python::Token> all;
  while (true) {
    python::Token t = tokenizer.Next();
    if (t.kind == TokenKind::kError) return std::nullopt;
    all.push_back(t);
    if (t.kind == TokenKind::kEndMarker) break;
  }
  std::string_view text = source.text();
  std::vector<Significant> out;
  bool statement_start = true;
  for (size_t i = 0; i < all.size(); ++i) {
    const python::Token& t = all[i];
    if (statement_start && t.kind == TokenKind::kString) {
      // A statement of string literals only (implicit concatenation included) does nothing.
      size_t j = i;
      bool fstring = false;
      while (j < all.size() && all[j].kind == TokenKind::kString) {
        fstring = fstring || IsFString(all[j].Text(text));
        ++j;
      }
      if (!fstring && j < all.size() &&
          (all[j].kind == TokenKind::kNewline || all[j].kind == TokenKind::kEndMarker)) {
        if (all[j].kind == TokenKind::kNewline) ++j;
        i = j - 1;
        continue;
      }
    }
    out.push_back({t.kind, IsLayout(t.kind) ? std::string_view() : t.Text(text)});
    statement_start = t.kind == TokenKind::kNewline || t.kind == TokenKind::kIndent ||
                      t.kind == TokenKind::kDedent || t.kind == TokenKind::kSemi;
  }
  return out;
}

}  // namespace

bool TokenDiffIsDocstringOnly(std::string_view old_text, std::string_view new_text) {
  python::Source old_source = python::Source::FromUtf8(old_text);
  python::Source new_source = python::Source::FromUtf8(new_text);
  std::optional<std::vector<Significant>> a = Tokens(old_source);
  std::optional<std::vector<Significant>> b = Tokens(new_source);
  return a && b && *a == *b;
}

}  // namespace kensa::select
