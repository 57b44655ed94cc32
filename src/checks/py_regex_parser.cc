// PyRegex's parser: Python pattern syntax (after CPython's re/_parser.py) into a Node tree.
#include <algorithm>

#include "checks/py_regex_program.h"

namespace kensa::checks::regex_internal {

namespace {

class Parser {
 public:
  Parser(std::u32string pattern, PyRegex::Program* program)
      : p_(std::move(pattern)), program_(program) {}

  std::unique_ptr<Node> Parse(std::string* error) {
    auto node = ParseAlternation(0);
    if (!error_.empty()) {
      *error = error_;
      return nullptr;
    }
    if (i_ < p_.size()) {
      *error = Fail("unbalanced parenthesis", i_);
      return nullptr;
    }
    return node;
  }

 private:
  std::string Fail(const std::string& message, size_t at) {
    if (error_.empty()) error_ = message + " at position " + std::to_string(at);
    return error_;
  }
  bool More() const { return i_ < p_.size() && error_.empty(); }
  bool Peek(char32_t c) const { return i_ < p_.size() && p_[i_] == c; }

  static std::unique_ptr<Node> Make(Node::Kind kind) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    return n;
  }

  std::unique_ptr<Node> ParseAlternation(int depth) {
    auto alt = Make(Node::Kind::kAlternate);
    alt->children.push_back(ParseConcat(depth));
    while (error_.empty() && Peek('|')) {
      ++i_;
      alt->children.push_back(ParseConcat(depth));
    }
    if (alt->children.size() == 1) return std::move(alt->children[0]);
    return alt;
  }

  std::unique_ptr<Node> ParseConcat(int depth) {
    auto cat = Make(Node::Kind::kConcat);
    while (More() && !Peek('|') && !(Peek(')') && depth > 0)) {
      if (Peek(')')) break;
      size_t here = i_;
      char32_t ch = p_[i_];
      if (ch == '*' || ch == '+' || ch == '?' || (ch == '{' && QuantifierAhead())) {
        ApplyQuantifier(cat.get(), here);
        continue;
      }
      auto atom = ParseAtom(depth);
      if (atom) cat->children.push_back(std::move(atom));
    }
    return cat;
  }

