// Module-level and simple statements of CPython 3.11's grammar: `file`, `statements`,
// `simple_stmts`, `simple_stmt`, `assignment` (with the first pass's expression-first
// shortcut) and the keyword statements (return, raise, global, del, assert, import, ...).
#include <string>

#include "python/parser_internal.h"

namespace kensa::python::parser_internal {

using ast::ExprContext;

// file: [statements] ENDMARKER
ast::Module* Parser::FileRule() {
  KENSA_ENTER_RULE();
  ast::NodeList<Stmt> body;
  Statements(&body);
  if (error_indicator_ || !Consume(TokenKind::kEndMarker)) return nullptr;
  auto* module = NewNode<ast::Module>(0, static_cast<uint32_t>(text_.size()));
  module->body = body;
  return module;
}

// statements: statement+
bool Parser::Statements(ast::NodeList<Stmt>* out) {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  while (Statement()) {
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  *out = TakeList<Stmt>(mark);
  return true;
}

// statement: compound_stmt | simple_stmts   (pushes the statements)
bool Parser::Statement() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Stmt* s = CompoundStmt()) {
    Push(s);
    return true;
  }
  if (error_indicator_) return false;
  pos_ = start;
  return SimpleStmts();
}

// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
// (pushes the statements)
bool Parser::SimpleStmts() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Stmt* first = SimpleStmt();
  if (first == nullptr) return false;
  if (!At(TokenKind::kSemi) && Consume(TokenKind::kNewline)) {
    Push(first);
    return true;
  }
  // The second alternative starts with the same (memoized in CPython) simple_stmt.
  size_t mark = ScratchMark();
  Push(first);
  for (;;) {
    int before = pos_;
    if (!Consume(TokenKind::kSemi)) break;
    Stmt* s = SimpleStmt();
    if (s == nullptr) {
      pos_ = before;
      break;
    }
    Push(s);
  }
  Consume(TokenKind::kSemi);
  if (error_indicator_ || !Consume(TokenKind::kNewline)) {
    PopTo(mark);
    pos_ = start;
    return false;
  }
  return true;
}

// simple_stmt (memo):
//     | assignment | star_expressions | &'return' return_stmt | &('import' | 'from') import_stmt
//     | &'raise' raise_stmt | 'pass' | &'del' del_stmt | &'yield' yield_stmt
//     | &'assert' assert_stmt | 'break' | 'continue' | &'global' global_stmt
//     | &'nonlocal' nonlocal_stmt
Stmt* Parser::SimpleStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kSimpleStmt, start, &memo)) return static_cast<Stmt*>(memo);
  Stmt* result = SimpleStmtRaw();
  MemoStore(MemoRule::kSimpleStmt, start, result);
  return result;
}

namespace {

// Statements that start with a keyword no expression or target can start with ('yield'
// excepted: invalid_assignment knows `yield x = 1`).
bool IsKeywordStatementStart(TokenKind kind) {
  switch (kind) {
    case TokenKind::kReturn:
    case TokenKind::kImport:
    case TokenKind::kFrom:
    case TokenKind::kRaise:
    case TokenKind::kPass:
    case TokenKind::kDel:
    case TokenKind::kAssert:
    case TokenKind::kBreak:
    case TokenKind::kContinue:
    case TokenKind::kGlobal:
    case TokenKind::kNonlocal:
      return true;
    default:
      return false;
  }
}

}  // namespace

