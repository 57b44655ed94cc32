// PyRegex's compiler: a Node tree into the backtracking program the matcher runs.
#include "checks/py_regex_program.h"

namespace kensa::checks::regex_internal {

namespace {

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

}  // namespace

bool CompilePattern(const Node& root, PyRegex::Program* program, std::string* error) {
  Compiler compiler(program);
  return compiler.Compile(root, error);
}

}  // namespace kensa::checks::regex_internal