  // True when "{" at i_ starts {m}, {m,}, {,n}, {m,n} or {,}.
  bool QuantifierAhead() const {
    size_t j = i_ + 1;
    if (j < p_.size() && p_[j] == '}') return false;
    while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') ++j;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') ++j;
    }
    return j < p_.size() && p_[j] == '}';
  }

  static uint32_t Number(std::u32string_view digits) {
    uint64_t v = 0;
    for (char32_t d : digits) v = std::min<uint64_t>(v * 10 + (d - '0'), kInfinite - 1);
    return static_cast<uint32_t>(v);
  }

  void ApplyQuantifier(Node* cat, size_t here) {
    uint32_t min = 0, max = kInfinite;
    char32_t ch = p_[i_++];
    if (ch == '+') {
      min = 1;
    } else if (ch == '?') {
      max = 1;
    } else if (ch == '{') {
      size_t start = i_;
      while (p_[i_] >= '0' && p_[i_] <= '9') ++i_;
      std::u32string_view lo(p_.data() + start, i_ - start);
      std::u32string_view hi = lo;
      if (p_[i_] == ',') {
        size_t hs = ++i_;
        while (p_[i_] >= '0' && p_[i_] <= '9') ++i_;
        hi = std::u32string_view(p_.data() + hs, i_ - hs);
      }
      ++i_;  // '}'
      if (!lo.empty()) min = Number(lo);
      if (!hi.empty()) max = Number(hi);
      if (max < min) {
        Fail("min repeat greater than max repeat", here + 1);
        return;
      }
    }
    if (cat->children.empty() || cat->children.back()->kind == Node::Kind::kAssert) {
      Fail("nothing to repeat", here);
      return;
    }
    if (cat->children.back()->kind == Node::Kind::kRepeat) {
      Fail("multiple repeat", here);
      return;
    }
    auto rep = Make(Node::Kind::kRepeat);
    rep->min = min;
    rep->max = max;
    if (Peek('?')) {
      ++i_;
      rep->greed = Node::Greed::kLazy;
    } else if (Peek('+')) {
      ++i_;
      rep->greed = Node::Greed::kPossessive;
    }
    rep->children.push_back(std::move(cat->children.back()));
    cat->children.back() = std::move(rep);
  }

  std::unique_ptr<Node> Char(char32_t c) {
    auto n = Make(Node::Kind::kChar);
    n->c = c;
    return n;
  }

  std::unique_ptr<Node> Set(CharSet set) {
    auto n = Make(Node::Kind::kSet);
    n->set = static_cast<int>(program_->sets.size());
    program_->sets.push_back(std::move(set));
    return n;
  }

  std::unique_ptr<Node> Anchor(Node::Anchor a) {
    auto n = Make(Node::Kind::kAssert);
    n->anchor = a;
    return n;
  }

  std::unique_ptr<Node> ParseAtom(int depth) {
    size_t here = i_;
    char32_t ch = p_[i_++];
    switch (ch) {
      case '.':
        return Make(Node::Kind::kAny);
      case '^':
        return Anchor(Node::Anchor::kBol);
      case '$':
        return Anchor(Node::Anchor::kEol);
      case '[':
        return ParseSet(here);
      case '\\':
        return ParseEscape(here);
      case '(':
        return ParseGroup(here, depth);
      default:
        return Char(ch);
    }
  }

  static int HexValue(char32_t c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
    return -1;
  }
  static bool IsOctal(char32_t c) { return c >= '0' && c <= '7'; }
  static bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
  static bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

  // \x, \u, \U: a fixed number of hex digits. Returns false (with the error set) when malformed.
  bool HexEscape(char32_t kind, size_t here, char32_t* out) {
    size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : 8;
    uint32_t v = 0;
    for (size_t k = 0; k < digits; ++k) {
      if (i_ >= p_.size() || HexValue(p_[i_]) < 0) {
        std::string seen = EncodeUtf8(std::u32string_view(p_.data() + here, i_ - here));
        Fail("incomplete escape " + seen, here);
        return false;
      }
      v = v * 16 + static_cast<uint32_t>(HexValue(p_[i_++]));
    }
    if (v > 0x10FFFF) {
      Fail("bad escape " + EncodeUtf8(std::u32string_view(p_.data() + here, i_ - here)), here);
      return false;
    }
    *out = v;
    return true;
  }

  // The escapes that mean one character everywhere (\a \f \n \r \t \v \\ and friends).
  static bool SimpleEscape(char32_t c, char32_t* out) {
    switch (c) {
      case 'a':
        *out = 7;
        return true;
      case 'f':
        *out = 12;
        return true;
      case 'n':
        *out = 10;
        return true;
      case 'r':
        *out = 13;
        return true;
      case 't':
        *out = 9;
        return true;
      case 'v':
        *out = 11;
        return true;
      case '\\':
        *out = '\\';
        return true;
      default:
        return false;
    }
  }

  std::unique_ptr<Node> ParseEscape(size_t here) {
    if (i_ >= p_.size()) {
      Fail("bad escape (end of pattern)", here);
      return nullptr;
    }
    char32_t c = p_[i_++];
    char32_t value = 0;
    if (SimpleEscape(c, &value)) return Char(value);
    switch (c) {
      case 'A':
        return Anchor(Node::Anchor::kBol);
      case 'Z':
        return Anchor(Node::Anchor::kEos);
      case 'b':
        return Anchor(Node::Anchor::kWordBoundary);
      case 'B':
        return Anchor(Node::Anchor::kNotWordBoundary);
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S': {
        CharSet set;
        set.categories.push_back(static_cast<char>(c));
        return Set(std::move(set));
      }
      case 'x':
      case 'u':
      case 'U':
        if (!HexEscape(c, here, &value)) return nullptr;
        return Char(value);
      case 'N':
        Fail("unsupported escape \\N", here);
        return nullptr;
      case '0': {
        uint32_t v = 0;
        for (int k = 0; k < 2 && i_ < p_.size() && IsOctal(p_[i_]); ++k)
          v = v * 8 + (p_[i_++] - '0');
        return Char(v);
      }
      default:
        break;
    }
    if (IsDigit(c)) {
      // Three octal digits make a character; otherwise one or two digits are a group number.
      if (i_ < p_.size() && IsDigit(p_[i_])) {
        if (IsOctal(c) && IsOctal(p_[i_]) && i_ + 1 < p_.size() && IsOctal(p_[i_ + 1])) {
          uint32_t v = (c - '0') * 64 + (p_[i_] - '0') * 8 + (p_[i_ + 1] - '0');
          i_ += 2;
          if (v > 0377) {
            Fail("octal escape value \\" +
                     EncodeUtf8(std::u32string_view(p_.data() + here + 1, 3)) +
                     " outside of range 0-0o377",
                 here);
            return nullptr;
          }
          return Char(v);
        }
        uint32_t g = (c - '0') * 10 + (p_[i_++] - '0');
        return Backref(static_cast<int>(g), here);
      }
      return Backref(static_cast<int>(c - '0'), here);
    }
    if (c < 0x80 && IsAsciiLetter(c)) {
      Fail("bad escape \\" + EncodeUtf8(std::u32string(1, c)), here);
      return nullptr;
    }
    return Char(c);
  }

  std::unique_ptr<Node> Backref(int group, size_t here) {
    if (group > program_->groups) {
      Fail("invalid group reference " + std::to_string(group), here + 1);
      return nullptr;
    }
    if (std::find(open_groups_.begin(), open_groups_.end(), group) != open_groups_.end()) {
      Fail("cannot refer to an open group", here);
      return nullptr;
    }
    auto n = Make(Node::Kind::kBackref);
    n->group = group;
    return n;
  }

  // One item of a class: a character (returns true) or a category added to *set.
  bool ClassItem(CharSet* set, char32_t* out, size_t* item_start) {
    *item_start = i_;
    char32_t c = p_[i_++];
    if (c != '\\') {
      *out = c;
      return true;
    }
    size_t here = i_ - 1;
    if (i_ >= p_.size()) {
      Fail("bad escape (end of pattern)", here);
      return false;
    }
    c = p_[i_++];
    if (SimpleEscape(c, out)) return true;
    switch (c) {
      case 'b':
        *out = 8;
        return true;
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        set->categories.push_back(static_cast<char>(c));
        return false;
      case 'x':
      case 'u':
      case 'U':
        return HexEscape(c, here, out);
      case 'N':
        Fail("unsupported escape \\N", here);
        return false;
      default:
        break;
    }
    if (IsOctal(c)) {
      uint32_t v = c - '0';
      for (int k = 0; k < 2 && i_ < p_.size() && IsOctal(p_[i_]); ++k) v = v * 8 + (p_[i_++] - '0');
      if (v > 0377) {
        Fail("octal escape value outside of range 0-0o377", here);
        return false;
      }
      *out = v;
      return true;
    }
    if (IsDigit(c) || (c < 0x80 && IsAsciiLetter(c))) {
      Fail("bad escape \\" + EncodeUtf8(std::u32string(1, c)), here);
      return false;
    }
    *out = c;
    return true;
  }

  std::unique_ptr<Node> ParseSet(size_t here) {
    CharSet set;
    if (Peek('^')) {
      ++i_;
      set.negated = true;
    }
    bool first = true;
    for (;;) {
      if (i_ >= p_.size()) {
        Fail("unterminated character set", here);
        return nullptr;
      }
      if (p_[i_] == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      char32_t lo = 0;
      size_t item_start = 0;
      bool is_char = ClassItem(&set, &lo, &item_start);
      if (!error_.empty()) return nullptr;
      if (Peek('-') && i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
        ++i_;
        char32_t hi = 0;
        size_t hi_start = 0;
        bool hi_is_char = ClassItem(&set, &hi, &hi_start);
        if (!error_.empty()) return nullptr;
        if (!is_char || !hi_is_char) {
          Fail("bad character range " +
                   EncodeUtf8(std::u32string_view(p_.data() + item_start, i_ - item_start)),
               item_start);
          return nullptr;
        }
        if (hi < lo) {
          Fail("bad character range " +
                   EncodeUtf8(std::u32string_view(p_.data() + item_start, i_ - item_start)),
               item_start);
          return nullptr;
        }
        set.ranges.emplace_back(lo, hi);
      } else if (is_char) {
        set.ranges.emplace_back(lo, lo);
      }
    }
    return Set(std::move(set));
  }

  std::string GroupName(char32_t terminator, size_t here) {
    size_t start = i_;
    while (i_ < p_.size() && p_[i_] != terminator) ++i_;
    if (i_ >= p_.size()) {
      Fail(std::string("missing ") + static_cast<char>(terminator) + ", unterminated name", here);
      return "";
    }
    std::u32string name(p_.data() + start, i_ - start);
    ++i_;
    if (name.empty()) {
      Fail("missing group name", here);
      return "";
    }
    bool ok = !IsDigit(name[0]);
    for (char32_t c : name) ok = ok && IsPyWord(c);
    if (!ok) {
      Fail("bad character in group name '" + EncodeUtf8(name) + "'", start);
      return "";
    }
    return EncodeUtf8(name);
  }

  std::unique_ptr<Node> Close(std::unique_ptr<Node> node, size_t here) {
    if (!Peek(')')) {
      Fail("missing ), unterminated subpattern", here);
      return nullptr;
    }
    ++i_;
    return node;
  }

  std::unique_ptr<Node> ParseGroup(size_t here, int depth) {
    int capture = 0;
    std::string name;
    if (Peek('?')) {
      ++i_;
      if (i_ >= p_.size()) {
        Fail("unexpected end of pattern", i_);
        return nullptr;
      }
      char32_t c = p_[i_++];
      if (c == ':') {
        return Close(ParseAlternation(depth + 1), here);
      }
      if (c == '>') {
        auto atomic = Make(Node::Kind::kAtomic);
        atomic->children.push_back(ParseAlternation(depth + 1));
        return Close(std::move(atomic), here);
      }
      if (c == '#') {
        while (i_ < p_.size() && p_[i_] != ')') ++i_;
        if (i_ >= p_.size()) {
          Fail("missing ), unterminated comment", here);
          return nullptr;
        }
        ++i_;
        return nullptr;
      }
      if (c == '=' || c == '!' || (c == '<' && (Peek('=') || Peek('!')))) {
        auto look = Make(Node::Kind::kLook);
        look->behind = c == '<';
        if (look->behind) c = p_[i_++];
        look->negate = c == '!';
        look->children.push_back(ParseAlternation(depth + 1));
        return Close(std::move(look), here);
      }
      if (c == 'P' && Peek('<')) {
        ++i_;
        name = GroupName('>', here);
        if (!error_.empty()) return nullptr;
        if (program_->names.count(name) != 0) {
          Fail("redefinition of group name '" + name + "'", here);
          return nullptr;
        }
      } else if (c == 'P' && Peek('=')) {
        ++i_;
        std::string ref = GroupName(')', here);
        if (!error_.empty()) return nullptr;
        auto it = program_->names.find(ref);
        if (it == program_->names.end()) {
          Fail("unknown group name '" + ref + "'", here);
          return nullptr;
        }
        auto n = Make(Node::Kind::kBackref);
        n->group = it->second;
        return n;
      } else {
        Fail("unsupported regex syntax (?" + EncodeUtf8(std::u32string(1, c)) + " in kensa", here);
        return nullptr;
      }
    }
    capture = ++program_->groups;
    if (!name.empty()) program_->names[name] = capture;
    open_groups_.push_back(capture);
    auto group = Make(Node::Kind::kGroup);
    group->group = capture;
    group->children.push_back(ParseAlternation(depth + 1));
    open_groups_.pop_back();
    return Close(std::move(group), here);
  }

  std::u32string p_;
  PyRegex::Program* program_;
  size_t i_ = 0;
  std::string error_;
  std::vector<int> open_groups_;
};

}  // namespace

std::unique_ptr<Node> ParsePattern(std::u32string pattern, PyRegex::Program* program,
                                   std::string* error) {
  Parser parser(std::move(pattern), program);
  return parser.Parse(error);
}

}  // namespace kensa::checks::regex_internal
