#include "checks/py_re_translate.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "checks/py_re_tokenizer.h"
#include "checks/py_text.h"
#include "python/literal_unicode.h"
#include "python/unicode.h"

namespace kensa::checks {

namespace {

// re._constants on a 64-bit CPython 3.11.
constexpr uint64_t kMaxRepeat = 4294967295u;
constexpr uint64_t kMaxGroups = 1073741823u;
// The largest count PCRE2 accepts in {m,n}.
constexpr uint64_t kPcreMaxRepeat = 65535;
constexpr uint64_t kHuge = uint64_t{1} << 62;  // saturation point of width arithmetic

// Python's flag bits (re.RegexFlag values).
enum : unsigned {
  kTemplate = 1,
  kIgnoreCase = 2,
  kLocale = 4,
  kMultiline = 8,
  kDotAll = 16,
  kUnicode = 32,
  kVerbose = 64,
  kAscii = 256,
  kTypeFlags = kAscii | kLocale | kUnicode,
};

unsigned FlagBit(char32_t c) {
  switch (c) {
    case 'i':
      return kIgnoreCase;
    case 'L':
      return kLocale;
    case 'm':
      return kMultiline;
    case 's':
      return kDotAll;
    case 'x':
      return kVerbose;
    case 'a':
      return kAscii;
    case 't':
      return kTemplate;
    case 'u':
      return kUnicode;
    default:
      return 0;
  }
}

bool IsDigit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool IsOctDigit(char32_t c) {
  return c >= '0' && c <= '7';
}
bool IsHexDigit(char32_t c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsAsciiLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiWhitespace(char32_t c) {  // re._parser.WHITESPACE (verbose mode)
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string Utf8(std::u32string_view s) {
  return EncodeUtf8(s);
}

// The code-point ranges of Python's \s for str patterns (str.isspace()).
const std::vector<std::pair<char32_t, char32_t>>& SpaceRanges() {
  static const std::vector<std::pair<char32_t, char32_t>> ranges = {
      {0x09, 0x0D},     {0x1C, 0x20},     {0x85, 0x85},     {0xA0, 0xA0},     {0x1680, 0x1680},
      {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};
  return ranges;
}
const std::vector<std::pair<char32_t, char32_t>> kAsciiSpace = {{0x09, 0x0D}, {0x20, 0x20}};
const std::vector<std::pair<char32_t, char32_t>> kAsciiDigit = {{'0', '9'}};
const std::vector<std::pair<char32_t, char32_t>> kAsciiWord = {
    {'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};

std::vector<std::pair<char32_t, char32_t>> Complement(
    const std::vector<std::pair<char32_t, char32_t>>& sorted) {
  std::vector<std::pair<char32_t, char32_t>> out;
  char32_t next = 0;
  for (const auto& [lo, hi] : sorted) {
    if (lo > next) out.emplace_back(next, lo - 1);
    next = hi + 1;
  }
  if (next <= 0x10FFFF) out.emplace_back(next, 0x10FFFF);
  return out;
}

std::string Hex(char32_t c) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[c & 15]);
    c >>= 4;
  } while (c != 0);
  return "\\x{" + out + "}";
}

// One-character atoms that match nothing / any character.
constexpr const char* kNothing = "[^\\x{0}-\\x{10ffff}]";
constexpr const char* kAnything = "[\\x{0}-\\x{10ffff}]";

bool IsSurrogate(char32_t c) {
  return c >= 0xD800 && c <= 0xDFFF;
}

// One class range in PCRE2 syntax, without the surrogates PCRE2's UTF mode refuses (a UTF-8
// subject never holds them, so dropping them changes no match).
void AppendRange(char32_t lo, char32_t hi, std::string* out) {
  if (lo <= 0xDFFF && hi >= 0xD800) {
    if (lo < 0xD800) AppendRange(lo, 0xD7FF, out);
    if (hi > 0xDFFF) AppendRange(0xE000, hi, out);
    return;
  }
  out->append(Hex(lo));
  if (hi != lo) out->append("-").append(Hex(hi));
}

std::string RangesText(const std::vector<std::pair<char32_t, char32_t>>& ranges) {
  std::string out;
  for (const auto& [lo, hi] : ranges) AppendRange(lo, hi, &out);
  return out;
}

// A literal outside a class: ASCII letters and digits as themselves, other ASCII as \x{..}
// (nothing PCRE2 could read as syntax), the rest as UTF-8.
std::string LiteralText(char32_t c) {
  if (IsSurrogate(c)) return kNothing;  // never in a UTF-8 subject
  if (c < 0x80) {
    if (IsDigit(c) || IsAsciiLetter(c)) return std::string(1, static_cast<char>(c));
    return Hex(c);
  }
  return Utf8(std::u32string(1, c));
}

// Width arithmetic as re._parser.SubPattern.getwidth, saturating instead of growing.
struct Width {
  uint64_t lo = 0;
  uint64_t hi = 0;
};
uint64_t SatAdd(uint64_t a, uint64_t b) {
  return std::min(kHuge, a + b);
}
uint64_t SatMul(uint64_t a, uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > kHuge / b ? kHuge : a * b;
}
Width Capped(Width w) {
  return {std::min(w.lo, kMaxRepeat - 1), std::min(w.hi, kMaxRepeat)};
}

// What re._parser appends to a SubPattern, reduced to what the translation needs.
enum class Op { kUnit, kAt, kRepeat, kSubpattern, kAtomic, kAssert, kGroupRef, kGroupExists };
struct Item {
  Op op = Op::kUnit;
  std::string text;  // PCRE2 syntax, one atom (a quantifier may follow it)
  Width width;
};
struct Sequence {
  std::vector<Item> items;
  std::string Text() const {
    std::string out;
    for (const Item& item : items) out += item.text;
    return out;
  }
  Width GetWidth() const {
    Width w;
    for (const Item& item : items) w = {SatAdd(w.lo, item.width.lo), SatAdd(w.hi, item.width.hi)};
    return Capped(w);
  }
};
struct Alternation {
  std::string text;
  Width width;
};

// A member of a character class: a literal, a range, or a category (\d, \W, ...).
struct ClassCode {
  enum Kind { kLiteral, kRange, kCategory } kind = kLiteral;
  char32_t lo = 0;
  char32_t hi = 0;
  char32_t category = 0;  // 'd', 'D', 's', 'S', 'w', 'W'
};

class Translator : private PyReTokenizer {
 public:
  explicit Translator(std::u32string pattern) : PyReTokenizer(std::move(pattern)) {}

  PcreTranslation Run() {
    Advance();
    flags_.push_back(0);
    Alternation top = ParseSub(false, 0);
    unsigned global = flags_[0];
    if (global & kLocale) throw PyReError{"cannot use LOCALE flag with a str pattern", {}};
    if ((global & kAscii) && (global & kUnicode)) {
      throw PyReError{"ASCII and UNICODE flags are incompatible", {}};
    }
    if (!next_.none) Fail("unbalanced parenthesis");
    for (const auto& [group, pos] : group_ref_pos_) {
      if (group >= groups()) {
        throw PyReError{"invalid group reference " + std::to_string(group), pos};
      }
    }
    if (lookbehind_error_) throw PyReError{"look-behind requires fixed-width pattern", {}};
    if (!unsupported_.empty()) throw PyReError{"kensa does not support " + unsupported_, {}};
    PcreTranslation out;
    out.pattern = top.text;
    out.ignore_case = global & kIgnoreCase;
    out.multiline = global & kMultiline;
    out.dot_all = global & kDotAll;
    out.groups = groups() - 1;
    for (const auto& [name, gid] : group_dict_) out.group_index[Utf8(name)] = gid;
    return out;
  }

 private:
  void CheckGroupName(const std::u32string& name, size_t offset) const {
    if (!PyIsIdentifier(name)) {
      Fail("bad character in group name " + PyStrRepr(name), name.size() + offset);
    }
  }

  // --- re._parser.State ---------------------------------------------------------------------

  size_t groups() const { return group_widths_.size(); }
  bool CheckGroup(size_t gid) const { return gid < groups() && group_widths_[gid].has_value(); }
  void CheckLookbehindGroup(size_t gid) const {
    if (!lookbehind_groups_) return;
    if (!CheckGroup(gid)) Fail("cannot refer to an open group");
    if (gid >= *lookbehind_groups_) {
      Fail("cannot refer to group defined in the same lookbehind subpattern");
    }
  }
  unsigned flags() const { return flags_.back(); }
  bool ascii() const { return flags() & kAscii; }
  void NoteUnsupported(const std::string& what) {
    if (unsupported_.empty()) unsupported_ = what;
  }

  // --- The grammar ------------------------------------------------------------------------------

  Alternation ParseSub(bool verbose, int nested) {
    std::vector<Sequence> items;
    while (true) {
      items.push_back(Parse(verbose, nested + 1, nested == 0 && items.empty()));
      if (!Match('|')) break;
      if (nested == 0) verbose = flags_[0] & kVerbose;
    }
    Alternation out;
    if (items.size() == 1) {
      out.text = items[0].Text();
      out.width = items[0].GetWidth();
      return out;
    }
    Width w{kMaxRepeat - 1, 0};
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out.text += "|";
      out.text += items[i].Text();
      Width b = items[i].GetWidth();
      w = {std::min(w.lo, b.lo), std::max(w.hi, b.hi)};
    }
    out.width = Capped(w);
    return out;
  }

  Sequence Parse(bool verbose, int nested, bool first) {
    Sequence sub;
    while (true) {
      if (next_.none || next_.Is('|') || next_.Is(')')) break;
      PyReToken t = Get();
      if (verbose && !t.escape) {
        if (IsAsciiWhitespace(t.c)) continue;
        if (t.c == '#') {
          while (true) {
            PyReToken c = Get();
            if (c.none || c.Is('\n')) break;
          }
          continue;
        }
      }
      if (t.escape) {
        sub.items.push_back(Escape(t));
      } else if (t.c == '[') {
        sub.items.push_back(ParseClass());
      } else if (t.c == '*' || t.c == '+' || t.c == '?' || t.c == '{') {
        ParseRepeat(t.c, &sub);
      } else if (t.c == '.') {
        sub.items.push_back({Op::kUnit, ".", {1, 1}});
      } else if (t.c == '(') {
        ParseGroup(verbose, nested, first, &sub, &verbose);
      } else if (t.c == '^') {
        sub.items.push_back({Op::kAt, "^", {0, 0}});
      } else if (t.c == '$') {
        sub.items.push_back({Op::kAt, "$", {0, 0}});
      } else {
        sub.items.push_back(Literal(t.c));
      }
    }
    return sub;
  }

  void ParseRepeat(char32_t c, Sequence* sub) {
    size_t here = Tell();
    uint64_t min = 0;
    uint64_t max = kMaxRepeat;
    if (c == '?') {
      max = 1;
    } else if (c == '+') {
      min = 1;
    } else if (c == '{') {
      if (next_.Is('}')) {
        sub->items.push_back({Op::kUnit, LiteralText('{'), {1, 1}});
        return;
      }
      std::u32string lo;
      std::u32string hi;
      while (NextIn(IsDigit)) lo += Get().c;
      if (Match(',')) {
        while (NextIn(IsDigit)) hi += Get().c;
      } else {
        hi = lo;
      }
      if (!Match('}')) {
        sub->items.push_back({Op::kUnit, LiteralText('{'), {1, 1}});
        Seek(here);
        return;
      }
      auto number = [](const std::u32string& digits) {
        uint64_t v = 0;
        for (char32_t d : digits) v = std::min(kHuge, v * 10 + (d - '0'));
        return v;
      };
      if (!lo.empty()) {
        min = number(lo);
        if (min >= kMaxRepeat) throw PyReError{"the repetition number is too large", {}};
      }
      if (!hi.empty()) {
        max = number(hi);
        if (max >= kMaxRepeat) throw PyReError{"the repetition number is too large", {}};
        if (max < min) Fail("min repeat greater than max repeat", Tell() - here);
      }
    }
    if (sub->items.empty() || sub->items.back().op == Op::kAt) {
      Fail("nothing to repeat", Tell() - here + 1);
    }
    if (sub->items.back().op == Op::kRepeat) Fail("multiple repeat", Tell() - here + 1);
    Item& item = sub->items.back();
    std::string quantifier;
    if (min == 0 && max == 1) {
      quantifier = "?";
    } else if (min == 0 && max == kMaxRepeat) {
      quantifier = "*";
    } else if (min == 1 && max == kMaxRepeat) {
      quantifier = "+";
    } else {
      if (min > kPcreMaxRepeat || (max != kMaxRepeat && max > kPcreMaxRepeat)) {
        NoteUnsupported("repeat counts above 65535 (PCRE2's limit)");
      }
      quantifier = "{" + std::to_string(min) + "," +
                   (max == kMaxRepeat ? std::string() : std::to_string(max)) + "}";
    }
    if (Match('?')) {
      quantifier += "?";
    } else if (Match('+')) {
      quantifier += "+";
    }
    Width inner = Capped(item.width);
    item.width = {SatMul(inner.lo, min), SatMul(inner.hi, max)};
    item.text += quantifier;
    item.op = Op::kRepeat;
  }

  // --- Escapes -----------------------------------------------------------------------------

  // \d \D \s \S \w \W outside a class.
  std::string CategoryText(char32_t c) const {
    switch (c) {
      case 'd':
        return ascii() ? "[" + RangesText(kAsciiDigit) + "]" : "\\d";
      case 'D':
        return ascii() ? "[^" + RangesText(kAsciiDigit) + "]" : "\\D";
      case 'w':
        return ascii() ? "[" + RangesText(kAsciiWord) + "]" : "\\w";
      case 'W':
        return ascii() ? "[^" + RangesText(kAsciiWord) + "]" : "\\W";
      case 's':
        return "[" + RangesText(ascii() ? kAsciiSpace : SpaceRanges()) + "]";
      default:
        return "[^" + RangesText(ascii() ? kAsciiSpace : SpaceRanges()) + "]";
    }
  }
  // The same inside a class (without the brackets).
  std::string ClassCategoryText(char32_t c) const {
    switch (c) {
      case 'd':
        return ascii() ? RangesText(kAsciiDigit) : "\\d";
      case 'D':
        return ascii() ? RangesText(Complement(kAsciiDigit)) : "\\D";
      case 'w':
        return ascii() ? RangesText(kAsciiWord) : "\\w";
      case 'W':
        return ascii() ? RangesText(Complement(kAsciiWord)) : "\\W";
      case 's':
        return RangesText(ascii() ? kAsciiSpace : SpaceRanges());
      default:
        return RangesText(Complement(ascii() ? kAsciiSpace : SpaceRanges()));
    }
  }
  std::string BoundaryText(bool boundary) const {
    if (!ascii()) return boundary ? "\\b" : "(?!\\A\\z)\\B";
    std::string w = "[" + RangesText(kAsciiWord) + "]";
    if (boundary) return "(?:(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + "))";
    return "(?!\\A\\z)(?:(?<=" + w + ")(?=" + w + ")|(?<!" + w + ")(?!" + w + "))";
  }

