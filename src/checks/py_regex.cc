#include "checks/py_regex.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>

#include "checks/py_text.h"

namespace kensa::checks {

namespace {

constexpr uint32_t kInfinite = std::numeric_limits<uint32_t>::max();
// Bounds that keep a pathological pattern from exhausting memory or time; Python would
// accept such patterns, kensa reports them as unsupported.
constexpr size_t kMaxInstructions = 1 << 20;
constexpr uint64_t kMaxSteps = uint64_t{1} << 28;

// A character set: ranges of code points plus the \d \w \s classes, possibly negated.
struct CharSet {
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  // Categories: 'd', 'D', 'w', 'W', 's', 'S'.
  std::vector<char> categories;

  bool Contains(char32_t c) const {
    bool in = false;
    for (const auto& [lo, hi] : ranges) {
      if (c >= lo && c <= hi) {
        in = true;
        break;
      }
    }
    for (size_t i = 0; !in && i < categories.size(); ++i) in = InCategory(categories[i], c);
    return in != negated;
  }

  static bool InCategory(char category, char32_t c) {
    switch (category) {
      case 'd':
        return IsPyDigit(c);
      case 'D':
        return !IsPyDigit(c);
      case 'w':
        return IsPyWord(c);
      case 'W':
        return !IsPyWord(c);
      case 's':
        return IsPySpace(c);
      default:
        return !IsPySpace(c);
    }
  }
};

// The parsed pattern.
struct Node {
  enum class Kind {
    kEmpty,
    kChar,
    kAny,
    kSet,
    kConcat,
    kAlternate,
    kGroup,  // capturing when group > 0
    kRepeat,
    kAssert,
    kBackref,
    kLook,
    kAtomic,
  };
  enum class Anchor { kBol, kEol, kEos, kWordBoundary, kNotWordBoundary };
  enum class Greed { kGreedy, kLazy, kPossessive };

  Kind kind = Kind::kEmpty;
  char32_t c = 0;
  int set = -1;
  int group = 0;
  uint32_t min = 0, max = 0;
  Greed greed = Greed::kGreedy;
  Anchor anchor = Anchor::kBol;
  bool behind = false, negate = false;
  std::vector<std::unique_ptr<Node>> children;
};

enum class Op : uint8_t {
  kChar,
  kAny,
  kSet,
  kBol,
  kEol,
  kEos,
  kWordBoundary,
  kNotWordBoundary,
  kSplit,  // try x, then y
  kJmp,
  kSave,
  kMark,      // slot := pos (the start of a loop iteration)
  kLoopBack,  // if pos == slot: goto y (an empty iteration ends the loop) else goto x
  kBackref,
  kLook,    // x = sub-program; negate; behind with width y
  kAtomic,  // x = sub-program
  kMatch,
};

struct Instruction {
  Op op;
  bool negate = false;
  char32_t c = 0;
  int32_t x = 0, y = 0;
};

}  // namespace

struct PyRegex::Program {
  std::vector<Instruction> code;
  std::vector<CharSet> sets;
  int groups = 0;  // capturing groups, excluding group 0
  std::map<std::string, int> names;
  int slots = 0;          // 2 * (groups + 1) capture slots, then loop marks
  bool anchored = false;  // starts with ^ or \A: only position 0 can match
};

namespace {

// ---------------------------------------------------------------------------------------------
// Parsing (after CPython's sre_parse, for the constructs listed in the header).

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

// ---------------------------------------------------------------------------------------------
// Compilation to the backtracking program.

bool Nullable(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kChar:
    case Node::Kind::kAny:
    case Node::Kind::kSet:
      return false;
    case Node::Kind::kConcat:
      for (const auto& c : n.children) {
        if (!Nullable(*c)) return false;
      }
      return true;
    case Node::Kind::kAlternate:
      for (const auto& c : n.children) {
        if (Nullable(*c)) return true;
      }
      return false;
    case Node::Kind::kGroup:
    case Node::Kind::kAtomic:
      return Nullable(*n.children[0]);
    case Node::Kind::kRepeat:
      return n.min == 0 || Nullable(*n.children[0]);
    default:
      return true;  // assertions, look-around, back references (may be empty)
  }
}

// The fixed width of a look-behind body in code points, or -1 when it varies.
int64_t FixedWidth(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kChar:
    case Node::Kind::kAny:
    case Node::Kind::kSet:
      return 1;
    case Node::Kind::kEmpty:
    case Node::Kind::kAssert:
    case Node::Kind::kLook:
      return 0;
    case Node::Kind::kConcat: {
      int64_t total = 0;
      for (const auto& c : n.children) {
        int64_t w = FixedWidth(*c);
        if (w < 0) return -1;
        total += w;
      }
      return total;
    }
    case Node::Kind::kAlternate: {
      int64_t w = FixedWidth(*n.children[0]);
      for (const auto& c : n.children) {
        if (FixedWidth(*c) != w) return -1;
      }
      return w;
    }
    case Node::Kind::kGroup:
    case Node::Kind::kAtomic:
      return FixedWidth(*n.children[0]);
    case Node::Kind::kRepeat: {
      if (n.min != n.max) return -1;
      int64_t w = FixedWidth(*n.children[0]);
      return w < 0 ? -1 : w * n.min;
    }
    default:
      return -1;
  }
}

