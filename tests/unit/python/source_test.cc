// Source decoding against CPython 3.11.2: what compile(bytes, ...) accepts and rejects for
// BOMs, PEP 263 coding cookies and codecs, and the text it then tokenizes. Every expected
// error was checked with /usr/bin/python3.
#include "python/source.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace kensa::python {
namespace {

// The decoded text, or "Type: message".
std::string Decode(std::string_view bytes) {
  SyntaxError error;
  std::optional<Source> source = Source::Decode(bytes, &error);
  if (!source) return std::string(error.TypeName()) + ": " + error.message;
  return std::string(source->text());
}

TEST(Source, Utf8PassesThrough) {
  EXPECT_EQ(Decode("x = 'é'\n"), "x = 'é'\n");
  EXPECT_EQ(Decode(""), "");
}

TEST(Source, NewlinesAreNormalized) {
  EXPECT_EQ(Decode("a\r\nb\rc\n\r\n"), "a\nb\nc\n\n");
  EXPECT_EQ(Decode("a\r"), "a\n");
  EXPECT_EQ(Decode("a\r\r\n"), "a\n\n");
  // No final newline is added.
  EXPECT_EQ(Decode("x = 1"), "x = 1");
}

TEST(Source, BomIsDropped) {
  EXPECT_EQ(Decode("\xef\xbb\xbfx = 1\n"), "x = 1\n");
  EXPECT_EQ(Decode("\xef\xbb\xbf# coding: utf-8\nx=1"), "# coding: utf-8\nx=1");
  EXPECT_EQ(Decode("\xef\xbb\xbf# coding: UTF-8\nx=1"), "# coding: UTF-8\nx=1");
  EXPECT_EQ(Decode("\xef\xbb\xbf# coding: utf_8\nx=1"), "# coding: utf_8\nx=1");
  EXPECT_EQ(Decode("\xef\xbb\xbf# coding: latin-1\nx=1"),
            "SyntaxError: encoding problem: iso-8859-1 with BOM");
  // "utf8" is not one of the spellings the tokenizer itself knows as utf-8.
  EXPECT_EQ(Decode("\xef\xbb\xbf# coding: utf8\nx=1"),
            "SyntaxError: encoding problem: utf8 with BOM");
}

TEST(Source, NulBytesAreAValueError) {
  EXPECT_EQ(Decode(std::string_view("x\0", 2)),
            "ValueError: source code string cannot contain null bytes");
  // Checked before anything else.
  EXPECT_EQ(Decode(std::string_view("# coding: foo\n\0", 15)),
            "ValueError: source code string cannot contain null bytes");
}

TEST(Source, Latin1CookieDecodesToUtf8) {
  EXPECT_EQ(Decode("# coding: latin-1\nx = '\xe9'\n"), "# coding: latin-1\nx = 'é'\n");
  EXPECT_EQ(Decode("# -*- coding: iso-8859-1 -*-\n\xff = 1"),
            "# -*- coding: iso-8859-1 -*-\nÿ = 1");
  EXPECT_EQ(Decode("# coding: Latin1\nx='\xe9'"), "# coding: Latin1\nx='é'");
  EXPECT_EQ(Decode("# coding: l1\nx='\xe9'"), "# coding: l1\nx='é'");
  EXPECT_EQ(Decode("# coding: 8859\nx='\xe9'"), "# coding: 8859\nx='é'");
  EXPECT_EQ(Decode("# coding=latin-1-foo\nx='\xe9'"), "# coding=latin-1-foo\nx='é'");
  EXPECT_EQ(Decode("# coding=ISO_8859_1\nx='\xe9'"), "# coding=ISO_8859_1\nx='é'");
}

TEST(Source, CookieOnLineTwo) {
  EXPECT_EQ(Decode("#!/usr/bin/python\n# -*- coding: latin-1 -*-\nx='\xe9'"),
            "#!/usr/bin/python\n# -*- coding: latin-1 -*-\nx='é'");
  EXPECT_EQ(Decode("  \n# coding: foo\n"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("# coding: \n# coding: foo\n"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("#\r# coding: foo\n"), "SyntaxError: unknown encoding: foo");
  // Line 1 holds code (or a backslash): line 2 is not looked at; nor is line 3.
  EXPECT_EQ(Decode("x=1\n# coding: foo\n"), "x=1\n# coding: foo\n");
  EXPECT_EQ(Decode("x=1\r# coding: foo\n"), "x=1\n# coding: foo\n");
  EXPECT_EQ(Decode("\\\n# coding: foo\n"), "\\\n# coding: foo\n");
  EXPECT_EQ(Decode("\n\n# coding: foo\n"), "\n\n# coding: foo\n");
}

TEST(Source, CookieSyntax) {
  EXPECT_EQ(Decode("#coding:foo"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("#coding=foo\n"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("# encoding: foo\n"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("# xcoding:foo\n"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("#\tcoding:\tfoo\n"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("\f# coding: foo\n"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("  # coding: foo\n"), "SyntaxError: unknown encoding: foo");
  EXPECT_EQ(Decode("#coding:f\n"), "SyntaxError: unknown encoding: f");
  EXPECT_EQ(Decode("# coding: uft-8\nx=1"), "SyntaxError: unknown encoding: uft-8");
  // Not cookies.
  EXPECT_EQ(Decode("# codingfoo\n"), "# codingfoo\n");
  EXPECT_EQ(Decode("# coding : foo\n"), "# coding : foo\n");
  EXPECT_EQ(Decode("x # coding: foo\n"), "x # coding: foo\n");
}

TEST(Source, OtherCodecs) {
  EXPECT_EQ(Decode("# coding: ascii\nx=1\n"), "# coding: ascii\nx=1\n");
  EXPECT_EQ(Decode("# coding: us-ascii\nx=1"), "# coding: us-ascii\nx=1");
  EXPECT_EQ(Decode("# coding: cp1252\nx='\x80'"), "# coding: cp1252\nx='€'");
  EXPECT_EQ(Decode("# -*- coding: koi8-r -*-\nx='\xc1'"), "# -*- coding: koi8-r -*-\nx='а'");
  EXPECT_EQ(Decode("# coding: utf8\nx='\xc3\xa9'"), "# coding: utf8\nx='é'");
}

TEST(Source, CodecErrors) {
  EXPECT_EQ(Decode("# coding: ascii\nx='\xff'"),
            "SyntaxError: 'ascii' codec can't decode byte 0xff in position 19: ordinal not in "
            "range(128)");
  EXPECT_EQ(Decode("#coding=utf8\nx='\xff'"),
            "SyntaxError: 'utf-8' codec can't decode byte 0xff in position 16: invalid start "
            "byte");
  EXPECT_EQ(Decode("# coding: utf8\n\xff"),
            "SyntaxError: 'utf-8' codec can't decode byte 0xff in position 15: invalid start "
            "byte");
  EXPECT_EQ(Decode("# coding: cp1252\nx='\x81'"),
            "SyntaxError: 'charmap' codec can't decode byte 0x81 in position 20: character maps "
            "to <undefined>");
  EXPECT_EQ(Decode("# coding:rot13\nx=1"),
            "SyntaxError: 'rot13' is not a text encoding; use codecs.decode() to handle "
            "arbitrary codecs");
}

TEST(Source, ErrorsHaveNoPosition) {
  SyntaxError error;
  EXPECT_FALSE(Source::Decode("# coding: foo\nx=1", &error));
  EXPECT_EQ(error.type, SyntaxError::Type::kSyntaxError);
  EXPECT_EQ(error.line, 0u);  // CPython: lineno 0, offset -1
  EXPECT_EQ(error.offset, SyntaxError::kNoOffset);
  EXPECT_EQ(error.PythonOffset(), -1);
}

TEST(Source, InvalidUtf8WithoutCookieIsKept) {
  // CPython does not decode such a source; only names and string literals are checked later.
  EXPECT_EQ(Decode("x = 1 #\xff\n"), "x = 1 #\xff\n");
  EXPECT_EQ(Decode("# coding: utf-8\nx = '\xff'\n"), "# coding: utf-8\nx = '\xff'\n");
}

TEST(Source, DeclaresEncoding) {
  SyntaxError error;
  EXPECT_FALSE(Source::Decode("x = 1\n", &error)->declares_encoding());
  EXPECT_TRUE(Source::Decode("\xef\xbb\xbfx = 1\n", &error)->declares_encoding());
  EXPECT_TRUE(Source::Decode("# coding: utf-8\nx = 1\n", &error)->declares_encoding());
  EXPECT_TRUE(Source::Decode("# coding: latin-1\nx = 1\n", &error)->declares_encoding());
  EXPECT_FALSE(Source::FromUtf8("x = 1\n").declares_encoding());
}

TEST(Source, LinesAndTerminator) {
  SyntaxError error;
  std::optional<Source> source = Source::Decode("a\r\nbc\rd", &error);
  ASSERT_TRUE(source);
  EXPECT_EQ(source->text().data()[source->text().size()], '\0');
  EXPECT_EQ(source->Locate(3).line, 2u);
  EXPECT_EQ(source->Locate(3).column, 1u);
  EXPECT_EQ(source->Locate(5).line, 3u);
}

}  // namespace
}  // namespace kensa::python
