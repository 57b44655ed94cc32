// Literal values against CPython 3.11.2: the expected reprs and dumps below were produced by
// /usr/bin/python3 (repr(eval(literal)) and ast.dump(ast.parse(src).body[0].value,
// include_attributes=True), or the SyntaxError's message).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "python/ast_dump.h"
#include "python/literal.h"
#include "python/py_repr.h"
#include "python/tokenizer.h"

namespace kensa::python {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

const Case kNumbers[] = {
    {"0", "0"},
    {"00", "0"},
    {"0_0", "0"},
    {"1", "1"},
    {"123", "123"},
    {"1_000_000", "1000000"},
    {"0x1f", "31"},
    {"0X_1F", "31"},
    {"0o17", "15"},
    {"0O777", "511"},
    {"0b101", "5"},
    {"0B_1_0", "2"},
    {"0xffffffffffffffff", "18446744073709551615"},
    {"0x10000000000000000", "18446744073709551616"},
    {"0xffffffffffffffffffffffffffffffffffffffff",
     "1461501637330902918203684832716283019655932542975"},
    {"0o777777777777777777777777777777", "1237940039285380274899124223"},
    {"0b1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111"
     "111111111",
     "1267650600228229401496703205375"},
    {"18446744073709551616", "18446744073709551616"},
    {"123456789012345678901234567890", "123456789012345678901234567890"},
    {"1.0", "1.0"},
    {"1.", "1.0"},
    {".5", "0.5"},
    {"1e5", "100000.0"},
    {"1E5", "100000.0"},
    {"1e-5", "1e-05"},
    {"1.5e+10", "15000000000.0"},
    {"1_0.0_1", "10.01"},
    {"1e16", "1e+16"},
    {"1e15", "1000000000000000.0"},
    {"123456789012345678.0", "1.2345678901234568e+17"},
    {"0.1", "0.1"},
    {"0.0001", "0.0001"},
    {"0.00001", "1e-05"},
    {"1e400", "inf"},
    {"1e-400", "0.0"},
    {"2.5e-324", "5e-324"},
    {"1.7976931348623157e308", "1.7976931348623157e+308"},
    {"3.141592653589793", "3.141592653589793"},
    {"1j", "1j"},
    {"1.5j", "1.5j"},
    {"0j", "0j"},
    {"1e20j", "1e+20j"},
    {"1e400j", "infj"},
    {"10J", "10j"},
    {"1_0j", "10j"},
    {"0.1j", "0.1j"},
    {"1e-5j", "1e-05j"},
    {"123456789012345678j", "1.2345678901234568e+17j"},
    {"0e0", "0.0"},
    {"9007199254740993", "9007199254740993"},
    {"4.35", "4.35"},
    {"100.0", "100.0"},
    {"1e22", "1e+22"},
    {"1e21", "1e+21"},
    {"9999999999999999.0", "1e+16"},
    {"0.3", "0.3"},
    {"2e-7", "2e-07"},
};

TEST(ParseNumberLiteral, MatchesCPythonRepr) {
  for (const Case& c : kNumbers) {
    Arena arena;
    ast::ConstantValue value = ParseNumberLiteral(c.input, arena);
    EXPECT_EQ(ConstantRepr(value), c.expected) << c.input;
  }
}

TEST(ParseNumberLiteral, DecimalDigitLimit) {
  Arena arena;
  SyntaxError error;
  std::string ok(4300, '7');
  EXPECT_EQ(ParseNumberLiteral(ok, arena, &error).text(), ok);
  std::string too_long = "1" + std::string(4300, '0');
  ast::ConstantValue value = ParseNumberLiteral(too_long, arena, &error);
  EXPECT_EQ(value.kind, ast::ConstantValue::Kind::kNone);
  EXPECT_EQ(error.message,
            "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 "
            "digits; use sys.set_int_max_str_digits() to increase the limit - Consider "
            "hexadecimal for huge integer literals to avoid decimal conversion limits.");
  // Leading zeros and underscores do not count.
  EXPECT_EQ(ParseNumberLiteral(std::string(5000, '0'), arena, &error).text(), "0");
  std::string underscored;
  for (int i = 0; i < 2200; ++i) underscored += "1_";
  underscored += "1";
  EXPECT_EQ(ParseNumberLiteral(underscored, arena, &error).text().size(), 2201u);
}

// Test stand-in for the parser's f-string expression callback: the field must be one
// identifier (with optional surrounding whitespace), which becomes a Name, or "{}".
ast::Expr* ParseIdentifier(const Source& source, Arena& arena, uint32_t begin, uint32_t end,
                           SyntaxError* error) {
  std::string_view text = source.text();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\n')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
  if (text.substr(begin, end - begin) == "{}") {
    auto* dict = arena.New<ast::Dict>();
    dict->begin = begin;
    dict->end = end;
    return dict;
  }
  for (uint32_t i = begin; i < end; ++i) {
    if (!std::isalnum(static_cast<unsigned char>(text[i])) && text[i] != '_') {
      error->message = "test stub: not an identifier";
      error->line = 1;
      return nullptr;
    }
  }
  auto* name = arena.New<ast::Name>();
  name->begin = begin;
  name->end = end;
  name->id = text.substr(begin, end - begin);
  return name;
}

// Parses the first group of adjacent STRING tokens of `code`; the dump, or "ERROR message".
std::string DumpStrings(std::string_view code) {
  Source source = Source::FromUtf8(code);
  Tokenizer tokenizer(source);
  std::vector<Token> strings;
  for (Token t = tokenizer.Next(); t.kind != TokenKind::kEndMarker && t.kind != TokenKind::kError;
       t = tokenizer.Next()) {
    if (t.kind == TokenKind::kString) {
      strings.push_back(t);
    } else if (!strings.empty()) {
      break;
    }
  }
  if (strings.empty()) return "no STRING token";
  Arena arena;
  SyntaxError error;
  FStringExprParser parse_expr = [&](uint32_t begin, uint32_t end, SyntaxError* e) {
    return ParseIdentifier(source, arena, begin, end, e);
  };
  ast::Expr* expr =
      ParseStringLiterals(source, strings, arena, parse_expr, PythonVersion::k3_11, &error);
  if (expr == nullptr) {
    // Every error here is located by the caller at the token after the strings.
    if (error.line != 0) return "ERROR with a location: " + error.message;
    return "ERROR " + error.message;
  }
  return DumpAst(*expr, source);
}

const Case kStrings[] = {
    {"\"abc\"", "Constant(value='abc', lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)"},
    {"'abc'", "Constant(value='abc', lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)"},
    {"\"a\\nb\"",
     "Constant(value='a\\nb', lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)"},
    {"\"\\x41\\u00e9\\U0001F600\"",
     "Constant(value='A\xc3"
     "\xa9"
     "\xf0"
     "\x9f"
     "\x98"
     "\x80"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)"},
    {"\"\\101\\0\\777\"",
     "Constant(value='A\\x00\xc7"
     "\xbf"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)"},
    {"\"\\N{LATIN SMALL LETTER A}\"",
     "Constant(value='a', lineno=1, col_offset=0, end_lineno=1, end_col_offset=26)"},
    {"\"\\N{latin small letter e with acute}\"",
     "Constant(value='\xc3"
     "\xa9"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=37)"},
    {"\"\\N{HANGUL SYLLABLE GAG}\"",
     "Constant(value='\xea"
     "\xb0"
     "\x81"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=25)"},
    {"\"\\N{CJK UNIFIED IDEOGRAPH-4E00}\"",
     "Constant(value='\xe4"
     "\xb8"
     "\x80"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=32)"},
    {"\"\\N{LF}\\N{BYTE ORDER MARK}\"",
     "Constant(value='\\n\\ufeff', lineno=1, col_offset=0, end_lineno=1, end_col_offset=27)"},
    {"\"\\d\\8\\9\\{\"",
     "Constant(value='\\\\d\\\\8\\\\9\\\\{', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10)"},
    {"\"\\\\\\'\\\"\\a\\b\\f\\v\\t\\r\"",
     "Constant(value='\\\\\\'\"\\x07\\x08\\x0c\\x0b\\t\\r', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=20)"},
    {"\"a\\\nb\"", "Constant(value='ab', lineno=1, col_offset=0, end_lineno=2, end_col_offset=2)"},
    {"\"\xc3"
     "\xa9"
     "\\\xc3"
     "\xa9"
     "\"",
     "Constant(value='\xc3"
     "\xa9"
     "\\\\\xc3"
     "\xa9"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)"},
    {"r\"\\n\\x\"",
     "Constant(value='\\\\n\\\\x', lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)"},
    {"R\"\\\"\"",
     "Constant(value='\\\\\"', lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)"},
    {"u\"abc\"",
     "Constant(value='abc', kind='u', lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)"},
    {"U\"abc\"", "Constant(value='abc', lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)"},
    {"u\"a\" \"b\"",
     "Constant(value='ab', kind='u', lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)"},
    {"\"a\" u\"b\"",
     "Constant(value='ab', lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)"},
    {"\"a\" \"b\" \"c\"",
     "Constant(value='abc', lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)"},
    {"b\"abc\"", "Constant(value=b'abc', lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)"},
    {"b\"\\x41\\101\\n\\777\"",
     "Constant(value=b'AA\\n\\xff', lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)"},
    {"rb\"\\x\"",
     "Constant(value=b'\\\\x', lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)"},
    {"Br\"\\n\"",
     "Constant(value=b'\\\\n', lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)"},
    {"b\"a\" b\"b\"",
     "Constant(value=b'ab', lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)"},
    {"b\"\\u1234\\N{LF}\"",
     "Constant(value=b'\\\\u1234\\\\N{LF}', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=15)"},
    {"\"\"", "Constant(value='', lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)"},
    {"\"\" \"\"", "Constant(value='', lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)"},
    {"\"\"\"a\nb\"\"\"",
     "Constant(value='a\\nb', lineno=1, col_offset=0, end_lineno=2, end_col_offset=4)"},
    {"'''it''s'''",
     "Constant(value=\"it''s\", lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)"},
    {"\"\\ud800\\udc00\"",
     "Constant(value='\\ud800\\udc00', lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)"},
    {"\"\\U0010FFFF\"",
     "Constant(value='\\U0010ffff', lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)"},
    {"\"ab\\tc\\x00\\x7f\\x80\\xff\"",
     "Constant(value='ab\\tc\\x00\\x7f\\x80\xc3"
     "\xbf"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=23)"},
    {"\"\xf0"
     "\x9f"
     "\x98"
     "\x80"
     " \xc3"
     "\xa9"
     " \xc3"
     "\xb1"
     "\"",
     "Constant(value='\xf0"
     "\x9f"
     "\x98"
     "\x80"
     " \xc3"
     "\xa9"
     " \xc3"
     "\xb1"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)"},
    {"\"\\x4\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated "
     "\\xXX escape"},
    {"\"\\xg0\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated "
     "\\xXX escape"},
    {"\"\xc3"
     "\xa9"
     "\\x\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 10-11: truncated "
     "\\xXX escape"},
    {"\"\\u12\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated "
     "\\uXXXX escape"},
    {"\"ab\\U1234567\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 2-10: truncated "
     "\\UXXXXXXXX escape"},
    {"\"\\U00110000\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal "
     "Unicode character"},
    {"\"\\N\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed "
     "\\N character escape"},
    {"\"\\N{}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed "
     "\\N character escape"},
    {"\"\\N{LF\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-4: malformed "
     "\\N character escape"},
    {"\"\\N{NOT A NAME}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-13: unknown "
     "Unicode character name"},
    {"\"\xc3"
     "\xa9"
     "\\N{LF}\\N{x}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 16-20: unknown "
     "Unicode character name"},
    {"\"\\Nx\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed "
     "\\N character escape"},
    {"b\"\\x4\"", "ERROR (value error) invalid \\x escape at position 0"},
    {"b\"ab\\xzz\"", "ERROR (value error) invalid \\x escape at position 2"},
    {"b\"\xc3"
     "\xa9"
     "\"",
     "ERROR bytes can only contain ASCII literal characters"},
    {"b\"a\" \"b\"", "ERROR cannot mix bytes and nonbytes literals"},
    {"\"a\" b\"b\"", "ERROR cannot mix bytes and nonbytes literals"},
    {"\"a\" f\"b\" b\"c\"", "ERROR cannot mix bytes and nonbytes literals"},
    {"\"\\N{TANGUT IDEOGRAPH-17000}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-25: unknown "
     "Unicode character name"},
    {"\"\\N{cjk unified ideograph-4e00}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-29: unknown "
     "Unicode character name"},
    {"\"\\N{CJK UNIFIED IDEOGRAPH-04E00}\"",
     "Constant(value='\xe4"
     "\xb8"
     "\x80"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=33)"},
    {"\"\\N{HANGUL SYLLABLE Ga}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-21: unknown "
     "Unicode character name"},
    {"\"\\N{LATIN SMALL LETTER R WITH TILDE}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-34: unknown "
     "Unicode character name"},
    {"\"\\N{KHITAN SMALL SCRIPT CHARACTER-18B00}\"",
     "Constant(value='\xf0"
     "\x98"
     "\xac"
     "\x80"
     "', lineno=1, col_offset=0, end_lineno=1, end_col_offset=41)"},
    {"\"\\x4\xc3"
     "\xa9"
     "\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated "
     "\\xXX escape"},
    {"b\"\\777\\400\"",
     "Constant(value=b'\\xff\\x00', lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)"},
    {"\"\\N{ LF}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown "
     "Unicode character name"},
    {"\"\xc3"
     "\xa9"
     "\\N{\xc3"
     "\xa9"
     "}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 10-23: unknown "
     "Unicode character name"},
    {"f\"a{x}b{x}\"",
     "JoinedStr(values=[Constant(value='a', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=11), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=4, "
     "end_lineno=1, end_col_offset=5), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=11), Constant(value='b', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=11), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=8, "
     "end_lineno=1, end_col_offset=9), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=11)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)"},
    {"f\"{x}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=6)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)"},
    {"f\"\"", "JoinedStr(values=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=3)"},
    {"f\"\" \"a\"",
     "JoinedStr(values=[Constant(value='a', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)"},
    {"\"\" f\"\"", "JoinedStr(values=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)"},
    {"f\"{{}}\"",
     "JoinedStr(values=[Constant(value='{}', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)"},
    {"f\"a\" \"b\"",
     "JoinedStr(values=[Constant(value='ab', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=8)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)"},
    {"u\"a\" f\"{x}\" \"b\"",
     "JoinedStr(values=[Constant(value='a', kind='u', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=15), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=8, "
     "end_lineno=1, end_col_offset=9), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=15), Constant(value='b', kind='u', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=15)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)"},
    {"f\"{x!r}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=114, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=8)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)"},
    {"f\"{x!s:>10}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=115, "
     "format_spec=JoinedStr(values=[Constant(value='>10', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=12)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=12), lineno=1, "
     "col_offset=0, end_lineno=1, end_col_offset=12)], lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=12)"},
    {"f\"{x:}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, format_spec=JoinedStr(values=[], lineno=1, "
     "col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)"},
    {"f\"{x:{y}}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, "
     "format_spec=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load(), lineno=1, "
     "col_offset=6, end_lineno=1, end_col_offset=7), conversion=-1, lineno=1, col_offset=0, "
     "end_lineno=1, end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), "
     "lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], lineno=1, col_offset=0, "
     "end_lineno=1, end_col_offset=10)"},
    {"f\"{x:>{y}.{z}f}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, "
     "format_spec=JoinedStr(values=[Constant(value='>', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=16), FormattedValue(value=Name(id='y', ctx=Load(), lineno=1, col_offset=7, "
     "end_lineno=1, end_col_offset=8), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=16), Constant(value='.', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=16), FormattedValue(value=Name(id='z', ctx=Load(), lineno=1, col_offset=11, "
     "end_lineno=1, end_col_offset=12), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=16), Constant(value='f', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=16)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=16), lineno=1, "
     "col_offset=0, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=16)"},
    {"f\"{x=}\"",
     "JoinedStr(values=[Constant(value='x=', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=7), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=114, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)"},
    {"f\"{ x = }\"",
     "JoinedStr(values=[Constant(value=' x = ', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=4, "
     "end_lineno=1, end_col_offset=5), conversion=114, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)"},
    {"f\"{x=!s}\"",
     "JoinedStr(values=[Constant(value='x=', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=9), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=115, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)"},
    {"f\"{x=:>3}\"",
     "JoinedStr(values=[Constant(value='x=', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, "
     "format_spec=JoinedStr(values=[Constant(value='>3', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, "
     "col_offset=0, end_lineno=1, end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10)"},
    {"f\"{x!a}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=97, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=8)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)"},
    {"f\"\\N{LF}{x}\\t\"",
     "JoinedStr(values=[Constant(value='\\n', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=14), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=9, "
     "end_lineno=1, end_col_offset=10), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=14), Constant(value='\\t', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=14)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)"},
    {"rf\"\\n{x}\"",
     "JoinedStr(values=[Constant(value='\\\\n', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=9), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=6, "
     "end_lineno=1, end_col_offset=7), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)"},
    {"F\"{x}\" F\"{y}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=13), FormattedValue(value=Name(id='y', ctx=Load(), lineno=1, col_offset=10, "
     "end_lineno=1, end_col_offset=11), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=13)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)"},
    {"(f\"a\"\n f\"{x:{y}>10}\" \"abc\")",
     "JoinedStr(values=[Constant(value='a', lineno=1, col_offset=1, end_lineno=2, "
     "end_col_offset=20), FormattedValue(value=Name(id='x', ctx=Load(), lineno=2, col_offset=4, "
     "end_lineno=2, end_col_offset=5), conversion=-1, "
     "format_spec=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load(), lineno=2, "
     "col_offset=7, end_lineno=2, end_col_offset=8), conversion=-1, lineno=1, col_offset=1, "
     "end_lineno=2, end_col_offset=20), Constant(value='>10', lineno=2, col_offset=1, "
     "end_lineno=2, end_col_offset=14)], lineno=2, col_offset=1, end_lineno=2, end_col_offset=14), "
     "lineno=1, col_offset=1, end_lineno=2, end_col_offset=20), Constant(value='abc', lineno=1, "
     "col_offset=1, end_lineno=2, end_col_offset=20)], lineno=1, col_offset=1, end_lineno=2, "
     "end_col_offset=20)"},
    {"(f\"a\"\n f\"{x:>10}\" \"abc\")",
     "JoinedStr(values=[Constant(value='a', lineno=1, col_offset=1, end_lineno=2, "
     "end_col_offset=17), FormattedValue(value=Name(id='x', ctx=Load(), lineno=2, col_offset=4, "
     "end_lineno=2, end_col_offset=5), conversion=-1, "
     "format_spec=JoinedStr(values=[Constant(value='>10', lineno=2, col_offset=1, end_lineno=2, "
     "end_col_offset=11)], lineno=2, col_offset=1, end_lineno=2, end_col_offset=11), lineno=1, "
     "col_offset=1, end_lineno=2, end_col_offset=17), Constant(value='abc', lineno=1, "
     "col_offset=1, end_lineno=2, end_col_offset=17)], lineno=1, col_offset=1, end_lineno=2, "
     "end_col_offset=17)"},
    {"f\"{x}}}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=8), Constant(value='}', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=8)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)"},
    {"f\"}}\"",
     "JoinedStr(values=[Constant(value='}', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=5)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)"},
    {"f\"{x:\\x41}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, "
     "format_spec=JoinedStr(values=[Constant(value='A', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=11)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), lineno=1, "
     "col_offset=0, end_lineno=1, end_col_offset=11)], lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=11)"},
    {"f\"\\{x}\"",
     "JoinedStr(values=[Constant(value='\\\\', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=7), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=4, "
     "end_lineno=1, end_col_offset=5), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)"},
    {"f\"{x:{{}}}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
     "end_lineno=1, end_col_offset=4), conversion=-1, "
     "format_spec=JoinedStr(values=[FormattedValue(value=Dict(keys=[], values=[], lineno=1, "
     "col_offset=6, end_lineno=1, end_col_offset=8), conversion=-1, lineno=1, col_offset=0, "
     "end_lineno=1, end_col_offset=11)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), "
     "lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], lineno=1, col_offset=0, "
     "end_lineno=1, end_col_offset=11)"},
    {"f\"{{x}}\"",
     "JoinedStr(values=[Constant(value='{x}', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=8)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)"},
    {"f\"{{{x}}}\"",
     "JoinedStr(values=[Constant(value='{', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=5, "
     "end_lineno=1, end_col_offset=6), conversion=-1, lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10), Constant(value='}', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)"},
    {"fr\"{x:\\n}\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=4, "
     "end_lineno=1, end_col_offset=5), conversion=-1, "
     "format_spec=JoinedStr(values=[Constant(value='\\\\n', lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, "
     "col_offset=0, end_lineno=1, end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, "
     "end_col_offset=10)"},
    {"f\"{}\"", "ERROR f-string: empty expression not allowed"},
    {"f\"{ }\"", "ERROR f-string: empty expression not allowed"},
    {"f\"{:x}\"", "ERROR f-string: expression required before ':'"},
    {"f\"{=}\"", "ERROR f-string: expression required before '='"},
    {"f\"{ !r}\"", "ERROR f-string: expression required before '!'"},
    {"f\"{x!z}\"", "ERROR f-string: invalid conversion character: expected 's', 'r', or 'a'"},
    {"f\"{x!}\"", "ERROR f-string: invalid conversion character: expected 's', 'r', or 'a'"},
    {"f\"{x!r }\"", "ERROR f-string: expecting '}'"},
    {"f\"{x\"", "ERROR f-string: expecting '}'"},
    {"f\"{\"", "ERROR f-string: expecting '}'"},
    {"f\"}\"", "ERROR f-string: single '}' is not allowed"},
    {"f\"{x}}\"", "ERROR f-string: single '}' is not allowed"},
    {"f\"{x:{y:{z}}}\"", "ERROR f-string: expressions nested too deeply"},
    {"f\"{x#}\"", "ERROR f-string expression part cannot include '#'"},
    {"f\"{x[\\\"a\\\"]}\"", "ERROR f-string expression part cannot include a backslash"},
    {"f\"{)}\"", "ERROR f-string: unmatched ')'"},
    {"f\"{(}\"", "ERROR f-string: closing parenthesis '}' does not match opening parenthesis '('"},
    {"f\"{x]}\"", "ERROR f-string: unmatched ']'"},
    {"f\"{(x]}\"",
     "ERROR f-string: closing parenthesis ']' does not match opening parenthesis '('"},
    {"f'{x[\\\"}'", "ERROR f-string expression part cannot include a backslash"},
    {"f\"{x!r=}\"", "ERROR f-string: expecting '}'"},
    {"f\"{x:\"", "ERROR f-string: expecting '}'"},
    {"f\"\\x\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated "
     "\\xXX escape"},
    {"f\"{x}\\x\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated "
     "\\xXX escape"},
    {"f\"\\N{x}{x}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-4: unknown "
     "Unicode character name"},
    {"f\"\xc3"
     "\xa9"
     "{x}\\N\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed "
     "\\N character escape"},
    {"b\"a\" f\"b\"", "ERROR cannot mix bytes and nonbytes literals"},
    {"f\"a\" b\"b\"", "ERROR cannot mix bytes and nonbytes literals"},
    {"f\"\\N}\"",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed "
     "\\N character escape"},
    {"f\"\\N}}\"", "ERROR f-string: single '}' is not allowed"},
    {"f\"\\Nx}\"", "ERROR f-string: single '}' is not allowed"},
    {"f\"\"\"a\n{x}\n\\N{LF}b\"\"\"",
     "JoinedStr(values=[Constant(value='a\\n', lineno=1, col_offset=0, end_lineno=3, "
     "end_col_offset=10), FormattedValue(value=Name(id='x', ctx=Load(), lineno=2, col_offset=1, "
     "end_lineno=2, end_col_offset=2), conversion=-1, lineno=1, col_offset=0, end_lineno=3, "
     "end_col_offset=10), Constant(value='\\n\\nb', lineno=1, col_offset=0, end_lineno=3, "
     "end_col_offset=10)], lineno=1, col_offset=0, end_lineno=3, end_col_offset=10)"},
    {"(\"a\"\n \"\\N{}\")",
     "ERROR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed "
     "\\N character escape"},
    {"f\"\"\"{\nx}\"\"\"",
     "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=2, col_offset=0, "
     "end_lineno=2, end_col_offset=1), conversion=-1, lineno=1, col_offset=0, end_lineno=2, "
     "end_col_offset=5)], lineno=1, col_offset=0, end_lineno=2, end_col_offset=5)"},
    {"f'x{<'", "ERROR f-string: expecting '}'"},
    {"f'x{>'", "ERROR f-string: expecting '}'"},
    {"f'{a<'", "ERROR f-string: expecting '}'"},
    {"f'{a>'", "ERROR f-string: expecting '}'"},
    {"f'{a!'", "ERROR f-string: expecting '}'"},
    {"f'{a='", "ERROR f-string: expecting '}'"},
    {"f'{a:'", "ERROR f-string: expecting '}'"},
    {"f'{a!='", "ERROR f-string: expecting '}'"},
    {"f'{a=='", "ERROR f-string: expecting '}'"},
    // Invalid UTF-8 inside literals (the source is only checked there).
    {"x = \"ab\xf6"
     "se\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 2: invalid start "
     "byte"},
    {"x = \"ab\\n\xf6"
     "se\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start "
     "byte"},
    {"x = \"a\\n\xc3"
     "\xa9"
     "\xf6"
     "se\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 2: invalid start "
     "byte"},
    {"x = r\"a\xc3"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xc3 in position 1: unexpected end of "
     "data"},
    {"x = \"a\xe2"
     "\x82"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode bytes in position 1-2: unexpected end of "
     "data"},
    {"x = \"\xe2"
     "\x82"
     "\\x\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode bytes in position 0-1: unexpected end of "
     "data"},
    {"x = f\"a{x}\xf6"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start "
     "byte"},
    {"x = f\"\\n{x}\xf6"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start "
     "byte"},
    {"x = \"\\x4\xf6"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start "
     "byte"},
    {"x = \"a\" \"\xf6"
     "\" b\"x\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start "
     "byte"},
    {"x = b\"\xf6"
     "\"\n",
     "ERROR bytes can only contain ASCII literal characters"},
    {"x = \"\xed"
     "\xa0"
     "\x80"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xed in position 0: invalid "
     "continuation byte"},
    {"x = \"\\N{\xf6"
     "}\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start "
     "byte"},
    {"x = f\"{x:\xf6"
     "}\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start "
     "byte"},
    {"x = \"\xc3"
     "\xa9"
     "\xc3"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of "
     "data"},
    {"x = \"\\n\xc3"
     "\xa9"
     "\xc3"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of "
     "data"},
    {"x = \"\\n\xc3"
     "\xa9"
     " \xc3"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xc3 in position 0: unexpected end of "
     "data"},
    {"x = \"a\xf0"
     "\x9f"
     "\x98"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode bytes in position 1-3: unexpected end of "
     "data"},
    {"x = rf\"{x}\xff"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start "
     "byte"},
    {"x = \"\\\xff"
     "\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start "
     "byte"},
    {"x = f\"{x!r:\xff"
     "{y}}\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start "
     "byte"},
    {"x = f\"\xff"
     "{\"\n",
     "ERROR (unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start "
     "byte"},
};

TEST(ParseStringLiterals, MatchesCPython) {
  for (const Case& c : kStrings) {
    EXPECT_EQ(DumpStrings(c.input), c.expected) << c.input;
  }
}

}  // namespace
}  // namespace kensa::python
