// Python 3.11's f-string scanner: splits an f-string body into literal text and replacement
// fields `{expr=!c:spec}`, finds where each expression ends the way CPython's
// fstring_find_expr does (tracking quotes and brackets, refusing backslashes and '#'), and
// hands the expression text to the parser through FStringExprParser.
#include "python/fstring.h"

#include "python/literal_escape.h"

namespace kensa::python::fstring {
namespace {

constexpr int kMaxParenDepth = 200;  // CPython's MAXLEVEL

class Scanner {
 public:
  Scanner(const ScanContext& context, Span token, bool raw)
      : c_(context), text_(context.source.text()), token_(token), raw_(raw) {}

  // FstringParser_ConcatFstring: parses until `end` (top level) or a '}' (format spec).
  bool Concat(StringGroup& group, uint32_t* pos, uint32_t end, int level) {
    group.SetFString();
    while (true) {
      bool doubled_brace = false;
      if (!FindLiteral(group, pos, end, level, &doubled_brace)) return false;
      if (doubled_brace) continue;
      if (*pos >= end || text_[*pos] == '}') break;
      ast::FormattedValue* field = nullptr;
      if (!FindExpression(group, pos, end, level, &field)) return false;
      group.AddExpression(field, c_.group, c_.kind_u);
    }
    if (level == 0 && *pos + 1 < end) return Fail("f-string: unexpected end of string");
    if (level != 0 && (*pos >= end || text_[*pos] != '}')) {
      return Fail("f-string: expecting '}'");
    }
    return true;
  }

 private:
  bool Fail(std::string message) {
    SetLookaheadError(c_.error, std::move(message));
    return false;
  }

  // fstring_find_literal: literal text up to an undoubled '{' (or a '}' in a format spec).
  bool FindLiteral(StringGroup& group, uint32_t* pos, uint32_t end, int level,
                   bool* doubled_brace) {
    uint32_t s = *pos;
    const uint32_t literal_start = s;
    uint32_t literal_end = 0;
    bool stop = false;
    while (s < end && !stop) {
      char ch = text_[s++];
      if (!raw_ && ch == '\\' && s < end) {
        ch = text_[s++];
        if (ch == 'N') {
          // "\N{...}": its braces are not replacement fields. A "\N" without '{' is left for
          // the escape decoder to reject; the character after it is skipped either way.
          if (s < end && text_[s++] == '{') {
            while (s < end && text_[s++] != '}') {
            }
          }
          continue;
        }
      }
      if (ch == '{' || ch == '}') {
        if (level == 0) {
          if (s < end && text_[s] == ch) {
            // A doubled brace: the literal ends with one brace; scanning resumes after both.
            literal_end = s;
            *pos = s + 1;
            *doubled_brace = true;
            return DecodeLiteral(group, literal_start, literal_end);
          }
          if (ch == '}') return Fail("f-string: single '}' is not allowed");
        }
        --s;
        stop = true;
      }
    }
    *pos = s;
    return DecodeLiteral(group, literal_start, s);
  }

  bool DecodeLiteral(StringGroup& group, uint32_t begin, uint32_t end) {
    if (begin == end) return true;
    std::string_view literal = text_.substr(begin, end - begin);
    std::string message;
    if (raw_) {
      if (!CheckUtf8(literal, &message)) return Fail(std::move(message));
      group.AddText(literal);
      return true;
    }
    std::string decoded;
    if (!DecodeStrEscapes(literal, &decoded, &message)) return Fail(std::move(message));
    group.AddText(decoded);
    return true;
  }

  // fstring_find_expr: at a '{'; builds the FormattedValue.
  bool FindExpression(StringGroup& group, uint32_t* pos, uint32_t end, int level,
                      ast::FormattedValue** result) {
    if (level >= 2) return Fail("f-string: expressions nested too deeply");
    uint32_t s = *pos + 1;  // past the '{'
    const uint32_t expr_start = s;
    char quote = 0;
    int string_type = 0;  // 1 or 3 inside a string
    char brackets[kMaxParenDepth];
    int depth = 0;
    for (; s < end; ++s) {
      char ch = text_[s];
      if (ch == '\\') return Fail("f-string expression part cannot include a backslash");
      if (quote != 0) {
        if (ch == quote) {
          if (string_type == 3) {
            if (s + 2 < end && text_[s + 1] == ch && text_[s + 2] == ch) {
              s += 2;
              quote = 0;
              string_type = 0;
            }
          } else {
            quote = 0;
            string_type = 0;
          }
        }
      } else if (ch == '\'' || ch == '"') {
        if (s + 2 < end && text_[s + 1] == ch && text_[s + 2] == ch) {
          string_type = 3;
          s += 2;
        } else {
          string_type = 1;
        }
        quote = ch;
      } else if (ch == '[' || ch == '{' || ch == '(') {
        if (depth >= kMaxParenDepth) return Fail("f-string: too many nested parenthesis");
        brackets[depth++] = ch;
      } else if (ch == '#') {
        return Fail("f-string expression part cannot include '#'");
      } else if (depth == 0 &&
                 (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
        if (s + 1 < end && text_[s + 1] == '=' &&
            (ch == '!' || ch == '=' || ch == '<' || ch == '>')) {
          ++s;  // "!=", "==", "<=", ">=" are operators
          continue;
        }
        if (ch == '>' || ch == '<') continue;  // comparisons, even at the very end
        break;
      } else if (ch == ']' || ch == '}' || ch == ')') {
        if (depth == 0) return Fail(std::string("f-string: unmatched '") + ch + "'");
        char opening = brackets[--depth];
        if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') ||
              (opening == '{' && ch == '}'))) {
          return Fail(std::string("f-string: closing parenthesis '") + ch +
                      "' does not match opening parenthesis '" + opening + "'");
        }
      }
    }
    const uint32_t expr_end = s;
    if (quote != 0) return Fail("f-string: unterminated string");
    if (depth != 0) return Fail(std::string("f-string: unmatched '") + brackets[depth - 1] + "'");
    if (s >= end) return Fail("f-string: expecting '}'");