  static bool IsCategory(char32_t c) {
    return c == 'd' || c == 'D' || c == 's' || c == 'S' || c == 'w' || c == 'W';
  }

  // \x.. \u.... \U........ \N{...}: the code point, or nullopt when `c` is none of them.
  // `escape` accumulates the escape's text for messages.
  std::optional<char32_t> HexOrNamedEscape(char32_t c, std::u32string* escape) {
    size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits != 0) {
      *escape += GetWhile(digits, IsHexDigit);
      if (escape->size() != digits + 2) {
        Fail("incomplete escape " + Utf8(*escape), escape->size());
      }
      uint64_t v = 0;
      for (size_t i = 2; i < escape->size(); ++i) {
        char32_t d = (*escape)[i];
        v = v * 16 + (IsDigit(d) ? d - '0' : (d | 0x20) - 'a' + 10);
      }
      if (v > 0x10FFFF) Fail("bad escape " + Utf8(*escape), escape->size());
      return static_cast<char32_t>(v);
    }
    if (c == 'N') {
      if (!Match('{')) Fail("missing {");
      std::u32string name = GetUntil('}', "character name");
      int32_t cp = python::LookupUnicodeName(Utf8(name));
      if (cp < 0) Fail("undefined character name " + PyStrRepr(name), name.size() + 4);
      return static_cast<char32_t>(cp);
    }
    return std::nullopt;
  }