class Compiler {
 public:
  explicit Compiler(PyRegex::Program* program) : program_(program) {}

  bool Compile(const Node& root, std::string* error) {
    program_->slots = 2 * (program_->groups + 1);
    Emit({Op::kSave, false, 0, 0, 0});
    Gen(root);
    Emit({Op::kSave, false, 0, 1, 0});
    Emit({Op::kMatch});
    if (!error_.empty()) {
      *error = error_;
      return false;
    }
    return true;
  }

 private:
  int Pc() const { return static_cast<int>(program_->code.size()); }
  int Emit(Instruction ins) {
    if (program_->code.size() >= kMaxInstructions) {
      if (error_.empty()) error_ = "pattern too large for kensa's regex engine";
      return Pc();
    }
    program_->code.push_back(ins);
    return Pc() - 1;
  }
  // Compiles `n` as a separate sub-program (for look-around and atomic groups): jumps over it.
  int SubProgram(const Node& n) {
    int skip = Emit({Op::kJmp});
    int start = Pc();
    Gen(n);
    Emit({Op::kMatch});
    if (error_.empty()) program_->code[skip].x = Pc();
    return start;
  }

  void Gen(const Node& n) {
    if (!error_.empty()) return;
    using K = Node::Kind;
    switch (n.kind) {
      case K::kEmpty:
        return;
      case K::kChar:
        Emit({Op::kChar, false, n.c});
        return;
      case K::kAny:
        Emit({Op::kAny});
        return;
      case K::kSet:
        Emit({Op::kSet, false, 0, n.set});
        return;
      case K::kConcat:
        for (const auto& c : n.children) Gen(*c);
        return;
      case K::kAlternate: {
        std::vector<int> ends;
        for (size_t i = 0; i < n.children.size(); ++i) {
          if (i + 1 < n.children.size()) {
            int split = Emit({Op::kSplit});
            program_->code[split].x = Pc();
            Gen(*n.children[i]);
            ends.push_back(Emit({Op::kJmp}));
            if (error_.empty()) program_->code[split].y = Pc();
          } else {
            Gen(*n.children[i]);
          }
        }
        if (!error_.empty()) return;
        for (int e : ends) program_->code[e].x = Pc();
        return;
      }
      case K::kGroup:
        Emit({Op::kSave, false, 0, 2 * n.group});
        Gen(*n.children[0]);
        Emit({Op::kSave, false, 0, 2 * n.group + 1});
        return;
      case K::kAssert: {
        using A = Node::Anchor;
        Op op = n.anchor == A::kBol            ? Op::kBol
                : n.anchor == A::kEol          ? Op::kEol
                : n.anchor == A::kEos          ? Op::kEos
                : n.anchor == A::kWordBoundary ? Op::kWordBoundary
                                               : Op::kNotWordBoundary;
        Emit({op});
        return;
      }
      case K::kBackref:
        Emit({Op::kBackref, false, 0, n.group});
        return;
      case K::kLook: {
        int64_t width = 0;
        if (n.behind) {
          width = FixedWidth(*n.children[0]);
          if (width < 0) {
            if (error_.empty()) error_ = "look-behind requires fixed-width pattern";
            return;
          }
        }
        int look = Emit({Op::kLook, n.negate, n.behind ? 1u : 0u});
        int start = SubProgram(*n.children[0]);
        if (!error_.empty()) return;
        program_->code[look].x = start;
        program_->code[look].y = static_cast<int32_t>(width);
        return;
      }
      case K::kAtomic: {
        int atomic = Emit({Op::kAtomic});
        int start = SubProgram(*n.children[0]);
        if (error_.empty()) program_->code[atomic].x = start;
        return;
      }
      case K::kRepeat:
        Repeat(n);
        return;
    }
  }

