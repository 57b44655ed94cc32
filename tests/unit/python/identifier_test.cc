// NFKC normalization of identifiers, as CPython applies it to non-ASCII names; expected values
// from /usr/bin/python3's unicodedata.normalize("NFKC", ...) (Unicode 14). An exhaustive check
// of every XID_Continue code point against the oracle found no difference (see lex notes).
#include "python/identifier.h"

#include <gtest/gtest.h>

#include "python/unicode.h"

namespace kensa::python {
namespace {

TEST(Identifier, AsciiIsUnchanged) {
  EXPECT_EQ(NormalizeIdentifier("hello_world1"), "hello_world1");
  EXPECT_EQ(NormalizeIdentifier(""), "");
  EXPECT_TRUE(IsAscii("abcdefghijklmnop_0123456789"));
  EXPECT_FALSE(IsAscii("abcdefghijklmnop_é"));
}

TEST(Identifier, CompatibilityCharactersFold) {
  EXPECT_EQ(NormalizeIdentifier("ℌ"), "H");            // U+210C BLACK-LETTER CAPITAL H
  EXPECT_EQ(NormalizeIdentifier("µ"), "μ");            // U+00B5 MICRO SIGN -> GREEK MU
  EXPECT_EQ(NormalizeIdentifier("ﬁle"), "file");       // U+FB01 LATIN SMALL LIGATURE FI
  EXPECT_EQ(NormalizeIdentifier("𝔘𝔫𝔦"), "Uni");        // mathematical fraktur
  EXPECT_EQ(NormalizeIdentifier("x²"), "x2");          // superscript two
  EXPECT_EQ(NormalizeIdentifier("ｆｕｌｌ"), "full");  // fullwidth
}

TEST(Identifier, ComposesCombiningMarks) {
  EXPECT_EQ(NormalizeIdentifier("e\xcc\x81"), "é");  // e + COMBINING ACUTE -> U+00E9
  EXPECT_EQ(NormalizeIdentifier("é"), "é");
  EXPECT_EQ(NormalizeIdentifier("한글"), "한글");
}

TEST(Identifier, CharacterClasses) {
  EXPECT_TRUE(IsIdentifierStart('_'));
  EXPECT_TRUE(IsIdentifierStart(U'é'));
  EXPECT_FALSE(IsIdentifierStart('1'));
  EXPECT_TRUE(IsIdentifierContinue('1'));
  EXPECT_FALSE(IsIdentifierStart(0x0300));  // combining grave: continue only
  EXPECT_TRUE(IsIdentifierContinue(0x0300));
  EXPECT_TRUE(IsIdentifierContinue(0xE0100));  // variation selector 17
  EXPECT_FALSE(IsIdentifierContinue(0x20AC));  // euro sign
  EXPECT_TRUE(IsIdentifierStart(0x2118));      // Other_ID_Start: script capital P
  EXPECT_TRUE(IsIdentifierContinue(0x00B7));   // Other_ID_Continue: middle dot
  EXPECT_FALSE(IsIdentifierStart(0x00B7));
  EXPECT_TRUE(IsPrintable(0x20AC));
  EXPECT_FALSE(IsPrintable(0x00A0));
  EXPECT_FALSE(IsPrintable(0x200B));
}

TEST(Identifier, Utf8Errors) {
  auto message = [](std::string_view bytes) {
    std::optional<Utf8Error> e = FindUtf8Error(bytes);
    if (!e) return std::string("ok");
    return DecodeErrorMessage("utf-8", bytes, e->start, e->end, e->reason);
  };
  // The texts of CPython's bytes.decode("utf-8") errors.
  EXPECT_EQ(message("a\xc3\xa9"), "ok");
  EXPECT_EQ(message("\xff"),
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  EXPECT_EQ(message("a\xc3"),
            "'utf-8' codec can't decode byte 0xc3 in position 1: unexpected end of data");
  EXPECT_EQ(message("\xe2\x82"),
            "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
  EXPECT_EQ(message("\xe2(\xa1"),
            "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte");
  EXPECT_EQ(message("\xed\xa0\x80"),
            "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
  EXPECT_EQ(message("\xf4\x90\x80\x80"),
            "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte");
  EXPECT_EQ(message("\xc0\x80"),
            "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte");
  EXPECT_EQ(message("\xf0\x90\x80x"),
            "'utf-8' codec can't decode bytes in position 0-2: invalid continuation byte");
  EXPECT_EQ(CountCharsReplacing("a\xff\xe2\x82"
                                "b"),
            4u);  // a, U+FFFD, U+FFFD, b
}

}  // namespace
}  // namespace kensa::python
