#include "checks/py_regex.h"

#include <algorithm>
#include <cstdint>

#include "checks/py_regex_program.h"
#include "checks/py_text.h"

namespace kensa::checks {

namespace {

using namespace regex_internal;

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
  std::unique_ptr<Node> root = ParsePattern(DecodeUtf8(pattern), program.get(), error);
  if (!root) return std::nullopt;
  if (!CompilePattern(*root, program.get(), error)) return std::nullopt;
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

bool PyRegex::Find(std::string_view text, bool anchored,
                   std::vector<std::optional<std::string>>* groups) const {
  std::u32string s = DecodeUtf8(text);
  Matcher m(*program_, s);
  size_t last = anchored || program_->anchored ? 0 : s.size();
  for (size_t start = 0; start <= last; ++start) {
    if (m.MatchAt(start, false)) {
      groups->clear();
      for (int g = 1; g <= program_->groups; ++g) {
        int64_t b = m.Slot(2 * g), e = m.Slot(2 * g + 1);
        if (b < 0 || e < b) {
          groups->push_back(std::nullopt);
        } else {
          groups->push_back(EncodeUtf8(std::u32string_view(s).substr(b, e - b)));
        }
      }
      return true;
    }
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