Stmt* Parser::SimpleStmtRaw() {
  int start = pos_;
  TokenKind kind = CurKind();
  if (!IsKeywordStatementStart(kind) && kind != TokenKind::kYield) {
    // 3.12: &"type" type_alias comes after assignment, which fails on `type NAME`.
    bool type_alias = Is312() && AtSoftKeyword("type") && KindAt(pos_ + 1) == TokenKind::kName;
    if (!call_invalid_rules_) {
      if (type_alias) {
        if (Stmt* s = TypeAlias()) return s;
        if (error_indicator_) return nullptr;
        pos_ = start;
      }
      return AssignmentOrExpressionFirstPass();
    }
    if (Stmt* s = Assignment()) return s;
    if (error_indicator_) return nullptr;
    pos_ = start;
    if (AtSoftKeyword("type") && Is312()) {
      if (Stmt* s = TypeAlias()) return s;
      if (error_indicator_) return nullptr;
      pos_ = start;
    }
    if (Expr* e = StarExpressions()) {
      auto* node = NewNodeFrom<ast::ExprStmt>(start);
      node->value = e;
      return node;
    }
    return nullptr;
  }
  if (kind == TokenKind::kYield && call_invalid_rules_) {
    // assignment and star_expressions fail on 'yield', but invalid_assignment may raise.
    Assignment();
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  switch (kind) {
    case TokenKind::kReturn:
      return ReturnStmt();
    case TokenKind::kImport:
    case TokenKind::kFrom:
      return ImportStmt();
    case TokenKind::kRaise:
      return RaiseStmt();
    case TokenKind::kPass:
      ++pos_;
      return NewNodeFrom<ast::Pass>(start);
    case TokenKind::kDel:
      return DelStmt();
    case TokenKind::kYield: {
      // yield_stmt: yield_expr
      RuleGuard yield_guard(this);
      if (Expr* e = YieldExpr()) {
        auto* node = NewNodeFrom<ast::ExprStmt>(start);
        node->value = e;
        return node;
      }
      return nullptr;
    }
    case TokenKind::kAssert:
      return AssertStmt();
    case TokenKind::kBreak:
      ++pos_;
      return NewNodeFrom<ast::Break>(start);
    case TokenKind::kContinue:
      ++pos_;
      return NewNodeFrom<ast::Continue>(start);
    case TokenKind::kGlobal:
    case TokenKind::kNonlocal:
      return GlobalOrNonlocalStmt();
    default:
      return nullptr;
  }
}

namespace {

bool AugOperatorOf(TokenKind kind, ast::Operator* op) {
  switch (kind) {
    case TokenKind::kPlusEqual:
      *op = ast::Operator::kAdd;
      return true;
    case TokenKind::kMinEqual:
      *op = ast::Operator::kSub;
      return true;
    case TokenKind::kStarEqual:
      *op = ast::Operator::kMult;
      return true;
    case TokenKind::kAtEqual:
      *op = ast::Operator::kMatMult;
      return true;
    case TokenKind::kSlashEqual:
      *op = ast::Operator::kDiv;
      return true;
    case TokenKind::kPercentEqual:
      *op = ast::Operator::kMod;
      return true;
    case TokenKind::kAmperEqual:
      *op = ast::Operator::kBitAnd;
      return true;
    case TokenKind::kVBarEqual:
      *op = ast::Operator::kBitOr;
      return true;
    case TokenKind::kCircumflexEqual:
      *op = ast::Operator::kBitXor;
      return true;
    case TokenKind::kLeftShiftEqual:
      *op = ast::Operator::kLShift;
      return true;
    case TokenKind::kRightShiftEqual:
      *op = ast::Operator::kRShift;
      return true;
    case TokenKind::kDoubleStarEqual:
      *op = ast::Operator::kPow;
      return true;
    case TokenKind::kDoubleSlashEqual:
      *op = ast::Operator::kFloorDiv;
      return true;
    default:
      return false;
  }
}

}  // namespace

// augassign: '+=' | '-=' | ... (one token)
bool Parser::AugAssign(ast::Operator* op) {
  if (!AugOperatorOf(CurKind(), op)) return false;
  ++pos_;
  return true;
}

// annotated_rhs: yield_expr | star_expressions
Expr* Parser::AnnotatedRhs() {
  KENSA_ENTER_RULE();
  if (Expr* e = YieldExpr()) return e;
  if (error_indicator_) return nullptr;
  return StarExpressions();
}

// The first pass's `assignment | star_expressions`: star_expressions is parsed once and the
// token after it decides. When an '=' (or ':' or an augmented operator) follows, the
// expression is accepted as a target only if the target rule would have parsed exactly it
// (IsStarTargetsExpr, IsSingleTargetExpr), and it gets Store contexts as CPython's actions
// give them. Any other case fails just as CPython's alternatives all fail, at the same
// furthest token; the second pass then runs the rules literally.
Stmt* Parser::AssignmentOrExpressionFirstPass() {
  RuleGuard assignment_guard(this);
  int start = pos_;
  // NAME ':' expression ['=' annotated_rhs]
  if (CurKind() == TokenKind::kName && KindAt(pos_ + 1) == TokenKind::kColon) {
    pos_ += 2;
    if (Expr* annotation = Expression()) {
      Expr* value = nullptr;
      int before = pos_;
      if (Consume(TokenKind::kEqual)) {
        value = AnnotatedRhs();
        if (value == nullptr) pos_ = before;
      }
      auto* node = NewNodeFrom<ast::AnnAssign>(start);
      node->target = NewName(tokens_[start], ExprContext::kStore);
      node->annotation = annotation;
      node->value = value;
      node->simple = 1;
      return node;
    }
    if (error_indicator_) return nullptr;
    pos_ = start;
  }
  Expr* e = StarExpressions();
  if (e == nullptr) return nullptr;
  TokenKind kind = CurKind();
  ast::Operator op;
  if (kind == TokenKind::kEqual) {
    // (star_targets '=')+ (yield_expr | star_expressions) !'='
    size_t mark = ScratchMark();
    Expr* value = e;
    while (At(TokenKind::kEqual)) {
      if (!IsStarTargetsExpr(value)) {
        PopTo(mark);
        pos_ = start;
        return nullptr;
      }
      Push(value);
      ++pos_;
      value = AnnotatedRhs();
      if (value == nullptr) {
        PopTo(mark);
        pos_ = start;
        return nullptr;
      }
    }
    for (size_t i = mark; i < ScratchMark(); ++i) {
      SetExprContextInPlace(static_cast<Expr*>(scratch_[i]), ExprContext::kStore);
    }
    auto* node = NewNodeFrom<ast::Assign>(start);
    node->targets = TakeList<Expr>(mark);
    node->value = value;
    return node;
  }
  if (kind == TokenKind::kColon) {
    // ('(' single_target ')' | single_subscript_attribute_target) ':' expression
    // ['=' annotated_rhs]
    if (IsSingleTargetExpr(e, start, /*annotation=*/true)) {
      ++pos_;
      if (Expr* annotation = Expression()) {
        Expr* value = nullptr;
        int before = pos_;
        if (Consume(TokenKind::kEqual)) {
          value = AnnotatedRhs();
          if (value == nullptr) pos_ = before;
        }
        auto* node = NewNodeFrom<ast::AnnAssign>(start);
        node->target = SetExprContextInPlace(e, ExprContext::kStore);
        node->annotation = annotation;
        node->value = value;
        node->simple = 0;
        return node;
      }
    }
    pos_ = start;
    return nullptr;
  }
  if (AugOperatorOf(kind, &op)) {
    // single_target augassign ~ (yield_expr | star_expressions)
    if (IsSingleTargetExpr(e, start, /*annotation=*/false)) {
      ++pos_;
      if (Expr* value = AnnotatedRhs()) {
        auto* node = NewNodeFrom<ast::AugAssign>(start);
        node->target = SetExprContextInPlace(e, ExprContext::kStore);
        node->op = op;
        node->value = value;
        return node;
      }
    }
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::ExprStmt>(start);
  node->value = e;
  return node;
}

// assignment (the second pass runs it literally):
//     | NAME ':' expression ['=' annotated_rhs]
//     | ('(' single_target ')' | single_subscript_attribute_target) ':' expression
//       ['=' annotated_rhs]
//     | (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
//     | single_target augassign ~ (yield_expr | star_expressions)
//     | invalid_assignment
Stmt* Parser::Assignment() {
  KENSA_ENTER_RULE();
  int start = pos_;
  auto annotated = [&](Expr* target, int simple) -> Stmt* {
    Expr* annotation = Expression();
    if (annotation == nullptr) return nullptr;
    Expr* value = nullptr;
    int before = pos_;
    if (Consume(TokenKind::kEqual)) {
      value = AnnotatedRhs();
      if (value == nullptr) {
        if (error_indicator_) return nullptr;
        pos_ = before;
      }
    }
    auto* node = NewNodeFrom<ast::AnnAssign>(start);
    node->target = target;
    node->annotation = annotation;
    node->value = value;
    node->simple = simple;
    return node;
  };
  // NAME ':' expression ['=' annotated_rhs]
  if (CurKind() == TokenKind::kName && KindAt(pos_ + 1) == TokenKind::kColon) {
    pos_ += 2;
    if (Stmt* s = annotated(NewName(tokens_[start], ExprContext::kStore), 1)) return s;
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  // ('(' single_target ')' | single_subscript_attribute_target) ':' ...
  {
    Expr* target = nullptr;
    if (Consume(TokenKind::kLPar)) {
      target = SingleTarget();
      if (target == nullptr || !Consume(TokenKind::kRPar)) target = nullptr;
    }
    if (error_indicator_) return nullptr;
    if (target == nullptr) {
      pos_ = start;
      target = SingleSubscriptAttributeTarget();
      if (error_indicator_) return nullptr;
    }
    if (target != nullptr && Consume(TokenKind::kColon)) {
      if (Stmt* s = annotated(target, 0)) return s;
      if (error_indicator_) return nullptr;
    }
  }
  pos_ = start;
  // (star_targets '=')+ (yield_expr | star_expressions) !'='
  {
    size_t mark = ScratchMark();
    for (;;) {
      int before = pos_;
      Expr* target = StarTargets();
      if (target == nullptr || !Consume(TokenKind::kEqual)) {
        pos_ = before;
        break;
      }
      Push(target);
    }
    if (error_indicator_) {
      PopTo(mark);
      return nullptr;
    }
    if (ScratchMark() != mark) {
      Expr* value = AnnotatedRhs();
      if (value != nullptr && !At(TokenKind::kEqual)) {
        auto* node = NewNodeFrom<ast::Assign>(start);
        node->targets = TakeList<Expr>(mark);
        node->value = value;
        return node;
      }
      if (error_indicator_) {
        PopTo(mark);
        return nullptr;
      }
    }
    PopTo(mark);
  }
  pos_ = start;
  // single_target augassign ~ (yield_expr | star_expressions)
  if (Expr* target = SingleTarget()) {
    ast::Operator op;
    if (AugAssign(&op)) {
      Expr* value = AnnotatedRhs();
      if (value == nullptr) {  // the cut: no further alternative
        pos_ = start;
        return nullptr;
      }
      auto* node = NewNodeFrom<ast::AugAssign>(start);
      node->target = target;
      node->op = op;
      node->value = value;
      return node;
    }
  }
  if (error_indicator_) return nullptr;
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidAssignment();
    pos_ = start;
  }
  return nullptr;
}

// return_stmt: 'return' [star_expressions]
Stmt* Parser::ReturnStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kReturn)) return nullptr;
  Expr* value = StarExpressions();
  if (error_indicator_) return nullptr;
  auto* node = NewNodeFrom<ast::Return>(start);
  node->value = value;
  return node;
}