  void Repeat(const Node& n) {
    using G = Node::Greed;
    if (n.greed == G::kPossessive) {
      // x*+ is (?>x*).
      int atomic = Emit({Op::kAtomic});
      int skip = Emit({Op::kJmp});
      int start = Pc();
      RepeatBody(*n.children[0], n.min, n.max, true);
      Emit({Op::kMatch});
      if (!error_.empty()) return;
      program_->code[skip].x = Pc();
      program_->code[atomic].x = start;
      return;
    }
    RepeatBody(*n.children[0], n.min, n.max, n.greed == G::kGreedy);
  }

  void RepeatBody(const Node& body, uint32_t min, uint32_t max, bool greedy) {
    const uint32_t kMaxUnrolled = 100000;
    if (min > kMaxUnrolled || (max != kInfinite && max > kMaxUnrolled)) {
      if (error_.empty()) error_ = "repeat count too large for kensa's regex engine";
      return;
    }
    for (uint32_t k = 0; k < min && error_.empty(); ++k) Gen(body);
    if (max == kInfinite) {
      bool nullable = Nullable(body);
      int slot = nullable ? program_->slots++ : -1;
      int loop = Emit({Op::kSplit});
      int body_start = Pc();
      if (nullable) Emit({Op::kMark, false, 0, slot});
      Gen(body);
      // kLoopBack: x = the loop's split, y = the mark slot; an empty iteration falls through.
      if (nullable) {
        Emit({Op::kLoopBack, false, 0, loop, slot});
      } else {
        Emit({Op::kJmp, false, 0, loop});
      }
      if (!error_.empty()) return;
      int exit = Pc();
      program_->code[loop].x = greedy ? body_start : exit;
      program_->code[loop].y = greedy ? exit : body_start;
      return;
    }
    std::vector<int> splits;
    for (uint32_t k = min; k < max && error_.empty(); ++k) {
      int split = Emit({Op::kSplit});
      splits.push_back(split);
      Gen(body);
    }
    if (!error_.empty()) return;
    int exit = Pc();
    for (int split : splits) {
      int body_start = split + 1;
      program_->code[split].x = greedy ? body_start : exit;
      program_->code[split].y = greedy ? exit : body_start;
    }
  }

  PyRegex::Program* program_;
  std::string error_;
};

// ---------------------------------------------------------------------------------------------
// Matching.

class Matcher {
 public:
  Matcher(const PyRegex::Program& program, const std::u32string& text)
      : program_(program), s_(text), slots_(program.slots, -1) {}

  // Tries a match starting exactly at `start`. A top-level match that ends where it started is
  // refused when `must_advance` (re.sub's rule after an empty match).
  bool MatchAt(size_t start, bool must_advance) {
    std::fill(slots_.begin(), slots_.end(), -1);
    must_advance_ = must_advance;
    start_ = start;
    size_t end = 0;
    return Run(0, start, true, &end);
  }

  bool exhausted() const { return exhausted_; }
  int64_t Slot(int k) const { return slots_[k]; }

