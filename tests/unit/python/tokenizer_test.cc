// The tokenizer against CPython 3.11.2: token kinds and texts per construct, the positions of
// the layout tokens, and every tokenizer error with the exact line, offset and message
// /usr/bin/python3 reports for compile(src, "<s>", "exec", ast.PyCF_ONLY_AST).
// (Positions of ordinary tokens over the whole stdlib: tests/differential/tokens.py.)
#include "python/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace kensa::python {
namespace {

// "KIND" for layout tokens, "KIND:text" for the others, space-separated; or the error as
// "Type line:offset-end_line:end_offset message".
std::string Tokens(std::string_view bytes, TokenizerOptions options = {}) {
  SyntaxError error;
  std::optional<Source> source = Source::Decode(bytes, &error);
  if (!source) {
    return std::string(error.TypeName()) + " " + std::to_string(error.line) + ":" +
           std::to_string(error.offset) + " " + error.message;
  }
  Tokenizer tokenizer(*source, options);
  std::string out;
  for (int i = 0; i < 10000; ++i) {
    Token t = tokenizer.Next();
    if (t.kind == TokenKind::kError) {
      const SyntaxError& e = *tokenizer.error();
      return std::string(e.TypeName()) + " " + std::to_string(e.line) + ":" +
             std::to_string(e.offset) + "-" + std::to_string(e.end_line) + ":" +
             std::to_string(e.end_offset) + " " + e.message;
    }
    if (!out.empty()) out += ' ';
    out += TokenKindName(t.kind);
    switch (t.kind) {
      case TokenKind::kNewline:
      case TokenKind::kIndent:
      case TokenKind::kDedent:
      case TokenKind::kEndMarker:
        break;
      default:
        out += ':';
        out += t.Text(source->text());
    }
    if (t.kind == TokenKind::kEndMarker) break;
  }
  return out;
}

// "KIND line:col-line:col" for each token (columns in bytes, as CPython's AST).
std::string Positions(std::string_view text) {
  Source source = Source::FromUtf8(text);
  Tokenizer tokenizer(source);
  std::string out;
  for (;;) {
    Token t = tokenizer.Next();
    LineCol b = source.Locate(t.begin), e = source.Locate(t.end);
    if (!out.empty()) out += ' ';
    out += std::string(TokenKindName(t.kind)) + " " + std::to_string(b.line) + ":" +
           std::to_string(b.column) + "-" + std::to_string(e.line) + ":" + std::to_string(e.column);
    if (t.kind == TokenKind::kEndMarker || t.kind == TokenKind::kError) break;
  }
  return out;
}

TEST(Tokenizer, SimpleStatement) {
  EXPECT_EQ(Tokens("x = 1\n"), "NAME:x EQUAL:= NUMBER:1 NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens(""), "ENDMARKER");
  EXPECT_EQ(Tokens("\n\n# only a comment\n   \n"), "ENDMARKER");
}

TEST(Tokenizer, MissingFinalNewlineIsAdded) {
  EXPECT_EQ(Tokens("x = 1"), "NAME:x EQUAL:= NUMBER:1 NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("x = 1  # comment"), "NAME:x EQUAL:= NUMBER:1 NEWLINE ENDMARKER");
  EXPECT_EQ(Positions("x"), "NAME 1:0-1:1 NEWLINE 1:1-1:1 ENDMARKER 1:1-1:1");
}

TEST(Tokenizer, IndentAndDedent) {
  EXPECT_EQ(Tokens("if x:\n    y\n    z\nw\n"),
            "'if':if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE NAME:z NEWLINE DEDENT NAME:w "
            "NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("if x:\n  if y:\n    z\n"),
            "'if':if NAME:x COLON:: NEWLINE INDENT 'if':if NAME:y COLON:: NEWLINE INDENT NAME:z "
            "NEWLINE DEDENT DEDENT ENDMARKER");
  EXPECT_EQ(Positions("if x:\n  y\n"),
            "'if' 1:0-1:2 NAME 1:3-1:4 COLON 1:4-1:5 NEWLINE 1:5-2:0 INDENT 2:0-2:2 "
            "NAME 2:2-2:3 NEWLINE 2:3-3:0 DEDENT 3:0-3:0 ENDMARKER 3:0-3:0");
  EXPECT_EQ(Positions("if x:\n  y\nz\n"),
            "'if' 1:0-1:2 NAME 1:3-1:4 COLON 1:4-1:5 NEWLINE 1:5-2:0 INDENT 2:0-2:2 "
            "NAME 2:2-2:3 NEWLINE 2:3-3:0 DEDENT 3:0-3:0 NAME 3:0-3:1 NEWLINE 3:1-4:0 "
            "ENDMARKER 4:0-4:0");
}

TEST(Tokenizer, BlankAndCommentLinesKeepIndentation) {
  EXPECT_EQ(Tokens("if x:\n  y\n\n# c\n      # deeper comment\n  z\n"),
            "'if':if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE NAME:z NEWLINE DEDENT "
            "ENDMARKER");
}

TEST(Tokenizer, TabsAndFormFeeds) {
  // A tab goes to the next multiple of 8: 8 spaces and one tab are the same column.
  EXPECT_EQ(Tokens("if x:\n\ty\n\tz\n"),
            "'if':if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE NAME:z NEWLINE DEDENT "
            "ENDMARKER");
  // A form feed resets the column.
  EXPECT_EQ(Tokens("if x:\n  \f  y\n  z\n"),
            "'if':if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE NAME:z NEWLINE DEDENT "
            "ENDMARKER");
}

TEST(Tokenizer, ImplicitJoiningInsideBrackets) {
  EXPECT_EQ(Tokens("x = (1,\n     2)\n"),
            "NAME:x EQUAL:= LPAR:( NUMBER:1 COMMA:, NUMBER:2 RPAR:) NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("f(a,\n# comment\n\n  b)\n"),
            "NAME:f LPAR:( NAME:a COMMA:, NAME:b RPAR:) NEWLINE ENDMARKER");
  // Indentation inside brackets does not count.
  EXPECT_EQ(Tokens("if x:\n  y = [\n1]\n  z\n"),
            "'if':if NAME:x COLON:: NEWLINE INDENT NAME:y EQUAL:= LSQB:[ NUMBER:1 RSQB:] "
            "NEWLINE NAME:z NEWLINE DEDENT ENDMARKER");
}

TEST(Tokenizer, BackslashContinuation) {
  EXPECT_EQ(Tokens("x = 1 + \\\n  2\n"),
            "NAME:x EQUAL:= NUMBER:1 PLUS:+ NUMBER:2 NEWLINE ENDMARKER");
  // The first backslash of an indentation fixes the column.
  EXPECT_EQ(Tokens("if x:\n  \\\n    y\n  z\n"),
            "'if':if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE NAME:z NEWLINE DEDENT "
            "ENDMARKER");
  // A backslash in column 0 fixes nothing (CPython treats column 0 as "not set").
  EXPECT_EQ(Tokens("if x:\n\\\n    y\n"),
            "'if':if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE DEDENT ENDMARKER");
}

TEST(Tokenizer, Keywords) {
  EXPECT_EQ(Tokens("False None True and as assert async await break class continue def del"),
            "'False':False 'None':None 'True':True 'and':and 'as':as 'assert':assert "
            "'async':async 'await':await 'break':break 'class':class 'continue':continue "
            "'def':def 'del':del NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("elif else except finally for from global if import in is lambda"),
            "'elif':elif 'else':else 'except':except 'finally':finally 'for':for "
            "'from':from 'global':global 'if':if 'import':import 'in':in 'is':is "
            "'lambda':lambda NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("nonlocal not or pass raise return try while with yield"),
            "'nonlocal':nonlocal 'not':not 'or':or 'pass':pass 'raise':raise "
            "'return':return 'try':try 'while':while 'with':with 'yield':yield NEWLINE "
            "ENDMARKER");
  // Soft keywords and near misses are names.
  EXPECT_EQ(Tokens("match case _ type iff Is none"),
            "NAME:match NAME:case NAME:_ NAME:type NAME:iff NAME:Is NAME:none NEWLINE "
            "ENDMARKER");
}

TEST(Tokenizer, Operators) {
  EXPECT_EQ(Tokens("( ) [ ] { } : , ; + - * / | & < > = . % == != <= >= ~ ^ << >> **"),
            "LPAR:( RPAR:) LSQB:[ RSQB:] LBRACE:{ RBRACE:} COLON:: COMMA:, SEMI:; PLUS:+ "
            "MINUS:- STAR:* SLASH:/ VBAR:| AMPER:& LESS:< GREATER:> EQUAL:= DOT:. PERCENT:% "
            "EQEQUAL:== NOTEQUAL:!= LESSEQUAL:<= GREATEREQUAL:>= TILDE:~ CIRCUMFLEX:^ "
            "LEFTSHIFT:<< RIGHTSHIFT:>> DOUBLESTAR:** NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("+= -= *= /= %= &= |= ^= <<= >>= **= // //= @ @= -> ... :="),
            "PLUSEQUAL:+= MINEQUAL:-= STAREQUAL:*= SLASHEQUAL:/= PERCENTEQUAL:%= AMPEREQUAL:&= "
            "VBAREQUAL:|= CIRCUMFLEXEQUAL:^= LEFTSHIFTEQUAL:<<= RIGHTSHIFTEQUAL:>>= "
            "DOUBLESTAREQUAL:**= DOUBLESLASH:// DOUBLESLASHEQUAL://= AT:@ ATEQUAL:@= RARROW:-> "
            "ELLIPSIS:... COLONEQUAL::= NEWLINE ENDMARKER");
  // Longest match.
  EXPECT_EQ(Tokens("a...b..c"), "NAME:a ELLIPSIS:... NAME:b DOT:. DOT:. NAME:c NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("a<>b"), "NAME:a NOTEQUAL:<> NAME:b NEWLINE ENDMARKER");
  // Characters that are no operator reach the parser as OP ("invalid syntax" there).
  EXPECT_EQ(Tokens("$ ? ` !"), "OP:$ OP:? OP:` OP:! NEWLINE ENDMARKER");
}

TEST(Tokenizer, Numbers) {
  EXPECT_EQ(Tokens("0 00 0_0 1 1_000 0x1F 0X_f 0o17 0O_7 0b101 0B_1"),
            "NUMBER:0 NUMBER:00 NUMBER:0_0 NUMBER:1 NUMBER:1_000 NUMBER:0x1F NUMBER:0X_f "
            "NUMBER:0o17 NUMBER:0O_7 NUMBER:0b101 NUMBER:0B_1 NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("1. .5 1.5 1e5 1E-5 1.e+5 1_0.0_1e1_0 09.5 09e1 0.0"),
            "NUMBER:1. NUMBER:.5 NUMBER:1.5 NUMBER:1e5 NUMBER:1E-5 NUMBER:1.e+5 "
            "NUMBER:1_0.0_1e1_0 NUMBER:09.5 NUMBER:09e1 NUMBER:0.0 NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("1j 1.5J 09j 1e5j .5j"),
            "NUMBER:1j NUMBER:1.5J NUMBER:09j NUMBER:1e5j NUMBER:.5j NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("1 .real"), "NUMBER:1 DOT:. NAME:real NEWLINE ENDMARKER");
}

TEST(Tokenizer, NumbersFollowedByKeywordsOnlyWarn) {
  // CPython 3.11 emits a SyntaxWarning for these, not an error.
  EXPECT_EQ(Tokens("1if x else 2"),
            "NUMBER:1 'if':if NAME:x 'else':else NUMBER:2 NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("0x1if"), "NUMBER:0x1 'if':if NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("0x1for"), "NUMBER:0x1f 'or':or NEWLINE ENDMARKER");  // f is a hex digit
  EXPECT_EQ(Tokens("1else"), "NUMBER:1 'else':else NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("1jor 0b1and 0o7not"),
            "NUMBER:1j 'or':or NUMBER:0b1 'and':and NUMBER:0o7 'not':not NEWLINE ENDMARKER");
}

TEST(Tokenizer, Strings) {
  EXPECT_EQ(Tokens("'a' \"b\" '' \"\" '''c''' \"\"\"d\"\"\""),
            "STRING:'a' STRING:\"b\" STRING:'' STRING:\"\" STRING:'''c''' "
            "STRING:\"\"\"d\"\"\" NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("r'a' u'b' b'c' br'd' rb'e' f'f' fr'g' rf'h' R'i' U'j' B'k' BR'l' Rb'm' "
                   "F'n' fR'o' Rf'p'"),
            "STRING:r'a' STRING:u'b' STRING:b'c' STRING:br'd' STRING:rb'e' STRING:f'f' "
            "STRING:fr'g' STRING:rf'h' STRING:R'i' STRING:U'j' STRING:B'k' STRING:BR'l' "
            "STRING:Rb'm' STRING:F'n' STRING:fR'o' STRING:Rf'p' NEWLINE ENDMARKER");
  // Not prefixes: names followed by a string.
  EXPECT_EQ(Tokens("ur'a' bu'b' fb'c' x'd'"),
            "NAME:ur STRING:'a' NAME:bu STRING:'b' NAME:fb STRING:'c' NAME:x STRING:'d' "
            "NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens("'a\\'b' 'c\\\\' '''x''y'''"),
            "STRING:'a\\'b' STRING:'c\\\\' STRING:'''x''y''' NEWLINE ENDMARKER");
  // A backslash-newline continues a single-quoted string; triple quotes span lines.
  EXPECT_EQ(Tokens("'a\\\nb'\n'''x\ny'''\n"),
            "STRING:'a\\\nb' NEWLINE STRING:'''x\ny''' NEWLINE ENDMARKER");
  // 3.11: an f-string is one STRING token whose end the tokenizer finds by quotes only.
  EXPECT_EQ(Tokens("f'{x!r:>{width}}' f\"{'a'}\""),
            "STRING:f'{x!r:>{width}}' STRING:f\"{'a'}\" NEWLINE ENDMARKER");
  EXPECT_EQ(Positions("x = '''a\nb'''\n"),
            "NAME 1:0-1:1 EQUAL 1:2-1:3 STRING 1:4-2:4 NEWLINE 2:4-3:0 ENDMARKER 3:0-3:0");
}

std::string Tokens312(std::string_view text) {
  TokenizerOptions options;
  options.version = PythonVersion::k3_12;
  return Tokens(text, options);
}

// PEP 701: expected token streams from CPython 3.12.1's tokenize (its C tokenizer).
TEST(Tokenizer, FStrings312) {
  EXPECT_EQ(Tokens312("f'a{x}b'"),
            "FSTRING_START:f' FSTRING_MIDDLE:a LBRACE:{ NAME:x RBRACE:} FSTRING_MIDDLE:b "
            "FSTRING_END:' NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens312("f\"\""), "FSTRING_START:f\" FSTRING_END:\" NEWLINE ENDMARKER");
  // Escaped braces: the middle keeps one brace and the second is skipped.
  EXPECT_EQ(Tokens312("f\"a{{b}}c\""),
            "FSTRING_START:f\" FSTRING_MIDDLE:a{ FSTRING_MIDDLE:b} FSTRING_MIDDLE:c "
            "FSTRING_END:\" NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens312("f\"{x!r:>{w}.{p}} {y=}\""),
            "FSTRING_START:f\" LBRACE:{ NAME:x EXCLAMATION:! NAME:r COLON:: FSTRING_MIDDLE:> "
            "LBRACE:{ NAME:w RBRACE:} FSTRING_MIDDLE:. LBRACE:{ NAME:p RBRACE:} FSTRING_MIDDLE: "
            "RBRACE:} FSTRING_MIDDLE:  LBRACE:{ NAME:y EQUAL:= RBRACE:} FSTRING_END:\" NEWLINE "
            "ENDMARKER");
  // The same quotes nest.
  EXPECT_EQ(Tokens312("f\"{f\"{1}\"}\""),
            "FSTRING_START:f\" LBRACE:{ FSTRING_START:f\" LBRACE:{ NUMBER:1 RBRACE:} "
            "FSTRING_END:\" RBRACE:} FSTRING_END:\" NEWLINE ENDMARKER");
  // A format spec that starts with a field gets an empty middle first.
  EXPECT_EQ(Tokens312("f\"{x:{{}}}\""),
            "FSTRING_START:f\" LBRACE:{ NAME:x COLON:: FSTRING_MIDDLE: LBRACE:{ LBRACE:{ "
            "RBRACE:} RBRACE:} FSTRING_MIDDLE: RBRACE:} FSTRING_END:\" NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens312("rf'a\\{x}'"),
            "FSTRING_START:rf' FSTRING_MIDDLE:a\\ LBRACE:{ NAME:x RBRACE:} FSTRING_END:' "
            "NEWLINE ENDMARKER");
  EXPECT_EQ(Tokens312("f'\\N{DASH}{1}'"),
            "FSTRING_START:f' FSTRING_MIDDLE:\\N{DASH} LBRACE:{ NUMBER:1 RBRACE:} "
            "FSTRING_END:' NEWLINE ENDMARKER");
  // Replacement fields span lines, even in single-quoted f-strings.
  EXPECT_EQ(Tokens312("f'{1 +\n 2}'"),
            "FSTRING_START:f' LBRACE:{ NUMBER:1 PLUS:+ NUMBER:2 RBRACE:} FSTRING_END:' NEWLINE "
            "ENDMARKER");
  // Outside f-strings, 3.12's "!" is EXCLAMATION; 3.11's is a generic OP.
  EXPECT_EQ(Tokens312("!"), "EXCLAMATION:! NEWLINE ENDMARKER");
  // 3.11 keeps an f-string as one STRING.
  EXPECT_EQ(Tokens("f'a{x}b'"), "STRING:f'a{x}b' NEWLINE ENDMARKER");
}

TEST(Tokenizer, FStringErrors312) {
  // CPython 3.12.1's messages and positions.
  EXPECT_EQ(Tokens312("f'{x'"), "SyntaxError 1:5-1:5 f-string: expecting '}'");
  EXPECT_EQ(Tokens312("f'{x}"),
            "SyntaxError 1:1-1:1 unterminated f-string literal (detected at line 1)");
  EXPECT_EQ(Tokens312("f'''{x}"),
            "SyntaxError 1:1-1:1 unterminated triple-quoted f-string literal (detected at line 1)");
  EXPECT_EQ(Tokens312("f'}'"), "SyntaxError 1:3-1:3 f-string: single '}' is not allowed");
  EXPECT_EQ(Tokens312("f'{x}}'"), "SyntaxError 1:6-1:6 f-string: single '}' is not allowed");
  EXPECT_EQ(Tokens312("f'{)}'"), "SyntaxError 1:4-1:4 f-string: unmatched ')'");
  EXPECT_EQ(Tokens312("f'{x]}'"), "SyntaxError 1:5-1:5 f-string: unmatched ']'");
  EXPECT_EQ(Tokens312("f'{#}'"), "SyntaxError 1:3-1:0 '{' was never closed");
  EXPECT_EQ(Tokens312("f'{x:{y:{z:{w}}}}'"),
            "SyntaxError 1:11-1:11 f-string: expressions nested too deeply");
  EXPECT_EQ(Tokens312("f'''\n{x\n'''"), "SyntaxError 3:1-3:1 f-string: expecting '}'");
}

TEST(Tokenizer, NonAsciiNames) {
  EXPECT_EQ(Tokens("é = ñame_1 + ℌ + x󠄀"),
            "NAME:é EQUAL:= NAME:ñame_1 PLUS:+ NAME:ℌ PLUS:+ NAME:x󠄀 NEWLINE ENDMARKER");
  EXPECT_EQ(Positions("é = 1"),
            "NAME 1:0-1:2 EQUAL 1:3-1:4 NUMBER 1:5-1:6 NEWLINE 1:6-1:6 ENDMARKER 1:6-1:6");
}

TEST(Tokenizer, NewlineTokenCoversItsCharacter) {
  EXPECT_EQ(Positions("a\nb  # c\n"),
            "NAME 1:0-1:1 NEWLINE 1:1-2:0 NAME 2:0-2:1 NEWLINE 2:6-3:0 ENDMARKER 3:0-3:0");
}

TEST(Tokenizer, RangeModeIsParenthesized) {
  std::string text = "f'{a +\n b}' + 1\n";
  Source source = Source::FromUtf8(text);
  TokenizerOptions options;
  options.begin = 3;
  options.end = 9;
  options.parenthesized = true;
  Tokenizer tokenizer(source, options);
  std::string out;
  for (;;) {
    Token t = tokenizer.Next();
    out += std::string(TokenKindName(t.kind)) + ":" + std::to_string(t.begin) + "-" +
           std::to_string(t.end) + " ";
    if (t.kind == TokenKind::kEndMarker || t.kind == TokenKind::kError) break;
  }
  EXPECT_EQ(out, "NAME:3-4 PLUS:5-6 NAME:8-9 ENDMARKER:9-9 ");
}

TEST(Tokenizer, RangeModeUnclosedBracket) {
  Source source = Source::FromUtf8("f'{a[1}'\n");
  TokenizerOptions options;
  options.begin = 3;
  options.end = 6;
  options.parenthesized = true;
  Tokenizer tokenizer(source, options);
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kName);
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kLSqb);
  EXPECT_EQ(tokenizer.level(), 1);
  ASSERT_EQ(tokenizer.open_brackets().size(), 1u);
  EXPECT_EQ(tokenizer.open_brackets()[0].offset, 4u);
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kNumber);
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kError);
  EXPECT_EQ(tokenizer.error()->message, "'[' was never closed");
}

// A 3.11 replacement field tokenized alone: the error as CPython reports it for the whole
// file (it tokenizes "(" + field + ")", so columns on the field's first line count from "(").
std::string FieldError(std::string_view text, std::string_view field) {
  Source source = Source::FromUtf8(text);
  TokenizerOptions options;
  options.begin = static_cast<uint32_t>(text.find(field));
  options.end = options.begin + static_cast<uint32_t>(field.size());
  options.parenthesized = true;
  Tokenizer tokenizer(source, options);
  for (int i = 0; i < 100; ++i) {
    Token t = tokenizer.Next();
    if (t.kind == TokenKind::kEndMarker) return "no error";
    if (t.kind == TokenKind::kError) {
      const SyntaxError& e = *tokenizer.error();
      return std::to_string(e.line) + ":" + std::to_string(e.offset) + "-" +
             std::to_string(e.end_line) + ":" + std::to_string(e.end_offset) + " " + e.message;
    }
  }
  return "runaway";
}

TEST(Tokenizer, RangeModeErrorsCountFromTheParenthesis) {
  // Expected values: /usr/bin/python3 on the whole text.
  EXPECT_EQ(FieldError("x = f'{1abc}'\n", "1abc"), "1:2-1:2 invalid decimal literal");
  EXPECT_EQ(FieldError("x = f'{0x}'\n", "0x"), "1:3-1:3 invalid hexadecimal literal");
  EXPECT_EQ(FieldError("x = f'{ 0x}'\n", " 0x"), "1:4-1:4 invalid hexadecimal literal");
  EXPECT_EQ(FieldError("x = f'{€}'\n", "€"), "1:2-1:2 invalid character '€' (U+20AC)");
  EXPECT_EQ(FieldError("x = 1\ny = f'''\n{1_}'''\n", "1_"), "3:3-3:3 invalid decimal literal");
  // On the field's later lines, columns are the file's.
  EXPECT_EQ(FieldError("x = f'''{a +\n 0x}'''\n", "a +\n 0x"),
            "2:3-2:3 invalid hexadecimal literal");
  EXPECT_EQ(FieldError("x = f'{012}'\n", "012"),
            "1:2-1:3 leading zeros in decimal integer literals are not permitted; use an 0o "
            "prefix for octal integers");
  EXPECT_EQ(FieldError("x = f'''{a +\n012}'''\n", "a +\n012"),
            "2:1-2:2 leading zeros in decimal integer literals are not permitted; use an 0o "
            "prefix for octal integers");
}

TEST(Tokenizer, ErrorIsSticky) {
  Source source = Source::FromUtf8("x = 1abc\ny\n");
  Tokenizer tokenizer(source);
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kName);
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kEqual);
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kError);
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kError);
  EXPECT_TRUE(tokenizer.error_raised_by_tokenizer());
}

