// WriteFileAtomically: a replaced file keeps its mode and no temporary file is left; a path that
// is not a regular file (/dev/null) is written to, never replaced by a regular file.
#include "base/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace kensa {
namespace {

namespace fs = std::filesystem;

TEST(FileIoTest, ReplacesAFileKeepingItsMode) {
  std::string dir = (fs::temp_directory_path() / "kensa_file_io_XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  std::string path = dir + "/report.json";
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(path, "old", &error)) << error;
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  ASSERT_TRUE(WriteFileAtomically(path, "new", &error)) << error;
  std::string text;
  ASSERT_TRUE(ReadFile(path, &text, &error));
  EXPECT_EQ(text, "new");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

TEST(FileIoTest, DevNullStaysADevice) {
  std::string error;
  ASSERT_TRUE(WriteFileAtomically("/dev/null", "discarded\n", &error)) << error;
  struct stat st;
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/null was replaced by a regular file";
  std::string text;
  ASSERT_TRUE(ReadFile("/dev/null", &text, &error));
  EXPECT_EQ(text, "");
}

TEST(FileIoTest, ADirectoryIsAnError) {
  std::string error;
  EXPECT_FALSE(WriteFileAtomically("/tmp", "x", &error));
  EXPECT_NE(error.find("Is a directory"), std::string::npos) << error;
}

}  // namespace
}  // namespace kensa