  // Python's case-insensitive matching compares simple lower-case forms and adds a few
  // equivalences (re._casefix); PCRE2 uses Unicode case folding. They differ for one family:
  // Python matches i, I, U+0130 (lower-cases to i) and U+0131 (re._casefix) together.
  bool TurkishIFix() const { return (flags() & kIgnoreCase) && !ascii(); }
  static bool IsIFamily(char32_t c) { return c == 'i' || c == 'I' || c == 0x130 || c == 0x131; }
  static constexpr const char* kIFamily = "iI\\x{130}\\x{131}";

  Item Literal(char32_t c) {
    if (TurkishIFix() && IsIFamily(c))
      return {Op::kUnit, std::string("[") + kIFamily + "]", {1, 1}};
    return {Op::kUnit, LiteralText(c), {1, 1}};
  }

  Item Escape(const PyReToken& t) {  // re._parser._escape
    char32_t c = t.c;
    switch (c) {
      case 'A':
        return {Op::kAt, "\\A", {0, 0}};
      case 'Z':
        return {Op::kAt, "\\z", {0, 0}};
      case 'b':
        return {Op::kAt, BoundaryText(true), {0, 0}};
      case 'B':
        return {Op::kAt, BoundaryText(false), {0, 0}};
      default:
        break;
    }
    if (IsCategory(c)) return {Op::kUnit, CategoryText(c), {1, 1}};
    if (std::optional<char32_t> e = PyReSimpleEscape(c)) return Literal(*e);
    std::u32string escape = t.text();
    if (std::optional<char32_t> v = HexOrNamedEscape(c, &escape)) return Literal(*v);
    if (c == '0') {
      escape += GetWhile(2, IsOctDigit);
      return Literal(Octal(escape));
    }
    if (IsDigit(c)) {
      if (NextIn(IsDigit)) {
        escape += Get().c;
        if (IsOctDigit(escape[1]) && IsOctDigit(escape[2]) && NextIn(IsOctDigit)) {
          escape += Get().c;
          char32_t v = Octal(escape);
          if (v > 0377) {
            Fail("octal escape value " + Utf8(escape) + " outside of range 0-0o377", escape.size());
          }
          return Literal(v);
        }
      }
      size_t group = (escape[1] - '0') * (escape.size() == 3 ? 10 : 1) +
                     (escape.size() == 3 ? escape[2] - '0' : 0);
      if (group < groups()) {
        if (!CheckGroup(group)) Fail("cannot refer to an open group", escape.size());
        CheckLookbehindGroup(group);
        return GroupRef(group);
      }
      Fail("invalid group reference " + std::to_string(group), escape.size() - 1);
    }
    if (IsAsciiLetter(c)) Fail("bad escape " + Utf8(escape), escape.size());
    return Literal(c);
  }