 private:
  struct Backtrack {
    bool restore;  // restore slot `a` to value `b`; else resume at pc `a`, pos `b`
    int64_t a, b;
  };

  bool IsWordAt(size_t pos) const { return pos < s_.size() && IsPyWord(s_[pos]); }

  bool Run(int pc, size_t pos, bool top, size_t* end) {
    std::vector<Backtrack> stack;
    const auto& code = program_.code;
    for (;;) {
      if (++steps_ > kMaxSteps) {
        exhausted_ = true;
        return false;
      }
      const Instruction& ins = code[pc];
      bool ok = true;
      switch (ins.op) {
        case Op::kChar:
          ok = pos < s_.size() && s_[pos] == ins.c;
          if (ok) ++pos, ++pc;
          break;
        case Op::kAny:
          ok = pos < s_.size() && s_[pos] != '\n';
          if (ok) ++pos, ++pc;
          break;
        case Op::kSet:
          ok = pos < s_.size() && program_.sets[ins.x].Contains(s_[pos]);
          if (ok) ++pos, ++pc;
          break;
        case Op::kBol:
          ok = pos == 0;
          ++pc;
          break;
        case Op::kEol:
          ok = pos == s_.size() || (pos + 1 == s_.size() && s_[pos] == '\n');
          ++pc;
          break;
        case Op::kEos:
          ok = pos == s_.size();
          ++pc;
          break;
        case Op::kWordBoundary:
        case Op::kNotWordBoundary: {
          // Like sre, neither \b nor \B matches anywhere in an empty string.
          bool boundary = (pos > 0 && IsWordAt(pos - 1)) != IsWordAt(pos);
          ok = !s_.empty() && (ins.op == Op::kWordBoundary) == boundary;
          ++pc;
          break;
        }
        case Op::kSplit:
          stack.push_back({false, ins.y, static_cast<int64_t>(pos)});
          pc = ins.x;
          break;
        case Op::kJmp:
          pc = ins.x;
          break;
        case Op::kSave:
        case Op::kMark:
          stack.push_back({true, ins.x, slots_[ins.x]});
          slots_[ins.x] = static_cast<int64_t>(pos);
          ++pc;
          break;
        case Op::kLoopBack:
          // An iteration that matched nothing ends the loop (as sre does) instead of spinning.
          pc = slots_[ins.y] == static_cast<int64_t>(pos) ? pc + 1 : ins.x;
          break;
        case Op::kBackref: {
          int64_t b = slots_[2 * ins.x], e = slots_[2 * ins.x + 1];
          ok = b >= 0 && e >= b;
          if (ok) {
            size_t len = static_cast<size_t>(e - b);
            ok = pos + len <= s_.size() &&
                 s_.compare(pos, len, s_, static_cast<size_t>(b), len) == 0;
            if (ok) pos += len;
          }
          ++pc;
          break;
        }
        case Op::kLook: {
          std::vector<int64_t> saved = slots_;
          size_t sub_end = 0;
          bool matched;
          if (ins.c) {  // behind
            size_t w = static_cast<size_t>(ins.y);
            matched = pos >= w && Run(ins.x, pos - w, false, &sub_end) && sub_end == pos;
          } else {
            matched = Run(ins.x, pos, false, &sub_end);
          }
          if (exhausted_) return false;
          ok = matched != ins.negate;
          if (!ok || ins.negate) {
            slots_ = saved;
          } else {
            KeepSlots(saved, &stack);
          }
          ++pc;
          break;
        }
        case Op::kAtomic: {
          std::vector<int64_t> saved = slots_;
          size_t sub_end = 0;
          ok = Run(ins.x, pos, false, &sub_end);
          if (exhausted_) return false;
          if (ok) {
            KeepSlots(saved, &stack);
            pos = sub_end;
          } else {
            slots_ = saved;
          }
          ++pc;
          break;
        }
        case Op::kMatch:
          if (top && must_advance_ && pos == start_) {
            ok = false;
            break;
          }
          *end = pos;
          return true;
      }
      if (ok) continue;
      // Backtrack.
      for (;;) {
        if (stack.empty()) return false;
        Backtrack b = stack.back();
        stack.pop_back();
        if (b.restore) {
          slots_[b.a] = b.b;
          continue;
        }
        pc = static_cast<int>(b.a);
        pos = static_cast<size_t>(b.b);
        break;
      }
    }
  }