// raise_stmt: 'raise' expression ['from' expression] | 'raise'
Stmt* Parser::RaiseStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kRaise)) return nullptr;
  Expr* exc = Expression();
  Expr* cause = nullptr;
  if (exc != nullptr) {
    int before = pos_;
    if (Consume(TokenKind::kFrom)) {
      cause = Expression();
      if (cause == nullptr) pos_ = before;
    }
  }
  if (error_indicator_) return nullptr;
  auto* node = NewNodeFrom<ast::Raise>(start);
  node->exc = exc;
  node->cause = cause;
  return node;
}

// global_stmt: 'global' ','.NAME+          nonlocal_stmt: 'nonlocal' ','.NAME+
Stmt* Parser::GlobalOrNonlocalStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  bool global = Consume(TokenKind::kGlobal);
  if (!global && !Consume(TokenKind::kNonlocal)) return nullptr;
  std::vector<ast::Identifier> names;
  for (;;) {
    int before = pos_;
    if (!names.empty() && !Consume(TokenKind::kComma)) break;
    if (!At(TokenKind::kName)) {
      pos_ = before;
      break;
    }
    names.push_back(Identifier(Cur()));
    ++pos_;
  }
  if (names.empty()) {
    pos_ = start;
    return nullptr;
  }
  auto* items = NewListItems<ast::Identifier>(static_cast<uint32_t>(names.size()));
  for (size_t i = 0; i < names.size(); ++i) items[i] = names[i];
  ast::IdentifierList list(items);
  if (global) {
    auto* node = NewNodeFrom<ast::Global>(start);
    node->names = list;
    return node;
  }
  auto* node = NewNodeFrom<ast::Nonlocal>(start);
  node->names = list;
  return node;
}

