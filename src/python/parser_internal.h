// The parser's private core: one Parser object parses one module (or one f-string replacement
// field) following CPython 3.11's PEG grammar (Grammar/python.gram) rule by rule.
//
// How it mirrors CPython (Parser/pegen.c):
//   - tokens are pulled lazily (tokens_[0, fill_)), and rules backtrack by resetting pos_
//     (CPython's p->mark). The furthest token ever pulled (tokens_[fill_ - 1]) is where a
//     generic "invalid syntax" points, exactly as CPython's p->tokens[p->fill - 1]. (The
//     tokenizer itself runs ahead in batches, tokens_[fill_, size()), which nothing sees.)
//   - a first pass runs without the invalid_* rules; if it fails without an error, a second
//     pass runs with call_invalid_rules_ set and raises the specialised messages. The error
//     bookkeeping afterwards follows _Pypegen_set_syntax_error (parser_errors.cc);
//   - rules that CPython memoizes are memoized in the second pass (the memo is keyed by rule
//     and position only, like CPython's, which matters for the *_without_invalid rules). The
//     first pass avoids re-parsing by construction instead (parse a shared prefix once);
//   - every rule entry counts a recursion level; past kMaxStack the parse fails with
//     MemoryError, as CPython's MAXSTACK does, so deep nesting never overflows the C++ stack.
//
// The rules live in parser_*.cc by grammar area. The class is internal to kensa_python_parse;
// one instance per parse, not thread-safe, never shared.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/arena.h"
#include "python/ast_nodes.h"
#include "python/python_version.h"
#include "python/source.h"
#include "python/syntax_error.h"
#include "python/token.h"
#include "python/tokenizer.h"

namespace kensa::python::parser_internal {

using ast::Expr;
using ast::Stmt;

// Rules whose results are memoized (by position) in the second pass, as CPython memoizes them.
enum class MemoRule : uint8_t {
  kSimpleStmt,
  kBlock,
  kExpression,
  kStarExpression,
  kDisjunction,
  kConjunction,
  kInversion,
  kBitwiseOr,
  kBitwiseXor,
  kBitwiseAnd,
  kShiftExpr,
  kSum,
  kTerm,
  kFactor,
  kAwaitPrimary,
  kPrimary,
  kStrings,
  kArguments,
  kStarTarget,
  kTargetWithStarAtom,
  kTPrimary,
  kDelTarget,
  kClosedPattern,
  kStarPattern,
  kDottedName,
  kInvalidNamedExpression,
  kNameOrAttr,
  kImportFromTargets,
  kParam,
  kLambdaParam,
  kParamStarAnnotation,
  kTypeParam,
  kDoubleStarredKvpair,  // its '**' bitwise_or alternative
};

// A position-keyed memo table (open addressing). Values are arena pointers and end positions.
class MemoTable {
 public:
  struct Hit {
    void* value;
    int end;
  };
  bool Lookup(MemoRule rule, int pos, Hit* hit) const;
  void Store(MemoRule rule, int pos, void* value, int end);
  void Clear();

 private:
  struct Slot {
    uint64_t key = 0;  // 0: empty
    void* value = nullptr;
    int end = 0;
  };
  static uint64_t Key(MemoRule rule, int pos) {
    return (static_cast<uint64_t>(pos) << 8 | static_cast<uint64_t>(rule)) + 1;
  }
  void Grow();
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

// A CPython-style error location: 1-based line, and columns as CPython passes them to
// _PyPegen_raise_error_known_location (byte columns, usually 1-based; -1 for "none").
struct RawErrorLocation {
  int64_t line = 0;
  int64_t col = 0;
  int64_t end_line = 0;
  int64_t end_col = -1;
};

// Helper results of the parameter and argument rules (CPython's NameDefaultPair etc.).
struct NameDefaultPair {
  ast::Arg* arg;
  Expr* value;  // null: no default
};
// A kwargs item (CPython's KeywordOrStarred) on the scratch stack: an ast::Keyword* tagged in
// its low bit, or an untagged starred expression.
inline void* KeywordItem(ast::Keyword* keyword) {
  return reinterpret_cast<void*>(reinterpret_cast<uintptr_t>(keyword) | 1);
}
inline bool IsKeywordItem(const void* item) {
  return reinterpret_cast<uintptr_t>(item) & 1;
}
inline ast::Keyword* KeywordOfItem(void* item) {
  return reinterpret_cast<ast::Keyword*>(reinterpret_cast<uintptr_t>(item) & ~uintptr_t{1});
}
struct KeyValuePair {
  Expr* key;  // null: `**value`
  Expr* value;
};
struct KeyPatternPair {
  Expr* key;  // a Name for class patterns
  ast::Pattern* pattern;
};

class Parser {
 public:
  static constexpr int kMaxStack = 6000;  // CPython 3.11's MAXSTACK