TEST(Tokenizer, OpenBracketsAreTracked) {
  Source source = Source::FromUtf8("x = (a, [b,\n");
  Tokenizer tokenizer(source);
  for (int i = 0; i < 6; ++i) tokenizer.Next();
  ASSERT_EQ(tokenizer.level(), 2);
  EXPECT_EQ(tokenizer.open_brackets()[0].ch, '(');
  EXPECT_EQ(tokenizer.open_brackets()[0].offset, 4u);
  EXPECT_EQ(tokenizer.open_brackets()[1].ch, '[');
  EXPECT_EQ(tokenizer.open_brackets()[1].offset, 8u);
  Token t = tokenizer.Next();  // b
  EXPECT_EQ(t.kind, TokenKind::kName);
  tokenizer.Next();  // ,
  EXPECT_EQ(tokenizer.Next().kind, TokenKind::kError);
  EXPECT_FALSE(tokenizer.error_raised_by_tokenizer());
  EXPECT_EQ(tokenizer.error()->message, "'[' was never closed");
}

// After a parser error on line `line` (the parser having read `consumed` tokens), the error
// CPython reports instead, if any (its _PyPegen_tokenize_full_source_to_check_for_errors).
std::string ErrorInRest(std::string_view text, int consumed, uint32_t line) {
  Source source = Source::FromUtf8(text);
  Tokenizer tokenizer(source);
  for (int i = 0; i < consumed; ++i) tokenizer.Next();
  std::optional<SyntaxError> e = tokenizer.ErrorInRest(line);
  if (!e) return "parser error stands";
  return std::to_string(e->line) + ":" + std::to_string(e->offset) + " " + e->message;
}