  // After a sub-program succeeded: its captures stay, but backtracking past it undoes them.
  void KeepSlots(const std::vector<int64_t>& before, std::vector<Backtrack>* stack) {
    for (size_t k = 0; k < slots_.size(); ++k) {
      if (slots_[k] != before[k]) stack->push_back({true, static_cast<int64_t>(k), before[k]});
    }
  }

  const PyRegex::Program& program_;
  const std::u32string& s_;
  std::vector<int64_t> slots_;
  bool must_advance_ = false;
  size_t start_ = 0;
  uint64_t steps_ = 0;
  bool exhausted_ = false;
};

// A parsed re.sub replacement template: literal pieces and group references.
struct Template {
  struct Piece {
    std::u32string literal;
    int group = -1;
  };
  std::vector<Piece> pieces;
};

bool ParseTemplate(const std::u32string& t, const PyRegex::Program& program, Template* out,
                   std::string* error) {
  auto fail = [&](const std::string& message, size_t at) {
    *error = message + " at position " + std::to_string(at);
    return false;
  };
  auto literal = [&](char32_t c) {
    if (out->pieces.empty() || out->pieces.back().group >= 0) out->pieces.push_back({});
    out->pieces.back().literal.push_back(c);
  };
  auto group = [&](int g) { out->pieces.push_back({U"", g}); };
  auto is_digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  auto is_octal = [](char32_t c) { return c >= '0' && c <= '7'; };
  size_t i = 0;
  while (i < t.size()) {
    char32_t c = t[i];
    if (c != '\\') {
      literal(c);
      ++i;
      continue;
    }
    size_t here = i++;
    if (i >= t.size()) return fail("bad escape (end of pattern)", here);
    c = t[i++];
    if (c == 'g') {
      if (i >= t.size() || t[i] != '<') return fail("missing <", i);
      size_t start = ++i;
      while (i < t.size() && t[i] != '>') ++i;
      if (i >= t.size()) return fail("missing >, unterminated name", start);
      std::u32string name(t.data() + start, i - start);
      ++i;
      if (name.empty()) return fail("missing group name", start);
      int g = -1;
      if (std::all_of(name.begin(), name.end(), is_digit)) {
        g = 0;
        for (char32_t d : name) g = std::min(g * 10 + static_cast<int>(d - '0'), 1 << 20);
      } else {
        auto it = program.names.find(EncodeUtf8(name));
        if (it == program.names.end()) {
          *error = "unknown group name '" + EncodeUtf8(name) + "'";
          return false;
        }
        g = it->second;
      }
      if (g > program.groups) return fail("invalid group reference " + std::to_string(g), start);
      group(g);
      continue;
    }
    if (c == '0') {
      uint32_t v = 0;
      for (int k = 0; k < 2 && i < t.size() && is_octal(t[i]); ++k) v = v * 8 + (t[i++] - '0');
      literal(v);
      continue;
    }
    if (is_digit(c)) {
      if (i < t.size() && is_digit(t[i])) {
        if (is_octal(c) && is_octal(t[i]) && i + 1 < t.size() && is_octal(t[i + 1])) {
          uint32_t v = (c - '0') * 64 + (t[i] - '0') * 8 + (t[i + 1] - '0');
          i += 2;
          if (v > 0377) return fail("octal escape value outside of range 0-0o377", here);
          literal(v);
          continue;
        }
        int g = static_cast<int>((c - '0') * 10 + (t[i++] - '0'));
        if (g > program.groups)
          return fail("invalid group reference " + std::to_string(g), here + 1);
        group(g);
        continue;
      }
      int g = static_cast<int>(c - '0');
      if (g > program.groups) return fail("invalid group reference " + std::to_string(g), here + 1);
      group(g);
      continue;
    }
    static const std::u32string kEscapes = U"abfnrtv\\";
    static const char32_t kValues[] = {7, 8, 12, 10, 13, 9, 11, '\\'};
    size_t e = kEscapes.find(c);
    if (e != std::u32string::npos) {
      literal(kValues[e]);
      continue;
    }
    if (c < 0x80 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      return fail("bad escape \\" + EncodeUtf8(std::u32string(1, c)), here);
    }
    literal('\\');
    literal(c);
  }
  return true;
}

}  // namespace