  // Whole-file mode.
  Parser(const Source& source, Arena& arena, PythonVersion version);
  // F-string replacement field mode: text()[begin, end) is parsed as if it were "(...)";
  // `string_begin` is where the STRING token holding the field starts.
  Parser(const Source& source, Arena& arena, PythonVersion version, uint32_t begin, uint32_t end,
         uint32_t string_begin);

  // Parses the file; on failure returns null and sets *error.
  ast::Module* ParseFile(std::optional<SyntaxError>* error);
  // Parses the replacement field; on failure returns null and sets *error.
  Expr* ParseFString(SyntaxError* error);

  // The number of tokens pulled (a tree cannot be deeper than this).
  int token_count() const { return fill_; }
  // 3.12: a debug field inside a format spec (f"{x:{y=}}") makes CPython 3.12.1 build a
  // Constant without a value, which ast.parse rejects with a ValueError.
  bool debug_in_format_spec() const { return debug_in_format_spec_; }

 private:
  friend struct RuleGuard;
  friend struct LevelGuard;

  // ---------------------------------------------------------------- tokens (parser.cc)
  const Token& TokenAt(int index) {
    if (index < fill_) [[likely]]
      return tokens_[index];
    return FetchToken(index);
  }
  const Token& Cur() { return TokenAt(pos_); }
  TokenKind CurKind() { return TokenAt(pos_).kind; }
  TokenKind KindAt(int index) { return TokenAt(index).kind; }
  bool At(TokenKind kind) { return CurKind() == kind; }
  bool AtSoftKeyword(std::string_view keyword) {
    const Token& t = Cur();
    return t.kind == TokenKind::kName && t.end - t.begin == keyword.size() &&
           text_.compare(t.begin, keyword.size(), keyword) == 0;
  }
  // Consumes the current token if it has `kind`: returns its index, or -1. (Indices, not
  // pointers: tokens_ grows while parsing.)
  int Expect(TokenKind kind) {
    if (CurKind() != kind) return -1;
    return pos_++;
  }
  bool Consume(TokenKind kind) {
    if (CurKind() != kind) return false;
    ++pos_;
    return true;
  }
  int ExpectSoftKeyword(std::string_view keyword) {
    if (!AtSoftKeyword(keyword)) return -1;
    return pos_++;
  }
  const Token& Tok(int index) const { return tokens_[index]; }
  // CPython's `&&tok` (forced token): a SyntaxError "expected 'x'" when it is missing.
  bool ExpectForced(TokenKind kind, const char* what);
  // Pulls tokens up to `index`. Once an error is raised CPython pulls no more: rules then see
  // an error token that matches nothing.
  const Token& FetchToken(int index);
  // Appends tokens to tokens_ from the tokenizer (a batch of them in file mode).
  void ScanTokens();
  static constexpr int kTokenBatch = 64;
  // The furthest token pulled (there is one once parsing has started).
  const Token& LastPulled() const { return tokens_[fill_ - 1]; }
  std::string_view TokenText(const Token& t) const {
    return text_.substr(t.begin, t.end - t.begin);
  }
  // The bracket nesting level right after token `index` (CPython's token->level).
  int LevelAt(int index) {
    TokenAt(index);
    return index < fill_ ? slots_[index].level : 0;
  }