TEST(Tokenizer, ErrorInRestReplacesParserErrors) {
  // Expected values: what /usr/bin/python3 reports for the whole text.
  EXPECT_EQ(ErrorInRest("x = 1 $\n'abc\n", 4, 1),
            "2:1 unterminated string literal (detected at line 2)");
  EXPECT_EQ(ErrorInRest("print 'x'\n0x\n", 2, 1), "2:2 invalid hexadecimal literal");
  // A bracket opened before the parser's error line and never closed.
  EXPECT_EQ(ErrorInRest("f(\n  a = = b,\n  c \\ d,\n", 5, 2), "1:2 '(' was never closed");
  EXPECT_EQ(ErrorInRest("f(\n  a = = b,\n  c\n", 5, 2), "1:2 '(' was never closed");
  EXPECT_EQ(ErrorInRest("x = (\n1 $ 2\nif x:\n\ty\n        z\n", 5, 2), "1:5 '(' was never closed");
  // Opened on the error's line or later: the parser's error stands.
  EXPECT_EQ(ErrorInRest("f(a = = b,\n  c\n", 5, 1), "parser error stands");
  EXPECT_EQ(ErrorInRest("x = 1 $\ny = (\n", 4, 1), "parser error stands");
  EXPECT_EQ(ErrorInRest("x = 1 $\ny = 2\n", 4, 1), "parser error stands");
}