  static char32_t Octal(const std::u32string& escape) {
    char32_t v = 0;
    for (size_t i = 1; i < escape.size(); ++i) v = v * 8 + (escape[i] - '0');
    return v;
  }

  Item GroupRef(size_t gid) const {
    return {Op::kGroupRef, "\\g{" + std::to_string(gid) + "}", *group_widths_[gid]};
  }

  ClassCode ClassEscape(const PyReToken& t) {  // re._parser._class_escape
    char32_t c = t.c;
    if (std::optional<char32_t> e = PyReSimpleEscape(c)) return {ClassCode::kLiteral, *e, *e, 0};
    if (IsCategory(c)) return {ClassCode::kCategory, 0, 0, c};
    std::u32string escape = t.text();
    if (std::optional<char32_t> v = HexOrNamedEscape(c, &escape)) {
      return {ClassCode::kLiteral, *v, *v, 0};
    }
    if (IsOctDigit(c)) {
      escape += GetWhile(2, IsOctDigit);
      char32_t v = Octal(escape);
      if (v > 0377) {
        Fail("octal escape value " + Utf8(escape) + " outside of range 0-0o377", escape.size());
      }
      return {ClassCode::kLiteral, v, v, 0};
    }
    if (IsDigit(c) || IsAsciiLetter(c)) Fail("bad escape " + Utf8(escape), escape.size());
    return {ClassCode::kLiteral, c, c, 0};
  }