  // ---------------------------------------------------------------- nodes (parser.cc)
  template <class T>
  T* NewNode(uint32_t begin, uint32_t end) {
    T* node = arena_.New<T>();
    node->begin = begin;
    node->end = end;
    return node;
  }
  // CPython's EXTRA: from the start of token `start_mark` to the end of the last token
  // consumed that is not NEWLINE/INDENT/DEDENT/ENDMARKER.
  template <class T>
  T* NewNodeFrom(int start_mark) {
    return NewNode<T>(tokens_[start_mark].begin, LastTokenEnd());
  }
  uint32_t LastTokenEnd() {
    if (pos_ > 0) {
      const Token& t = tokens_[pos_ - 1];
      if (t.kind != TokenKind::kNewline && t.kind != TokenKind::kIndent &&
          t.kind != TokenKind::kDedent && t.kind != TokenKind::kEndMarker) {
        return t.end;
      }
    }
    return LastTokenEndSlow();
  }
  uint32_t LastTokenEndSlow();
  ast::Name* NewName(const Token& token, ast::ExprContext ctx = ast::ExprContext::kLoad);
  // A NAME token's identifier: its text, NFKC-normalized if it is not ASCII (as CPython's
  // _PyPegen_new_identifier).
  ast::Identifier Identifier(const Token& token) {
    if (!token.non_ascii) [[likely]]
      return TokenText(token);
    return NonAsciiIdentifier(token);
  }
  ast::Identifier NonAsciiIdentifier(const Token& token);
  ast::Constant* NewConstant(ast::ConstantValue::Kind kind, const Token& token);

  // Lists are built on a scratch stack and copied into the arena when complete.
  size_t ScratchMark() const { return scratch_.size(); }
  void Push(void* item) { scratch_.push_back(item); }
  void PopTo(size_t mark) { scratch_.resize(mark); }
  template <class T>
  ast::NodeList<T> TakeList(size_t mark) {
    uint32_t n = static_cast<uint32_t>(scratch_.size() - mark);
    T** items = NewListItems<T*>(n);
    for (uint32_t i = 0; i < n; ++i) items[i] = static_cast<T*>(scratch_[mark + i]);
    scratch_.resize(mark);
    return ast::NodeList<T>(items);
  }
  template <class T>
  ast::NodeList<T> SingletonList(T* item) {
    T** items = NewListItems<T*>(1);
    items[0] = item;
    return ast::NodeList<T>(items);
  }
  template <class T>
  ast::NodeList<T> PrependList(T* first, ast::NodeList<T> rest) {
    T** items = NewListItems<T*>(rest.size() + 1);
    items[0] = first;
    for (uint32_t i = 0; i < rest.size(); ++i) items[i + 1] = rest[i];
    return ast::NodeList<T>(items);
  }
  template <class T>
  ast::NodeList<T> ConcatLists(ast::NodeList<T> a, ast::NodeList<T> b) {
    T** items = NewListItems<T*>(a.size() + b.size());
    for (uint32_t i = 0; i < a.size(); ++i) items[i] = a[i];
    for (uint32_t i = 0; i < b.size(); ++i) items[a.size() + i] = b[i];
    return ast::NodeList<T>(items);
  }
  // The array of a list of n elements (null for n == 0), to fill and wrap in ast::ArenaList.
  template <class E>
  E* NewListItems(uint32_t n) {
    return ast::NewListItems<E>(arena_, n);
  }
  template <class T>
  T* Allocate() {
    return arena_.New<T>();
  }

  // ---------------------------------------------------------------- memo (parser.cc)
  // The second pass memoizes what CPython memoizes. The first pass memoizes only the rules
  // whose re-parsing would otherwise make backtracking expensive (an expression re-parsed by a
  // later alternative, a block shared by alternatives, nested targets).
  static bool MemoizedInFirstPass(MemoRule rule) {
    switch (rule) {
      case MemoRule::kBlock:
      case MemoRule::kStarTarget:
      case MemoRule::kTargetWithStarAtom:
      case MemoRule::kDelTarget:
      case MemoRule::kTPrimary:
      case MemoRule::kParam:  // parameters are re-parsed by each alternative of `parameters`
      case MemoRule::kLambdaParam:
      case MemoRule::kParamStarAnnotation:
      case MemoRule::kClosedPattern:  // group and sequence patterns both re-parse "(...)"
      case MemoRule::kDoubleStarredKvpair:
        return true;
      default:
        return false;
    }
  }
  bool MemoLookup(MemoRule rule, int pos, void** value) {
    if (!memo_enabled_ && !MemoizedInFirstPass(rule)) return false;
    MemoTable::Hit hit;
    if (!memo_.Lookup(rule, pos, &hit)) return false;
    *value = hit.value;
    pos_ = hit.end;
    return true;
  }
  void MemoStore(MemoRule rule, int pos, void* value) {
    if (memo_enabled_ || MemoizedInFirstPass(rule)) memo_.Store(rule, pos, value, pos_);
  }
  // Per-token data beside tokens_: the bracket level after the token, and the memo of
  // `expression`, the most memoized rule, which has a slot per token instead of a hash entry.
  struct TokenSlot {
    Expr* expression = nullptr;
    int32_t expression_end = -1;  // -1: not memoized
    uint8_t level = 0;
  };