// Every expected value below is what /usr/bin/python3 (3.11.2) reports.
struct ErrorCase {
  std::string_view source;
  std::string_view expected;
};

class TokenizerErrors : public testing::TestWithParam<ErrorCase> {};

TEST_P(TokenizerErrors, MatchCPython) {
  EXPECT_EQ(Tokens(GetParam().source), GetParam().expected) << GetParam().source;
}

const ErrorCase kErrorCases[] = {
    // Strings.
    {"x = 'abc\n", "SyntaxError 1:5-1:5 unterminated string literal (detected at line 1)"},
    {"x = 'abc", "SyntaxError 1:5-1:5 unterminated string literal (detected at line 1)"},
    {"x='\\\n", "SyntaxError 1:3-1:3 unterminated string literal (detected at line 1)"},
    {"x = rb'abc\n", "SyntaxError 1:5-1:5 unterminated string literal (detected at line 1)"},
    {"é = 'abc\n", "SyntaxError 1:5-1:5 unterminated string literal (detected at line 1)"},
    {"x = '''abc\n\n",
     "SyntaxError 1:5-1:5 unterminated triple-quoted string literal (detected at line 2)"},
    {"x = '''abc",
     "SyntaxError 1:5-1:5 unterminated triple-quoted string literal (detected at line 1)"},
    {"x = f'''abc\n",
     "SyntaxError 1:5-1:5 unterminated triple-quoted string literal (detected at line 1)"},
    // Numbers.
    {"0x\n", "SyntaxError 1:2-1:2 invalid hexadecimal literal"},
    {"0x1g\n", "SyntaxError 1:3-1:3 invalid hexadecimal literal"},
    {"1abc\n", "SyntaxError 1:1-1:1 invalid decimal literal"},
    {"1_\n", "SyntaxError 1:2-1:2 invalid decimal literal"},
    {"1__0\n", "SyntaxError 1:2-1:2 invalid decimal literal"},
    {"0_\n", "SyntaxError 1:2-1:2 invalid decimal literal"},
    {"1._5\n", "SyntaxError 1:2-1:2 invalid decimal literal"},
    {"1.__class__\n", "SyntaxError 1:2-1:2 invalid decimal literal"},
    {"1e\n", "SyntaxError 1:1-1:1 invalid decimal literal"},
    {"1E\n", "SyntaxError 1:1-1:1 invalid decimal literal"},
    {"0e\n", "SyntaxError 1:1-1:1 invalid decimal literal"},
    {"1e+\n", "SyntaxError 1:3-1:3 invalid decimal literal"},
    {"1.5e+_3\n", "SyntaxError 1:5-1:5 invalid decimal literal"},
    {"1e1_\n", "SyntaxError 1:4-1:4 invalid decimal literal"},
    {"1.e\n", "SyntaxError 1:2-1:2 invalid decimal literal"},
    {"1.0e10a\n", "SyntaxError 1:6-1:6 invalid decimal literal"},
    {"1.5j2\n", "SyntaxError 1:4-1:4 invalid imaginary literal"},
    {"0o8\n", "SyntaxError 1:3-1:3 invalid digit '8' in octal literal"},
    {"0o1_8\n", "SyntaxError 1:5-1:5 invalid digit '8' in octal literal"},
    {"0o\n", "SyntaxError 1:2-1:2 invalid octal literal"},
    {"0o_\n", "SyntaxError 1:3-1:3 invalid octal literal"},
    {"0b2\n", "SyntaxError 1:3-1:3 invalid digit '2' in binary literal"},
    {"0b12\n", "SyntaxError 1:4-1:4 invalid digit '2' in binary literal"},
    {"0b\n", "SyntaxError 1:2-1:2 invalid binary literal"},
    {"0bx\n", "SyntaxError 1:2-1:2 invalid binary literal"},
    {"0b1_\n", "SyntaxError 1:4-1:4 invalid binary literal"},
    {"012\n",
     "SyntaxError 1:1-1:2 leading zeros in decimal integer literals are not permitted; use an "
     "0o prefix for octal integers"},
    {"x = 0012 + 1\n",
     "SyntaxError 1:5-1:7 leading zeros in decimal integer literals are not permitted; use an "
     "0o prefix for octal integers"},
    {"0_7\n",
     "SyntaxError 1:1-1:3 leading zeros in decimal integer literals are not permitted; use an "
     "0o prefix for octal integers"},
    {"éé = 0x\n", "SyntaxError 1:7-1:7 invalid hexadecimal literal"},
    // Characters.
    {"x = \x01\n", "SyntaxError 1:5-1:5 invalid non-printable character U+0001"},
    {"a€b = 1\n", "SyntaxError 1:2-1:2 invalid character '€' (U+20AC)"},
    {"€\n", "SyntaxError 1:1-1:1 invalid character '€' (U+20AC)"},
    {"\xc2\xa0x = 1\n", "SyntaxError 1:1-1:1 invalid non-printable character U+00A0"},
    {"x\xe2\x80\x8b = 1\n", "SyntaxError 1:2-1:2 invalid non-printable character U+200B"},
    {"\xff\n",
     "SyntaxError 1:1-1:0 (unicode error) 'utf-8' codec can't decode byte 0xff in position 0: "
     "invalid start byte"},
    {"x = 1\n\xff\n",
     "SyntaxError 2:1-2:0 (unicode error) 'utf-8' codec can't decode byte 0xff in position 0: "
     "invalid start byte"},
    {"ab\xff"
     "cd = 1\n",
     "SyntaxError 1:5-1:0 (unicode error) 'utf-8' codec can't decode byte 0xff in position 2: "
     "invalid start byte"},
    {"é\xff = 1\n",
     "SyntaxError 1:3-1:0 (unicode error) 'utf-8' codec can't decode byte 0xff in position 2: "
     "invalid start byte"},
    {"\xef\xbb\xbfé\xff = 1\n",
     "SyntaxError 1:2-1:0 (unicode error) 'utf-8' codec can't decode byte 0xff in position 2: "
     "invalid start byte"},
    // Brackets.
    {"x = (1,\n", "SyntaxError 1:5-1:0 '(' was never closed"},
    {"x = [1,\n(2,\n", "SyntaxError 2:1-2:0 '(' was never closed"},
    {"x = (\n\n\n", "SyntaxError 1:5-1:0 '(' was never closed"},
    {"x = (1 \\", "SyntaxError 1:5-1:0 '(' was never closed"},
    {"é = (1,\n", "SyntaxError 1:6-1:0 '(' was never closed"},  // bytes: no declared encoding
    {"# coding: utf-8\né = (1,\n", "SyntaxError 2:5-2:0 '(' was never closed"},
    {"\xef\xbb\xbfé = (1,\n", "SyntaxError 1:5-1:0 '(' was never closed"},
    {")\n", "SyntaxError 1:1-1:1 unmatched ')'"},
    {"x = 1\n)\n", "SyntaxError 2:1-2:1 unmatched ')'"},
    {"(]\n", "SyntaxError 1:2-1:2 closing parenthesis ']' does not match opening parenthesis '('"},
    {"(\n]\n",
     "SyntaxError 2:1-2:1 closing parenthesis ']' does not match opening parenthesis '(' on "
     "line 1"},
    // Indentation.
    {"if x:\n  a\n b\n",
     "IndentationError 3:3-3:0 unindent does not match any outer indentation level"},
    {"if x:\n  é\n é\n",
     "IndentationError 3:4-3:0 unindent does not match any outer indentation level"},
    {"if x:\n  é\n é",
     "IndentationError 3:4-3:0 unindent does not match any outer indentation level"},
    {"if x:\n\t\ty\n    \tz\n",
     "IndentationError 3:7-3:0 unindent does not match any outer indentation level"},
    {"if x:\n    y\n  \\\n  z\n",
     "IndentationError 4:4-4:0 unindent does not match any outer indentation level"},
    {"if x:\n\ta\n        b\n",
     "TabError 3:1-3:0 inconsistent use of tabs and spaces in indentation"},
    {"if x:\n        a\n\tb\n",
     "TabError 3:1-3:0 inconsistent use of tabs and spaces in indentation"},
    // Continuation lines.
    {"x = 1 \\ y\n", "SyntaxError 1:8-1:0 unexpected character after line continuation character"},
    {"x = 1 \\  \n", "SyntaxError 1:8-1:0 unexpected character after line continuation character"},
    {"é = (1 \\ \n", "SyntaxError 1:10-1:0 unexpected character after line continuation character"},
    {"\xef\xbb\xbfx = 1 \\ é\n",
     "SyntaxError 1:8-1:0 unexpected character after line continuation character"},
    {"x = 1 \\", "SyntaxError 1:8-1:0 unexpected EOF while parsing"},
    {"x = 1 \\\n", "SyntaxError 1:8-1:0 unexpected EOF while parsing"},
    {"x = 1\n    \\\n", "SyntaxError 2:6-2:0 unexpected EOF while parsing"},
    {"\\\n", "SyntaxError 1:2-1:0 unexpected EOF while parsing"},
    {"é = 1 \\", "SyntaxError 1:9-1:0 unexpected EOF while parsing"},
    {"if x:\n y\n  \\\n", "SyntaxError 3:4-3:0 unexpected EOF while parsing"},
};

INSTANTIATE_TEST_SUITE_P(CPython, TokenizerErrors, testing::ValuesIn(kErrorCases));

TEST(Tokenizer, TooManyIndentationLevels) {
  std::string src = "if 1:\n";
  for (int i = 1; i <= 100; ++i) src += std::string(i, ' ') + "if 1:\n";
  src += std::string(101, ' ') + "pass\n";
  EXPECT_EQ(Tokens(src).substr(Tokens(src).find("IndentationError")),
            "IndentationError 101:1-101:0 too many levels of indentation");
  // 99 levels are fine.
  std::string ok = "if 1:\n";
  for (int i = 1; i < 99; ++i) ok += std::string(i, ' ') + "if 1:\n";
  ok += std::string(99, ' ') + "pass\n";
  EXPECT_EQ(Tokens(ok).find("Error"), std::string::npos);
}

TEST(Tokenizer, TooManyNestedParentheses) {
  EXPECT_EQ(Tokens(std::string(200, '(')), "SyntaxError 1:200-1:0 '(' was never closed");
  EXPECT_EQ(Tokens(std::string(201, '(')), "SyntaxError 1:201-1:201 too many nested parentheses");
}

}  // namespace
}  // namespace kensa::python
