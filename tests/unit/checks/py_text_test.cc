// Python str semantics on UTF-8 bytes, checked against CPython 3.11: the UnicodeDecodeError
// texts are what /usr/bin/python3 raised reading each byte string with
// open(path, encoding="utf-8", newline="\n").readlines().
#include "checks/py_text.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace kensa::checks {
namespace {

struct Utf8Case {
  std::string bytes;
  const char* error;  // nullptr: decodes
};

const Utf8Case kUtf8Cases[] = {
    {std::string(10, 'a') + "\xff",
     "'utf-8' codec can't decode byte 0xff in position 10: invalid start byte"},
    {std::string(10000, 'a') + "\xff",
     "'utf-8' codec can't decode byte 0xff in position 1808: invalid start byte"},
    {std::string(8191, 'a') + "\xe2\x82\xac" + std::string(100, 'b') + "\xff",
     "'utf-8' codec can't decode byte 0xff in position 103: invalid start byte"},
    {std::string(8191, 'a') + "\xe2x",
     "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte"},
    {std::string(8190, 'a') + "\xe2\x82x",
     "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"},
    {std::string(20, 'a') + "\xe2\x82",
     "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"},
    {std::string(20, 'a') + "\xe2\x82x",
     "'utf-8' codec can't decode bytes in position 20-21: invalid continuation byte"},
    {std::string(20, 'a') + "\xed\xa0\x80x",
     "'utf-8' codec can't decode byte 0xed in position 20: invalid continuation byte"},
    {std::string(20, 'a') + "\xc0\x80x",
     "'utf-8' codec can't decode byte 0xc0 in position 20: invalid start byte"},
    {std::string(20, 'a') + "\xf4\x90\x80\x80x",
     "'utf-8' codec can't decode byte 0xf4 in position 20: invalid continuation byte"},
    {std::string(20, 'a') + "\xf0\x9f",
     "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"},
    {std::string("caf\xe9\n"),
     "'utf-8' codec can't decode byte 0xe9 in position 3: invalid continuation byte"},
    {std::string("\xef\xbb\xbfok \xf0\x9f\x98\x80\n"), nullptr},
    {std::string(16384, 'a') + "\x80",
     "'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte"},
};

TEST(PyTextTest, Utf8ErrorsAreCPythons) {
  for (const Utf8Case& c : kUtf8Cases) {
    std::string message;
    bool ok = ValidatePyUtf8(c.bytes, &message);
    EXPECT_EQ(ok, c.error == nullptr) << c.bytes.size();
    if (c.error != nullptr) {
      EXPECT_EQ(message, c.error) << c.bytes.size();
    }
  }
}

// Both ways of reading against /usr/bin/python3 itself: f.read() (kWhole) and f.readlines()
// (kInChunks) on the same bytes, errors past the first 8 KiB chunk and at its edge included.
TEST(PyTextTest, Utf8ErrorsOfEachWayOfReadingAreCPythons) {
  std::vector<std::string> cases = {
      std::string(24524, 'a') + "\xe9\n",   std::string(9000, 'a') + "\xff",
      std::string(8191, 'a') + "\xe2x",     std::string(8190, 'a') + "\xe2\x82x",
      std::string(20000, 'a') + "\xe2\x82", "caf\xe9\n",
  };
  for (const std::string& bytes : cases) {
    char path[] = "/tmp/kensa_py_text_XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    close(fd);
    std::string command = std::string("/usr/bin/python3 -c \"import sys\n") +
                          "for way in ('read', 'readlines'):\n"
                          "  try: getattr(open(sys.argv[1], encoding='utf-8'), way)()\n"
                          "  except UnicodeDecodeError as e: print(e)\n\" " +
                          path;
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
    std::remove(path);
    std::string whole, chunks;
    ValidatePyUtf8(bytes, &whole, PyTextRead::kWhole);
    ValidatePyUtf8(bytes, &chunks, PyTextRead::kInChunks);
    EXPECT_EQ(whole + "\n" + chunks + "\n", out) << bytes.size() << " bytes";
  }
}

TEST(PyTextTest, LengthsCountCodePoints) {
  EXPECT_TRUE(PyLenAtMostOne(""));
  EXPECT_TRUE(PyLenAtMostOne("\n"));
  EXPECT_TRUE(PyLenAtMostOne("\xe6\x97\xa5"));     // one CJK character
  EXPECT_FALSE(PyLenAtMostOne("\xe6\x97\xa5\n"));  // len 2
  EXPECT_FALSE(PyLenAtMostOne("ab"));
  EXPECT_EQ(PyLen("caf\xc3\xa9"), 4u);
  EXPECT_EQ(PyDropPrefix("caf\xc3\xa9!", 4), "!");
  EXPECT_EQ(PyDropPrefix("ab", 5), "");
}

TEST(PyTextTest, WhitespaceIsStrIsspace) {
  EXPECT_TRUE(IsPySpace(' '));
  EXPECT_TRUE(IsPySpace('\x1c'));
  EXPECT_TRUE(IsPySpace(0x85));
  EXPECT_TRUE(IsPySpace(0x3000));
  EXPECT_FALSE(IsPySpace(0x200B));  // zero width space is not whitespace to Python
  EXPECT_EQ(PyStrip("\xe3\x80\x80 x y\t\n"), "x y");
  EXPECT_EQ(PyStrip(" \n "), "");
}

TEST(PyTextTest, CaseMappings) {
  EXPECT_EQ(PyLower("MobileBERT"), "mobilebert");
  EXPECT_EQ(PyUpper("MobileBert_x1"), "MOBILEBERT_X1");
  EXPECT_EQ(PyUpper("caf\xc3\xa9"), "CAF\xc3\x89");
}

TEST(PyTextTest, ReadLinesSplitsOnlyAtNewline) {
  auto lines = PyReadLines("a\r\nb\rc\n\nd");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "a\r\n");
  EXPECT_EQ(lines[1], "b\rc\n");
  EXPECT_EQ(lines[2], "\n");
  EXPECT_EQ(lines[3], "d");
  EXPECT_TRUE(PyReadLines("").empty());
  EXPECT_EQ(PySplit("a\n\nb\n", '\n').size(), 4u);
  EXPECT_EQ(PyReplace("with withA->B", "with", ""), " A->B");
}

}  // namespace
}  // namespace kensa::checks
