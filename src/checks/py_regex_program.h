// Internals of PyRegex shared by its parser, compiler and matcher (py_regex_*.cc): the parsed
// pattern (Node), the backtracking program it compiles to (Instruction, PyRegex::Program) and
// character sets. Not part of the checks' interface. Plain data; immutable once compiled.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checks/py_regex.h"
#include "checks/py_text.h"

namespace kensa::checks::regex_internal {

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

}  // namespace kensa::checks::regex_internal

namespace kensa::checks {

struct PyRegex::Program {
  std::vector<regex_internal::Instruction> code;
  std::vector<regex_internal::CharSet> sets;
  int groups = 0;  // capturing groups, excluding group 0
  std::map<std::string, int> names;
  int slots = 0;          // 2 * (groups + 1) capture slots, then loop marks
  bool anchored = false;  // starts with ^ or \A: only position 0 can match
};

}  // namespace kensa::checks

namespace kensa::checks::regex_internal {

// Parses a Python pattern; on failure returns nullptr with *error set to re.error's text.
std::unique_ptr<Node> ParsePattern(std::u32string pattern, PyRegex::Program* program,
                                   std::string* error);
// Compiles a parsed pattern into program->code.
bool CompilePattern(const Node& root, PyRegex::Program* program, std::string* error);

}  // namespace kensa::checks::regex_internal