  // ---------------------------------------------------------------- errors (parser_errors.cc)
  // CPython's RAISE_SYNTAX_ERROR family. All return nullptr for `return Raise...(...)`.
  std::nullptr_t RaiseAtLastToken(SyntaxError::Type type, std::string message);
  std::nullptr_t RaiseSyntaxError(std::string message) {
    return RaiseAtLastToken(SyntaxError::Type::kSyntaxError, std::move(message));
  }
  std::nullptr_t RaiseIndentationError(std::string message) {
    return RaiseAtLastToken(SyntaxError::Type::kIndentationError, std::move(message));
  }
  std::nullptr_t RaiseKnownLocation(const ast::Node* node, std::string message);
  std::nullptr_t RaiseKnownLocation(const Token& token, std::string message);
  std::nullptr_t RaiseKnownRange(uint32_t begin, uint32_t end, std::string message);
  std::nullptr_t RaiseStartingFrom(uint32_t begin, std::string message);
  std::nullptr_t RaiseAt(SyntaxError::Type type, const RawErrorLocation& location,
                         std::string message);
  std::nullptr_t RaiseInvalidTarget(int targets_type, Expr* expr);
  void RaiseMemoryError();
  void SetTokenizerError();
  void FinishSyntaxError(int first_pass_last_token);
  void TokenizeRestForErrors();
  RawErrorLocation TokenizerPosition();
  RawErrorLocation TokenLocation(const Token& t);
  uint32_t NewlineStart(const Token& t);
  int64_t ByteColumn(uint32_t offset);
  uint32_t LineOf(uint32_t offset);
  SyntaxError MakeError(SyntaxError::Type type, const RawErrorLocation& location,
                        std::string message);
  static const char* ExprName(const Expr* e);
  static Expr* InvalidTarget(Expr* e, int targets_type);
  static bool IsLegacyName(const Expr* e);

  // ---------------------------------------------------------------- statements
  // (parser_stmt.cc)
  bool Is312() const { return version_ == PythonVersion::k3_12; }
  void ClearMemo();
  ast::Module* FileRule();
  bool Statements(ast::NodeList<Stmt>* out);
  bool Statement();    // pushes its statements on the scratch stack
  bool SimpleStmts();  // pushes its statements on the scratch stack
  Stmt* SimpleStmt();
  Stmt* SimpleStmtRaw();
  Stmt* AssignmentOrExpressionFirstPass();
  Stmt* Assignment();
  Expr* AnnotatedRhs();
  bool AugAssign(ast::Operator* op);
  Stmt* ReturnStmt();
  Stmt* RaiseStmt();
  Stmt* GlobalOrNonlocalStmt();
  Stmt* DelStmt();
  Stmt* AssertStmt();
  Stmt* ImportStmt();
  Stmt* ImportName();
  Stmt* ImportFrom();
  bool ImportFromTargets(ast::NodeList<ast::Alias>* out);
  bool ImportFromAsNames(ast::NodeList<ast::Alias>* out);
  ast::Alias* ImportFromAsName();
  ast::Alias* DottedAsName();
  Expr* DottedName();

  // Compound statements (parser_compound.cc).
  Stmt* CompoundStmt();
  bool Block(ast::NodeList<Stmt>* out);
  bool BlockRaw(ast::NodeList<Stmt>* out);
  bool Decorators(ast::NodeList<Expr>* out);
  Stmt* ClassDef();
  Stmt* ClassDefRaw();
  Stmt* FunctionDef();
  Stmt* FunctionDefRaw();
  Stmt* IfStmt(bool elif);
  bool ElseBlock(ast::NodeList<Stmt>* out);
  Stmt* WhileStmt();
  Stmt* ForStmt();
  Stmt* WithStmt();
  ast::WithItem* WithItem();
  Stmt* TryStmt();
  ast::ExceptHandler* ExceptBlock(bool star);
  bool FinallyBlock(ast::NodeList<Stmt>* out);