  Item ParseClass() {
    size_t here = Tell() - 1;
    std::vector<ClassCode> set;
    bool negate = Match('^');
    while (true) {
      PyReToken t = Get();
      if (t.none) Fail("unterminated character set", Tell() - here);
      if (t.Is(']') && !set.empty()) break;
      ClassCode code1 = t.escape ? ClassEscape(t) : ClassCode{ClassCode::kLiteral, t.c, t.c, 0};
      if (Match('-')) {
        PyReToken that = Get();
        if (that.none) Fail("unterminated character set", Tell() - here);
        if (that.Is(']')) {
          set.push_back(code1);
          set.push_back({ClassCode::kLiteral, '-', '-', 0});
          break;
        }
        ClassCode code2 =
            that.escape ? ClassEscape(that) : ClassCode{ClassCode::kLiteral, that.c, that.c, 0};
        std::string message = "bad character range " + Utf8(t.text()) + "-" + Utf8(that.text());
        size_t offset = t.size() + 1 + that.size();
        if (code1.kind != ClassCode::kLiteral || code2.kind != ClassCode::kLiteral) {
          Fail(message, offset);
        }
        if (code2.lo < code1.lo) Fail(message, offset);
        set.push_back({ClassCode::kRange, code1.lo, code2.lo, 0});
      } else {
        set.push_back(code1);
      }
    }
    std::string body;
    bool i_family = false;
    for (const ClassCode& code : set) {
      if (code.kind == ClassCode::kCategory) {
        body += ClassCategoryText(code.category);
      } else {
        AppendRange(code.lo, code.hi, &body);
        for (char32_t c : {U'i', U'I', char32_t{0x130}, char32_t{0x131}}) {
          i_family = i_family || (code.lo <= c && c <= code.hi);
        }
      }
    }
    if (i_family && TurkishIFix()) body += kIFamily;
    // Only surrogates: nothing a UTF-8 subject holds.
    if (body.empty()) return {Op::kUnit, negate ? kAnything : kNothing, {1, 1}};
    return {Op::kUnit, (negate ? "[^" : "[") + body + "]", {1, 1}};
  }