// del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt
Stmt* Parser::DelStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kDel)) {
    ast::NodeList<Expr> targets;
    if (DelTargets(&targets) && (At(TokenKind::kSemi) || At(TokenKind::kNewline))) {
      auto* node = NewNodeFrom<ast::Delete>(start);
      node->targets = targets;
      return node;
    }
    if (error_indicator_) return nullptr;
  }
  pos_ = start;
  if (call_invalid_rules_) {
    InvalidDelStmt();
    pos_ = start;
  }
  return nullptr;
}

// assert_stmt: 'assert' expression [',' expression]
Stmt* Parser::AssertStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kAssert)) return nullptr;
  Expr* test = Expression();
  if (test == nullptr) {
    pos_ = start;
    return nullptr;
  }
  Expr* msg = nullptr;
  int before = pos_;
  if (Consume(TokenKind::kComma)) {
    msg = Expression();
    if (msg == nullptr) pos_ = before;
  }
  if (error_indicator_) return nullptr;
  auto* node = NewNodeFrom<ast::Assert>(start);
  node->test = test;
  node->msg = msg;
  return node;
}

// import_stmt: import_name | import_from
Stmt* Parser::ImportStmt() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Stmt* s = ImportName()) return s;
  if (error_indicator_) return nullptr;
  pos_ = start;
  return ImportFrom();
}