  // Python 3.12 (parser_312.cc).
  Stmt* TypeAlias();
  bool TypeParams(ast::NodeList<ast::TypeParam>* out);
  ast::TypeParam* TypeParamRule();

  // Match statements and patterns (parser_pattern*.cc).
  Stmt* MatchStmt();
  Expr* SubjectExpr();
  ast::MatchCase* CaseBlock();
  Expr* Guard();
  ast::Pattern* Patterns();
  ast::Pattern* PatternRule();
  ast::Pattern* AsPattern();
  ast::Pattern* OrPattern();
  ast::Pattern* ClosedPattern();
  ast::Pattern* LiteralPattern();
  Expr* LiteralExpr();
  Expr* LiteralValue();
  Expr* ComplexNumber();
  Expr* SignedNumber();
  Expr* SignedRealNumber();
  Expr* RealNumber();
  Expr* ImaginaryNumber();
  ast::Pattern* CapturePattern();
  Expr* PatternCaptureTarget();
  ast::Pattern* WildcardPattern();
  ast::Pattern* ValuePattern();
  Expr* Attr();
  Expr* NameOrAttr();
  ast::Pattern* GroupPattern();
  ast::Pattern* SequencePattern();
  bool OpenSequencePattern();   // pushes patterns
  bool MaybeSequencePattern();  // pushes patterns
  ast::Pattern* MaybeStarPattern();
  ast::Pattern* StarPattern();
  ast::Pattern* MappingPattern();
  bool ItemsPattern();  // pushes KeyPatternPair*
  KeyPatternPair* KeyValuePattern();
  Expr* DoubleStarPattern();
  ast::Pattern* ClassPattern();
  bool PositionalPatterns();  // pushes patterns
  bool KeywordPatterns();     // pushes KeyPatternPair*
  KeyPatternPair* KeywordPattern();

  // ---------------------------------------------------------------- expressions
  // (parser_expr.cc, parser_atoms.cc)
  Expr* Expressions();
  Expr* Expression();
  Expr* ExpressionRaw();
  Expr* ExpressionWithoutInvalid();
  Expr* YieldExpr();
  Expr* StarExpressions();
  Expr* StarExpression();
  bool StarNamedExpressions(ast::NodeList<Expr>* out);
  bool PushStarNamedExpressions();  // the same, pushing the elements on the scratch stack
  Expr* StarNamedExpression();
  Expr* AssignmentExpression();
  Expr* NamedExpression();
  Expr* Disjunction();
  Expr* Conjunction();
  Expr* Inversion();
  Expr* Comparison();
  Expr* BitwiseOr();
  Expr* BitwiseXor();
  Expr* BitwiseAnd();
  Expr* ShiftExpr();
  Expr* Sum();
  Expr* Term();
  Expr* Factor();
  Expr* Power();
  // The first pass's precedence-climbing shortcut through bitwise_or ... await_primary
  // (parser_fast.cc).
  Expr* FastBinary(int min_level);
  Expr* FastFactor();
  Expr* WrapPrefixOperators(int first, int count, Expr* operand);
  Expr* FastDisjunction();
  Expr* FastConjunction();
  Expr* FastInversion();
  Expr* AwaitPrimary();
  Expr* Primary();
  Expr* Slices();
  Expr* SliceRule();
  Expr* Atom();
  Expr* TupleRule();
  Expr* GroupRule();
  Expr* GenexpRule();
  Expr* ListRule();
  Expr* ListCompRule();
  Expr* SetRule();
  Expr* DictRule();
  Expr* DictCompRule();
  Expr* SetCompRule();
  Expr* Strings();
  Expr* Lambdef();
  bool ForIfClauses(ast::NodeList<ast::Comprehension>* out);
  ast::Comprehension* ForIfClause();
  Expr* StarredExpression();
  bool DoubleStarredKvpairs();  // pushes KeyValuePair*
  KeyValuePair* DoubleStarredKvpair();
  KeyValuePair* Kvpair();
  Expr* ConcatenateStrings(int first, int last);

