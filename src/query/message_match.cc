#include "query/message_match.h"

#include <algorithm>
#include <vector>

namespace kensa::query {
namespace {

constexpr size_t kMaxLiteral = 1 << 20;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The length of a dotted name at the start of s ("json.decoder.JSONDecodeError"), 0 if none.
size_t DottedNameLength(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (IsIdentChar(s[i]) || (s[i] == '.' && i > 0))) ++i;
  return i;
}

bool LooksLikeExceptionClass(std::string_view name) {
  std::string_view last =
      name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1);
  for (std::string_view suffix :
       {"Error", "Exception", "Warning", "Exit", "Interrupt", "Iteration"}) {
    if (EndsWith(last, suffix)) return true;
  }
  return false;
}

// After a traceback's header, its frames are indented; the exception is the first line that
// is not.
std::string_view AfterTraceback(std::string_view s) {
  constexpr std::string_view kHeader = "Traceback (most recent call last):";
  size_t at = s.rfind(kHeader);
  if (at == std::string_view::npos) return s;
  s.remove_prefix(at + kHeader.size());
  while (!s.empty()) {
    size_t nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    if (!line.empty() && !IsSpace(line[0])) return s;
    if (nl == std::string_view::npos) return {};
    s.remove_prefix(nl + 1);
  }
  return s;
}

}  // namespace

PreparedMessage PrepareMessage(std::string_view raw) {
  PreparedMessage out;
  std::string normalized;
  normalized.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    normalized += raw[i];
  }
  std::string_view s = Trim(AfterTraceback(normalized));
  const char* start = s.data();

  // logging's default format: LEVEL:logger.name:message
  for (std::string_view level : {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}) {
    if (s.size() > level.size() && s.substr(0, level.size()) == level && s[level.size()] == ':') {
      std::string_view rest = s.substr(level.size() + 1);
      size_t name = DottedNameLength(rest);
      if (name < rest.size() && rest[name] == ':') {
        for (char c : level) out.level += static_cast<char>(c - 'A' + 'a');
        s = Trim(rest.substr(name + 1));
      }
      break;
    }
  }
  // warnings.showwarning: path:LINE: Category: message
  if (out.level.empty()) {
    size_t colon = s.find(": ");
    size_t nl = s.find('\n');
    if (colon != std::string_view::npos && (nl == std::string_view::npos || colon < nl)) {
      std::string_view head = s.substr(0, colon);
      size_t line_colon = head.rfind(':');
      if (line_colon != std::string_view::npos && line_colon + 1 < head.size()) {
        std::string_view digits = head.substr(line_colon + 1);
        bool all_digits = digits.find_first_not_of("0123456789") == std::string_view::npos;
        std::string_view rest = s.substr(colon + 2);
        size_t name = DottedNameLength(rest);
        if (all_digits && name > 0 && rest.substr(name, 2) == ": " &&
            LooksLikeExceptionClass(rest.substr(0, name))) {
          out.exception = std::string(rest.substr(0, name));
          s = Trim(rest.substr(name + 2));
        }
      }
    }
  }
  // An exception as a traceback ends: ValueError: message
  if (out.level.empty() && out.exception.empty()) {
    size_t name = DottedNameLength(s);
    if (name > 0 && s.substr(name, 2) == ": " && LooksLikeExceptionClass(s.substr(0, name))) {
      out.exception = std::string(s.substr(0, name));
      s = Trim(s.substr(name + 2));
    }
  }
  out.prefix = std::string(start, static_cast<size_t>(s.data() - start));
  out.text = std::string(s);
  return out;
}

TemplateMatch MatchTemplate(const MessageTemplate& t, std::string_view text, bool allow_cut) {
  TemplateMatch m;
  if (text.empty() || t.empty()) return m;
  // Surrounding whitespace is not compared: print's newline, a message indented in its source.
  std::vector<std::string_view> pieces;
  std::vector<bool> holes;
  for (const TemplatePiece& p : t) {
    pieces.push_back(p.text);
    holes.push_back(p.hole);
  }
  if (!holes.front()) {
    while (!pieces.front().empty() && IsSpace(pieces.front().front()))
      pieces.front().remove_prefix(1);
  }
  if (!holes.back()) {
    while (!pieces.back().empty() && IsSpace(pieces.back().back())) pieces.back().remove_suffix(1);
  }
  size_t pos = 0;
  const size_t n = pieces.size();
  for (size_t i = 0; i < n; ++i) {
    if (holes[i]) continue;
    std::string_view lit = pieces[i];
    if (lit.empty()) continue;
    bool last = true;  // no hole after this literal: it must end the message
    for (size_t j = i + 1; j < n; ++j) last &= !holes[j] && pieces[j].empty();
    size_t found = std::string_view::npos;
    if (last) {
      if (text.size() >= pos + lit.size() && EndsWith(text, lit)) found = text.size() - lit.size();
    } else {
      found = text.find(lit, pos);
    }
    if (found != std::string_view::npos) {
      m.explained += lit.size();
      pos = found + lit.size();
      continue;
    }
    // The message may be the template's first lines only (a multi-line message of which the
    // first line was given): then this literal holds a line break, and the rest of the text
    // ends with what comes before it, after whatever the hole before it took.
    size_t nl = lit.find('\n');
    bool hole_before = i == 0 || holes[i - 1];
    if (allow_cut) {
      // The text stops inside this literal: its end is the literal's start (the longest one
      // that follows the last match, after the hole before it if there is one).
      for (size_t q = pos; q < text.size(); ++q) {
        std::string_view rest = text.substr(q);
        if (rest.size() <= lit.size() && lit.substr(0, rest.size()) == rest) {
          if (!hole_before && q != pos) break;
          m.explained += rest.size();
          m.truncated = true;
          m.matched = true;
          return m;
        }
        if (!hole_before) break;
      }
      return TemplateMatch{};
    }
    if (nl == std::string_view::npos) return TemplateMatch{};
    std::string_view head = lit.substr(0, std::min(nl, kMaxLiteral));
    while (!head.empty() && IsSpace(head.back())) head.remove_suffix(1);
    if (text.size() < pos + head.size() || !EndsWith(text, head)) return TemplateMatch{};
    // Without a hole before this literal nothing may come between the last match and the cut.
    if (!hole_before && pos + head.size() != text.size()) return TemplateMatch{};
    m.explained += head.size();
    m.truncated = true;
    m.matched = true;
    return m;
  }
  // Text left after the last literal is only allowed when a hole ends the template.
  size_t tail = n;
  while (tail > 0 && !holes[tail - 1] && pieces[tail - 1].empty()) --tail;
  bool ends_with_hole = tail > 0 && holes[tail - 1];
  if (pos < text.size() && !ends_with_hole) return TemplateMatch{};
  m.matched = true;
  return m;
}

}  // namespace kensa::query