    // fstring_compile_expr: an all-whitespace expression is an error, not "()".
    uint32_t w = expr_start;
    while (w < expr_end &&
           (text_[w] == ' ' || text_[w] == '\t' || text_[w] == '\n' || text_[w] == '\f')) {
      ++w;
    }
    if (w == expr_end) {
      char stop = text_[expr_end];
      if (stop == '!' || stop == ':' || stop == '=') {
        return Fail(std::string("f-string: expression required before '") + stop + "'");
      }
      return Fail("f-string: empty expression not allowed");
    }
    ast::Expr* expression = c_.parse_expr(expr_start, expr_end, c_.error);
    if (expression == nullptr) return false;

    // "=": the expression's text (up to the whitespace after '=') becomes literal text.
    bool self_documenting = false;
    if (text_[s] == '=') {
      ++s;
      while (s < end && IsPythonSpace(text_[s])) ++s;
      group.AddText(text_.substr(expr_start, s - expr_start));
      self_documenting = true;
    }
    int32_t conversion = -1;
    if (s < end && text_[s] == '!') {
      ++s;
      if (s >= end) return Fail("f-string: expecting '}'");
      conversion = static_cast<unsigned char>(text_[s]);
      ++s;
      if (conversion != 's' && conversion != 'r' && conversion != 'a') {
        return Fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
    }
    if (s >= end) return Fail("f-string: expecting '}'");
    ast::Expr* format_spec = nullptr;
    if (text_[s] == ':') {
      ++s;
      if (s >= end) return Fail("f-string: expecting '}'");
      // fstring_parse: a nested f-string up to the matching '}'.
      StringGroup spec(c_.arena);
      if (!Concat(spec, &s, end, level + 1)) return false;
      format_spec = spec.Finish(token_, false);
    }
    if (s >= end || text_[s] != '}') return Fail("f-string: expecting '}'");
    ++s;
    if (self_documenting && format_spec == nullptr && conversion == -1) conversion = 'r';

    auto* field = c_.arena.New<ast::FormattedValue>();
    field->begin = c_.group.begin;
    field->end = c_.group.end;
    field->value = expression;
    field->conversion = conversion;
    field->format_spec = format_spec;
    *result = field;
    *pos = s;
    return true;
  }

  // Py_ISSPACE: the ASCII whitespace characters.
  static bool IsPythonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  }

  const ScanContext& c_;
  std::string_view text_;
  Span token_;
  bool raw_;
};

}  // namespace

void SetLookaheadError(SyntaxError* error, std::string message) {
  error->type = SyntaxError::Type::kSyntaxError;
  error->message = std::move(message);
  error->line = error->offset = error->end_line = error->end_offset = 0;
}

void StringGroup::AddExpression(ast::Expr* expr, Span span, bool kind_u) {
  if (!text_.empty()) parts_.push_back(MakeConstant(span, kind_u));
  parts_.push_back(expr);
}

ast::Constant* StringGroup::MakeConstant(Span span, bool kind_u) {
  auto* constant = arena_.New<ast::Constant>();
  constant->begin = span.begin;
  constant->end = span.end;
  constant->value.kind = ast::ConstantValue::Kind::kStr;
  constant->value.set_text(arena_.CopyString(text_));
  if (kind_u) constant->kind_u = true;
  text_.clear();
  return constant;
}

ast::Expr* StringGroup::Finish(Span span, bool kind_u) {
  if (!fstring_) return MakeConstant(span, kind_u);
  if (!text_.empty()) parts_.push_back(MakeConstant(span, kind_u));
  auto* joined = arena_.New<ast::JoinedStr>();
  joined->begin = span.begin;
  joined->end = span.end;
  auto** items = ast::NewListItems<ast::Expr*>(arena_, static_cast<uint32_t>(parts_.size()));
  for (size_t i = 0; i < parts_.size(); ++i) items[i] = parts_[i];
  joined->values = ast::NodeList<ast::Expr>(items);
  return joined;
}

bool ConcatFString(const ScanContext& context, StringGroup& group, Span token, uint32_t begin,
                   uint32_t end, bool raw) {
  Scanner scanner(context, token, raw);
  uint32_t pos = begin;
  return scanner.Concat(group, &pos, end, 0);
}

}  // namespace kensa::python::fstring