  // Python 3.12's f-strings (parser_fstring.cc).
  Expr* Strings312();
  Expr* StringConstant312(int index);
  Expr* FString312();
  Expr* MiddleConstant312(int index, bool decode, bool raw);
  bool DecodeMiddle312(ast::Constant* node, bool raw, bool format_spec);
  Expr* JoinedStr312(int start, size_t mark);
  Expr* ReplacementField312();
  ast::JoinedStr* FormatSpec312(int colon);
  Expr* FormattedValue312(int lbrace, Expr* value, int debug, int bang, ast::Name* conversion,
                          int colon, ast::JoinedStr* format, int rbrace);
  std::string_view DebugText312(int first, int terminator);
  Expr* ConcatenateStrings312(size_t mark, int start);
  bool InvalidReplacementField312();

  // ---------------------------------------------------------------- arguments (parser_args.cc)
  ast::Call* Arguments();
  ast::Call* Args();
  Expr* PositionalArgument();
  bool Kwargs();  // pushes kwargs items (KeywordItem)
  bool IsKeywordArgumentStart(int index) {
    return KindAt(index) == TokenKind::kName && KindAt(index + 1) == TokenKind::kEqual;
  }
  void* KwargOrStarred(bool double_starred);
  ast::Call* MakeCallArgs(size_t positional_mark, size_t kw_mark, int start);
  ast::Arguments* Params(bool lambda);
  ast::Arguments* Parameters(bool lambda);
  ast::Arg* Param(bool lambda, bool star_annotation);
  ast::Arg* ParamRaw(bool lambda, bool star_annotation);
  ast::Arg* ParamNoDefault(bool lambda, bool star_annotation = false);
  NameDefaultPair* ParamWithDefault(bool lambda);
  NameDefaultPair* ParamMaybeDefault(bool lambda);
  Expr* Default();
  bool SlashNoDefault(bool lambda);                   // pushes Arg*
  bool SlashWithDefault(bool lambda, size_t* split);  // pushes Arg*, then NameDefaultPair*
  bool StarEtc(bool lambda, ast::Arg** vararg, ast::Arg** kwarg);  // pushes kw-only pairs
  ast::Arg* Kwds(bool lambda);
  ast::Arguments* EmptyArguments();

  // ---------------------------------------------------------------- targets (parser_targets.cc)
  Expr* StarTargets();
  bool StarTargetsListSeq(ast::NodeList<Expr>* out);
  bool StarTargetsTupleSeq(ast::NodeList<Expr>* out);
  Expr* StarTarget();
  Expr* TargetWithStarAtom();
  Expr* StarAtom();
  Expr* SingleTarget();
  Expr* SingleSubscriptAttributeTarget();
  Expr* SubscriptAttributeTarget(ast::ExprContext ctx);
  Expr* TPrimary();
  bool TLookahead();
  bool DelTargets(ast::NodeList<Expr>* out);
  Expr* DelTarget();
  Expr* DelTAtom();
  Expr* SetExprContext(Expr* e, ast::ExprContext ctx);
  // The same, changing `e` in place: for the first pass's assignment targets, whose nodes
  // nothing else holds.
  Expr* SetExprContextInPlace(Expr* e, ast::ExprContext ctx);
  // First pass only: whether the expression star_expressions parsed is exactly what
  // star_targets (or single_target) would have parsed from the same tokens.
  bool IsStarTargetsExpr(const Expr* e);
  bool IsSingleTargetExpr(const Expr* e, int start, bool annotation);