// import_name: 'import' dotted_as_names
// dotted_as_names: ','.dotted_as_name+
Stmt* Parser::ImportName() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kImport)) return nullptr;
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    ast::Alias* alias = DottedAsName();
    if (alias == nullptr) {
      pos_ = before;
      break;
    }
    Push(alias);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::Import>(start);
  node->names = TakeList<ast::Alias>(mark);
  return node;
}

// dotted_as_name: dotted_name ['as' NAME]
ast::Alias* Parser::DottedAsName() {
  KENSA_ENTER_RULE();
  int start = pos_;
  Expr* name = DottedName();
  if (name == nullptr) return nullptr;
  ast::Identifier asname;
  if (At(TokenKind::kAs) && KindAt(pos_ + 1) == TokenKind::kName) {
    asname = Identifier(tokens_[pos_ + 1]);
    pos_ += 2;
  }
  auto* alias = NewNodeFrom<ast::Alias>(start);
  alias->name = static_cast<ast::Name*>(name)->id;
  alias->asname = asname;
  return alias;
}

// dotted_name: dotted_name '.' NAME | NAME   (a Name whose id is the dotted string)
Expr* Parser::DottedName() {
  KENSA_ENTER_RULE();
  int start = pos_;
  void* memo;
  if (MemoLookup(MemoRule::kDottedName, start, &memo)) return static_cast<Expr*>(memo);
  Expr* result = nullptr;
  if (At(TokenKind::kName)) {
    ++pos_;
    int last = start;
    bool plain = true;  // the dotted text is exactly the source text (no blanks, ASCII)
    while (At(TokenKind::kDot) && KindAt(pos_ + 1) == TokenKind::kName) {
      if (tokens_[pos_].begin != tokens_[pos_ - 1].end ||
          tokens_[pos_ + 1].begin != tokens_[pos_].end) {
        plain = false;
      }
      pos_ += 2;
      last = pos_ - 1;
    }
    auto* name = NewNode<ast::Name>(tokens_[start].begin, tokens_[last].end);
    name->ctx = ExprContext::kLoad;
    std::string_view whole = text_.substr(name->begin, name->end - name->begin);
    bool ascii = true;
    for (unsigned char c : whole) ascii = ascii && c < 0x80;
    if (plain && ascii) {
      name->id = whole;
    } else {
      std::string joined;
      for (int i = start; i <= last; i += 2) {
        if (i != start) joined += '.';
        joined += Identifier(tokens_[i]);
      }
      name->id = arena_.CopyString(joined);
    }
    result = name;
  }
  MemoStore(MemoRule::kDottedName, start, result);
  return result;
}