PyRegex::PyRegex(std::unique_ptr<Program> program) : program_(std::move(program)) {}
PyRegex::PyRegex(PyRegex&&) noexcept = default;
PyRegex& PyRegex::operator=(PyRegex&&) noexcept = default;
PyRegex::~PyRegex() = default;

bool PyRegex::IsLiteral(std::string_view pattern) {
  return pattern.find_first_of(".^$*+?{}[]\\|()") == std::string_view::npos;
}

std::optional<PyRegex> PyRegex::Compile(std::string_view pattern, std::string* error) {
  auto program = std::make_unique<Program>();
  Parser parser(DecodeUtf8(pattern), program.get());
  std::unique_ptr<Node> root = parser.Parse(error);
  if (!root) {
    if (error->empty())
      root = std::make_unique<Node>();  // an empty pattern
    else
      return std::nullopt;
  }
  Compiler compiler(program.get());
  if (!compiler.Compile(*root, error)) return std::nullopt;
  program->anchored = root->kind == Node::Kind::kAssert && root->anchor == Node::Anchor::kBol;
  if (root->kind == Node::Kind::kConcat && !root->children.empty() &&
      root->children[0]->kind == Node::Kind::kAssert &&
      root->children[0]->anchor == Node::Anchor::kBol) {
    program->anchored = true;
  }
  return PyRegex(std::move(program));
}

bool PyRegex::Search(std::string_view text) const {
  std::u32string s = DecodeUtf8(text);
  Matcher m(*program_, s);
  size_t last = program_->anchored ? 0 : s.size();
  for (size_t start = 0; start <= last; ++start) {
    if (m.MatchAt(start, false)) return true;
    if (m.exhausted()) return false;
  }
  return false;
}

bool PyRegex::Sub(std::string_view repl, std::string_view text, std::string* result,
                  std::string* error) const {
  Template tmpl;
  if (!ParseTemplate(DecodeUtf8(repl), *program_, &tmpl, error)) return false;
  std::u32string s = DecodeUtf8(text);
  Matcher m(*program_, s);
  std::u32string out;
  size_t copied = 0;  // s[copied:] is not yet in `out`
  size_t pos = 0;
  bool must_advance = false;
  const size_t last_start = program_->anchored ? 0 : s.size();
  while (pos <= s.size()) {
    bool found = false;
    size_t start = pos;
    for (; start <= std::min(last_start, s.size()); ++start) {
      if (m.MatchAt(start, must_advance && start == pos)) {
        found = true;
        break;
      }
      if (m.exhausted()) {
        *error = "regular expression too expensive for kensa's engine";
        return false;
      }
    }
    if (!found) break;
    size_t b = static_cast<size_t>(m.Slot(0)), e = static_cast<size_t>(m.Slot(1));
    out.append(s, copied, b - copied);
    for (const Template::Piece& piece : tmpl.pieces) {
      if (piece.group < 0) {
        out.append(piece.literal);
      } else {
        int64_t gb = m.Slot(2 * piece.group), ge = m.Slot(2 * piece.group + 1);
        if (gb >= 0 && ge >= gb)
          out.append(s, static_cast<size_t>(gb), static_cast<size_t>(ge - gb));
      }
    }
    copied = e;
    must_advance = e == b;
    pos = e;
    if (program_->anchored) break;
  }
  out.append(s, copied, std::u32string::npos);
  *result = EncodeUtf8(out);
  return true;
}

}  // namespace kensa::checks