  // ---------------------------------------------------------------- invalid rules
  // (parser_invalid*.cc; second pass only; they raise or fail, never succeed)
  bool InvalidArguments();
  bool InvalidKwarg();
  bool InvalidLegacyExpression();
  bool InvalidExpression();
  bool InvalidNamedExpression();
  bool InvalidNamedExpressionRaw();
  bool InvalidAssignment();
  Expr* InvalidAnnAssignTarget();
  bool InvalidDelStmt();
  bool InvalidBlock();
  bool InvalidComprehension();
  bool InvalidDictComprehension();
  bool InvalidParameters(bool lambda);
  bool InvalidParametersHelper(bool lambda);
  bool InvalidDefault();
  bool InvalidStarEtc(bool lambda);
  bool InvalidKwds(bool lambda);
  bool InvalidWithItem();
  bool InvalidForTarget();
  bool InvalidGroup();
  bool InvalidImportFromTargets();
  bool InvalidWithStmt();
  bool InvalidWithStmtIndent();
  bool InvalidTryStmt();
  bool InvalidExceptStmt();
  bool InvalidFinallyStmt();
  bool InvalidExceptStmtIndent(bool star);
  bool InvalidMatchStmt();
  bool InvalidCaseBlock();
  bool InvalidAsPattern();
  bool InvalidClassPattern();
  bool InvalidIfStmt(bool elif);
  bool InvalidElseStmt();
  bool InvalidWhileStmt();
  bool InvalidForStmt();
  bool InvalidDefRaw();
  bool InvalidClassDefRaw();
  bool InvalidDoubleStarredKvpairs();
  bool InvalidKvpair();
  bool SkipWithItemsForError(bool parenthesized);
  bool NewlineNoIndent();

  // ---------------------------------------------------------------- state
  const Source& source_;
  std::string_view text_;
  Arena& arena_;
  PythonVersion version_;
  Tokenizer tokenizer_;
  // CPython converts parser error columns to characters only when its tokenizer knows an
  // encoding (a BOM or a coding cookie); otherwise SyntaxError.offset counts bytes.
  bool source_declares_encoding_ = false;
  bool fstring_mode_ = false;
  uint32_t fstring_begin_ = 0;  // the replacement field's text, in fstring mode
  uint32_t fstring_end_ = 0;
  // CPython's p->starting_col_offset for the field: what its error columns are relative to.
  int64_t fstring_start_col_ = 0;
  Token error_token_{TokenKind::kError, 0, 0};

  std::vector<Token> tokens_;
  std::vector<TokenSlot> slots_;  // parallel to tokens_
  int fill_ = 0;                  // tokens pulled: tokens_[0, fill_)
  int pos_ = 0;
  bool tokenizer_failed_ = false;
  int fstring_tail_ = 0;  // f-string mode: which synthetic token comes next (1..3)

  std::vector<void*> scratch_;
  MemoTable memo_;
  bool memo_enabled_ = false;
  bool call_invalid_rules_ = false;
  bool error_indicator_ = false;
  // 3.12 f-strings: how many format specs enclose the current field, and whether a debug
  // field ('=') occurred inside one (ast.parse then fails with a ValueError).
  int format_spec_depth_ = 0;
  bool debug_in_format_spec_ = false;
  int level_ = 0;
  int failed_operator_ = -1;  // FastBinary: an operator whose right operand failed
  ast::Call scratch_call_;    // the first pass's args result (MakeCallArgs)
  std::optional<SyntaxError> error_;
};

// Counts one recursion level per rule call, as CPython's generated code does with p->level.
struct RuleGuard {
  explicit RuleGuard(Parser* parser) : p(parser) {
    if (p->level_++ == Parser::kMaxStack) p->RaiseMemoryError();
  }
  ~RuleGuard() { --p->level_; }
  bool failed() const { return p->error_indicator_; }
  Parser* p;
};

int UnaryOperatorOf(TokenKind kind);  // parser_fast.cc

// Counts `n` recursion levels at once (the first pass's shortcuts stand for several rules).
struct LevelGuard {
  LevelGuard(Parser* parser, int n) : p(parser), n(n) {
    if (p->level_ <= Parser::kMaxStack && p->level_ + n > Parser::kMaxStack) {
      p->RaiseMemoryError();
    }
    p->level_ += n;
  }
  ~LevelGuard() { p->level_ -= n; }
  bool failed() const { return p->error_indicator_; }
  Parser* p;
  int n;
};

// Enters a rule: counts the level and returns `{}` (null / false) when an error is pending.
#define KENSA_ENTER_RULE()           \
  RuleGuard rule_guard_(this);       \
  if (rule_guard_.failed()) return { \
    }

// Targets kinds for RaiseInvalidTarget (CPython's TARGETS_TYPE).
inline constexpr int kStarTargets = 0;
inline constexpr int kDelTargets = 1;
inline constexpr int kForTargets = 2;

}  // namespace kensa::python::parser_internal