  // --- Groups ------------------------------------------------------------------------------

  // re._parser._parse_flags: (add, del) for a scoped group, nullopt for global flags.
  std::optional<std::pair<unsigned, unsigned>> ParseFlags(PyReToken t) {
    unsigned add = 0;
    unsigned del = 0;
    auto flag_of = [](const PyReToken& k) { return k.none || k.escape ? 0u : FlagBit(k.c); };
    auto is_alpha = [](const PyReToken& k) {
      return !k.escape && (IsAsciiLetter(k.c) || (k.c >= 0x80 && PyIsIdentifier({&k.c, 1})));
    };
    if (!t.Is('-')) {
      while (true) {
        unsigned flag = flag_of(t);
        if (flag == kLocale) Fail("bad inline flags: cannot use 'L' flag with a str pattern");
        add |= flag;
        if ((flag & kTypeFlags) && (add & kTypeFlags) != flag) {
          Fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
        }
        t = Get();
        if (t.none) Fail("missing -, : or )");
        if (t.Is(')') || t.Is('-') || t.Is(':')) break;
        if (flag_of(t) == 0) Fail(is_alpha(t) ? "unknown flag" : "missing -, : or )", t.size());
      }
    }
    if (t.Is(')')) {
      flags_[0] |= add;
      return std::nullopt;
    }
    if (add & kTemplate) Fail("bad inline flags: cannot turn on global flag", 1);
    if (t.Is('-')) {
      t = Get();
      if (t.none) Fail("missing flag");
      if (flag_of(t) == 0) Fail(is_alpha(t) ? "unknown flag" : "missing flag", t.size());
      while (true) {
        unsigned flag = flag_of(t);
        if (flag & kTypeFlags) Fail("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
        del |= flag;
        t = Get();
        if (t.none) Fail("missing :");
        if (t.Is(':')) break;
        if (flag_of(t) == 0) Fail(is_alpha(t) ? "unknown flag" : "missing :", t.size());
      }
    }
    if (del & kTemplate) Fail("bad inline flags: cannot turn off global flag", 1);
    if (add & del) Fail("bad inline flags: flag turned on and off", 1);
    return std::make_pair(add, del);
  }

  static std::string PcreFlags(unsigned add, unsigned del) {
    auto letters = [](unsigned f) {
      std::string out;
      if (f & kIgnoreCase) out += 'i';
      if (f & kMultiline) out += 'm';
      if (f & kDotAll) out += 's';
      return out;
    };
    std::string on = letters(add);
    std::string off = letters(del);
    if (on.empty() && off.empty()) return "(?:";
    return "(?" + on + (off.empty() ? "" : "-" + off) + ":";
  }

  void CheckFlagSupport(unsigned f) {
    if ((f & kAscii) && (f & kIgnoreCase)) {
      NoteUnsupported(
          "the 'a' flag with the 'i' flag (PCRE2 10.42 cannot limit case folding "
          "to ASCII)");
    }
    if (f & kTemplate) NoteUnsupported("the 't' (template) flag");
  }

  void ParseGroup(bool verbose, int nested, bool first, Sequence* sub, bool* outer_verbose) {
    size_t start = Tell() - 1;
    bool capture = true;
    bool atomic = false;
    std::optional<std::u32string> name;
    unsigned add = 0;
    unsigned del = 0;
    if (Match('?')) {
      PyReToken c = Get();
      if (c.none) Fail("unexpected end of pattern");
      if (c.Is('P')) {
        if (Match('<')) {
          name = GetUntil('>', "group name");
          CheckGroupName(*name, 1);
        } else if (Match('=')) {
          std::u32string ref = GetUntil(')', "group name");
          CheckGroupName(ref, 1);
          auto it = group_dict_.find(ref);
          if (it == group_dict_.end()) {
            Fail("unknown group name " + PyStrRepr(ref), ref.size() + 1);
          }
          if (!CheckGroup(it->second)) Fail("cannot refer to an open group", ref.size() + 1);
          CheckLookbehindGroup(it->second);
          sub->items.push_back(GroupRef(it->second));
          return;
        } else {
          PyReToken k = Get();
          if (k.none) Fail("unexpected end of pattern");
          Fail("unknown extension ?P" + Utf8(k.text()), k.size() + 2);
        }
      } else if (c.Is(':')) {
        capture = false;
      } else if (c.Is('#')) {
        while (true) {
          if (next_.none) Fail("missing ), unterminated comment", Tell() - start);
          if (Get().Is(')')) break;
        }
        return;
      } else if (c.Is('=') || c.Is('!') || c.Is('<')) {
        ParseLookaround(c, verbose, nested, start, sub);
        return;
      } else if (c.Is('(')) {
        ParseConditional(verbose, nested, start, sub);
        return;
      } else if (c.Is('>')) {
        capture = false;
        atomic = true;
      } else if ((!c.escape && FlagBit(c.c) != 0) || c.Is('-')) {
        std::optional<std::pair<unsigned, unsigned>> scoped = ParseFlags(c);
        if (!scoped) {
          if (!first || !sub->items.empty()) {
            Fail("global flags not at the start of the expression", Tell() - start);
          }
          CheckFlagSupport(flags_[0]);
          *outer_verbose = flags_[0] & kVerbose;
          return;
        }
        std::tie(add, del) = *scoped;
        capture = false;
      } else {
        Fail("unknown extension ?" + Utf8(c.text()), c.size() + 1);
      }
    }
    size_t group = 0;
    if (capture) {
      group = groups();
      group_widths_.emplace_back();
      if (name) {
        auto [it, fresh] = group_dict_.emplace(*name, group);
        if (!fresh) {
          Fail("redefinition of group name " + PyStrRepr(*name) + " as group " +
                   std::to_string(group) + "; was group " + std::to_string(it->second),
               name->size() + 1);
        }
      }
    }
    bool sub_verbose = (verbose || (add & kVerbose)) && !(del & kVerbose);
    // re._compiler._combine_flags: a type flag replaces the others.
    // Python compiles its search prefix with the global flags, so (?a)(?u:\w) does not find
    // "é" although \w under u matches it: a result no translation can follow.
    if ((flags_[0] & kAscii) && (add & kUnicode)) {
      NoteUnsupported("a scoped 'u' flag under a global 'a' flag");
    }
    unsigned combined = flags();
    if (add & kTypeFlags) combined &= ~kTypeFlags;
    combined = (combined | add) & ~del;
    CheckFlagSupport(combined);
    flags_.push_back(combined);
    Alternation p = ParseSub(sub_verbose, nested + 1);
    flags_.pop_back();
    if (!Match(')')) Fail("missing ), unterminated subpattern", Tell() - start);
    if (capture) {
      group_widths_[group] = p.width;
      sub->items.push_back({Op::kSubpattern, "(" + p.text + ")", p.width});
    } else if (atomic) {
      sub->items.push_back({Op::kAtomic, "(?>" + p.text + ")", p.width});
    } else {
      sub->items.push_back({Op::kSubpattern, PcreFlags(add, del) + p.text + ")", p.width});
    }
  }

  void ParseLookaround(PyReToken c, bool verbose, int nested, size_t start, Sequence* sub) {
    bool behind = false;
    std::optional<size_t> saved;
    if (c.Is('<')) {
      c = Get();
      if (c.none) Fail("unexpected end of pattern");
      if (!c.Is('=') && !c.Is('!')) Fail("unknown extension ?<" + Utf8(c.text()), c.size() + 2);
      behind = true;
      saved = lookbehind_groups_;
      if (!saved) lookbehind_groups_ = groups();
    }
    Alternation p = ParseSub(verbose, nested + 1);
    if (behind && !saved) lookbehind_groups_.reset();
    if (!Match(')')) Fail("missing ), unterminated subpattern", Tell() - start);
    // re._compiler refuses a look-behind whose width varies, after the whole parse.
    if (behind && p.width.lo != p.width.hi) lookbehind_error_ = true;
    std::string open = std::string(behind ? "(?<" : "(?") + (c.Is('=') ? "=" : "!");
    sub->items.push_back({Op::kAssert, open + p.text + ")", {0, 0}});
  }

  void ParseConditional(bool verbose, int nested, size_t start, Sequence* sub) {
    std::u32string cond = GetUntil(')', "group name");
    size_t gid = 0;
    if (PyIsIdentifier(cond)) {
      auto it = group_dict_.find(cond);
      if (it == group_dict_.end()) Fail("unknown group name " + PyStrRepr(cond), cond.size() + 1);
      gid = it->second;
    } else {
      std::optional<uint64_t> number = PyGroupNumber(cond);
      if (!number) Fail("bad character in group name " + PyStrRepr(cond), cond.size() + 1);
      if (*number == 0) Fail("bad group number", cond.size() + 1);
      if (*number >= kMaxGroups) {
        Fail("invalid group reference " + std::to_string(*number), cond.size() + 1);
      }
      gid = *number;
      bool seen = std::any_of(group_ref_pos_.begin(), group_ref_pos_.end(),
                              [gid](const auto& ref) { return ref.first == gid; });
      if (!seen) group_ref_pos_.emplace_back(gid, Tell() - cond.size() - 1);
    }
    CheckLookbehindGroup(gid);
    Sequence yes = Parse(verbose, nested + 1, false);
    std::optional<Sequence> no;
    if (Match('|')) {
      no = Parse(verbose, nested + 1, false);
      if (next_.Is('|')) Fail("conditional backref with more than two branches");
    }
    if (!Match(')')) Fail("missing ), unterminated subpattern", Tell() - start);
    Width w = yes.GetWidth();
    if (no) {
      Width n = no->GetWidth();
      w = {std::min(w.lo, n.lo), std::max(w.hi, n.hi)};
    } else {
      w.lo = 0;
    }
    std::string text = "(?(" + std::to_string(gid) + ")" + yes.Text();
    if (no) text += "|" + no->Text();
    sub->items.push_back({Op::kGroupExists, text + ")", w});
  }

  std::vector<unsigned> flags_;  // [0]: the global flags; then one entry per open scoped group
  std::vector<std::optional<Width>> group_widths_{Width{}};  // group 0 counts as closed
  std::map<std::u32string, size_t> group_dict_;
  std::optional<size_t> lookbehind_groups_;
  std::vector<std::pair<size_t, size_t>> group_ref_pos_;  // (group, position), first use first
  bool lookbehind_error_ = false;
  std::string unsupported_;
};

}  // namespace

