// Python str semantics against the oracle (/usr/bin/python3, CPython 3.11).
#include "select/python_text.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

namespace kensa::select {
namespace {

// Runs a Python snippet reading `input` (bytes) from stdin; returns its stdout.
std::string Oracle(const std::string& code, const std::string& input) {
  char path[] = "/tmp/kensa_oracle_in_XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  FILE* f = fdopen(fd, "wb");
  fwrite(input.data(), 1, input.size(), f);
  fclose(f);
  std::string command = "/usr/bin/python3 -c '" + code + "' < " + path;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  std::remove(path);
  return out;
}

TEST(PythonTextTest, DecodeErrorsMatchCPython) {
  // Random byte strings, biased towards UTF-8 lead and continuation bytes.
  std::mt19937 rng(7);
  const unsigned char interesting[] = {'a',  '\n', 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                                       0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x90, 0xA0, 0x9F, 0x8F};
  std::string batch;
  std::vector<std::string> samples;
  for (int i = 0; i < 300; ++i) {
    std::string s;
    int len = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < len; ++k) s += static_cast<char>(interesting[rng() % sizeof interesting]);
    samples.push_back(s);
  }
  // One sample per line, hex-encoded for the oracle.
  for (const std::string& s : samples) {
    for (unsigned char c : s) {
      char hex[3];
      std::snprintf(hex, sizeof hex, "%02x", c);
      batch += hex;
    }
    batch += "\n";
  }
  std::string expected = Oracle(
      "import sys\n"
      "for line in sys.stdin.read().split():\n"
      "    try:\n"
      "        bytes.fromhex(line).decode(\"utf-8\"); print(\"ok\")\n"
      "    except UnicodeDecodeError as e: print(e)\n",
      batch);
  std::string actual;
  for (const std::string& s : samples) {
    std::optional<std::string> error = Utf8DecodeError(s);
    actual += error ? *error + "\n" : "ok\n";
  }
  EXPECT_EQ(actual, expected);
}

TEST(PythonTextTest, LongAsciiPrefixKeepsPositions) {
  std::string s(1000, 'x');
  s += "\xff";
  EXPECT_EQ(*Utf8DecodeError(s),
            "'utf-8' codec can't decode byte 0xff in position 1000: invalid start byte");
  EXPECT_FALSE(Utf8DecodeError("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
}

TEST(PythonTextTest, WhitespaceIsStrIsspace) {
  std::string expected =
      Oracle("print(\" \".join(hex(c) for c in range(0x110000) if chr(c).isspace()))", "");
  std::string actual;
  std::string utf8;
  for (uint32_t c = 0; c < 0x3100; ++c) {  // every space is below U+3001
    utf8.clear();
    if (c < 0x80) {
      utf8 += static_cast<char>(c);
    } else if (c < 0x800) {
      utf8 += static_cast<char>(0xC0 | (c >> 6));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      utf8 += static_cast<char>(0xE0 | (c >> 12));
      utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    }
    if (c >= 0xD800 && c < 0xE000) continue;
    if (IsPythonSpace(utf8)) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%x", c);
      actual += (actual.empty() ? "" : " ") + std::string(hex);
    }
  }
  EXPECT_EQ(actual + "\n", expected);
}

TEST(PythonTextTest, StripAndSplitHelpers) {
  EXPECT_EQ(StripPython("  a b \t\n"), "a b");
  EXPECT_EQ(StripPython("\xc2\xa0x\xe3\x80\x80"), "x");  // NBSP, ideographic space
  EXPECT_EQ(StripPython("\xc3\xa9"), "\xc3\xa9");        // é is not space
  EXPECT_EQ(StripPython(" \x1c "), "");
  EXPECT_FALSE(IsPythonSpace(""));
  EXPECT_EQ(TranslateNewlines("a\r\nb\rc\n"), "a\nb\nc\n");
  EXPECT_EQ(TranslateNewlines("\r\r\n"), "\n\n");
  EXPECT_EQ(JoinEvenPieces("a\"\"\"doc\"\"\"b\"\"\"c", "\"\"\""), "ab");
  EXPECT_EQ(JoinEvenPieces("x", "\"\"\""), "x");
  EXPECT_EQ(PythonRepr("test_map.json"), "'test_map.json'");
  EXPECT_EQ(PythonRepr("it's"), "\"it's\"");
  EXPECT_EQ(PythonRepr("a\\b\n"), "'a\\\\b\\n'");
}

}  // namespace
}  // namespace kensa::select