// import_from:
//     | 'from' ('.' | '...')* dotted_name 'import' import_from_targets
//     | 'from' ('.' | '...')+ 'import' import_from_targets
Stmt* Parser::ImportFrom() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kFrom)) return nullptr;
  int level = 0;
  for (;;) {
    if (Consume(TokenKind::kDot)) {
      level += 1;
    } else if (Consume(TokenKind::kEllipsis)) {
      level += 3;
    } else {
      break;
    }
  }
  int after_dots = pos_;
  ast::Identifier module;
  Expr* name = DottedName();
  if (name != nullptr && Consume(TokenKind::kImport)) {
    module = static_cast<ast::Name*>(name)->id;
  } else {
    if (error_indicator_) return nullptr;
    pos_ = after_dots;
    if (level == 0 || !Consume(TokenKind::kImport)) {
      pos_ = start;
      return nullptr;
    }
  }
  ast::NodeList<ast::Alias> names;
  if (!ImportFromTargets(&names)) {
    if (error_indicator_) return nullptr;
    if (module.data() != nullptr) {
      // The first alternative failed in its targets; the second needs dots and no name.
      pos_ = start;
      return nullptr;
    }
    pos_ = start;
    return nullptr;
  }
  auto* node = NewNodeFrom<ast::ImportFrom>(start);
  node->module = module;
  node->names = names;
  node->level = level;
  return node;
}

// import_from_targets:
//     | '(' import_from_as_names [','] ')' | import_from_as_names !',' | '*'
//     | invalid_import_from_targets
bool Parser::ImportFromTargets(ast::NodeList<ast::Alias>* out) {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (Consume(TokenKind::kLPar)) {
    if (ImportFromAsNames(out)) {
      Consume(TokenKind::kComma);
      if (Consume(TokenKind::kRPar)) return true;
    }
    if (error_indicator_) return false;
    pos_ = start;
  }
  if (ImportFromAsNames(out)) {
    if (!At(TokenKind::kComma)) return true;
  }
  if (error_indicator_) return false;
  pos_ = start;
  if (At(TokenKind::kStar)) {
    ++pos_;
    auto* alias = NewNodeFrom<ast::Alias>(start);
    alias->name = std::string_view("*", 1);
    *out = SingletonList<ast::Alias>(alias);
    return true;
  }
  if (call_invalid_rules_) {
    InvalidImportFromTargets();
    pos_ = start;
  }
  return false;
}

// import_from_as_names: ','.import_from_as_name+
bool Parser::ImportFromAsNames(ast::NodeList<ast::Alias>* out) {
  KENSA_ENTER_RULE();
  size_t mark = ScratchMark();
  for (;;) {
    int before = pos_;
    if (ScratchMark() != mark && !Consume(TokenKind::kComma)) break;
    ast::Alias* alias = ImportFromAsName();
    if (alias == nullptr) {
      pos_ = before;
      break;
    }
    Push(alias);
  }
  if (ScratchMark() == mark || error_indicator_) {
    PopTo(mark);
    return false;
  }
  *out = TakeList<ast::Alias>(mark);
  return true;
}

// import_from_as_name: NAME ['as' NAME]
ast::Alias* Parser::ImportFromAsName() {
  KENSA_ENTER_RULE();
  int start = pos_;
  if (!Consume(TokenKind::kName)) return nullptr;
  ast::Identifier asname;
  if (At(TokenKind::kAs) && KindAt(pos_ + 1) == TokenKind::kName) {
    asname = Identifier(tokens_[pos_ + 1]);
    pos_ += 2;
  }
  auto* alias = NewNodeFrom<ast::Alias>(start);
  alias->name = Identifier(tokens_[start]);
  alias->asname = asname;
  return alias;
}

}  // namespace kensa::python::parser_internal