std::optional<uint64_t> PyGroupNumber(std::u32string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsPySpace(s[b])) ++b;
  while (e > b && IsPySpace(s[e - 1])) --e;
  bool negative = false;
  if (b < e && (s[b] == '+' || s[b] == '-')) negative = s[b++] == '-';
  if (b == e || !IsDigit(s[b]) || !IsDigit(s[e - 1])) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = b; i < e; ++i) {
    if (s[i] == '_') {
      if (s[i + 1] == '_') return std::nullopt;
      continue;
    }
    if (!IsDigit(s[i])) return std::nullopt;
    value = std::min(kHuge, value * 10 + (s[i] - '0'));
  }
  if (negative && value != 0) return std::nullopt;
  return value;
}

bool PyIsIdentifier(std::u32string_view s) {
  if (s.empty() || !python::IsIdentifierStart(s[0])) return false;
  for (size_t i = 1; i < s.size(); ++i) {
    if (!python::IsIdentifierContinue(s[i])) return false;
  }
  return true;
}

std::string PyStrRepr(std::u32string_view s) {
  char32_t quote = '\'';
  if (s.find(U'\'') != std::u32string_view::npos && s.find(U'"') == std::u32string_view::npos) {
    quote = '"';
  }
  std::u32string out(1, quote);
  for (char32_t c : s) {
    if (c == quote || c == '\\') {
      out += U'\\';
      out += c;
    } else if (c == '\n') {
      out += U"\\n";
    } else if (c == '\r') {
      out += U"\\r";
    } else if (c == '\t') {
      out += U"\\t";
    } else if (!python::IsPrintable(c)) {
      static const char kDigits[] = "0123456789abcdef";
      int width = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
      out += U'\\';
      out += width == 2 ? U'x' : width == 4 ? U'u' : U'U';
      for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) out += kDigits[(c >> shift) & 15];
    } else {
      out += c;
    }
  }
  out += quote;
  return EncodeUtf8(out);
}

std::string FormatPyReError(const PyReError& e, const std::u32string& pattern) {
  if (!e.pos) return e.message;
  size_t pos = *e.pos;
  std::string out = e.message + " at position " + std::to_string(pos);
  if (pattern.find(U'\n') != std::u32string::npos) {
    size_t line = 1 + std::count(pattern.begin(), pattern.begin() + pos, U'\n');
    size_t last = pattern.rfind(U'\n', pos == 0 ? 0 : pos - 1);
    size_t column = (last == std::u32string::npos || pos == 0) ? pos + 1 : pos - last;
    out += " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")";
  }
  return out;
}

bool TranslatePyPattern(std::string_view pattern, PcreTranslation* out, std::string* error) {
  return RunPyReParser(pattern, "pattern", error,
                       [&](const std::u32string& text) { *out = Translator(text).Run(); });
}

}  // namespace kensa::checks
