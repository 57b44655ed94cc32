// ApplyEdits: applying ranges, keeping modes and line endings, and atomicity — a failure injected
// at any step leaves every file either entirely old or entirely new, with no temporary files
// left behind.
#include "base/edit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kensa {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class EditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "kensa_edit_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string P(const std::string& rel) const { return root_ + "/" + rel; }
  void Write(const std::string& rel, const std::string& text, mode_t mode = 0644) {
    fs::create_directories(fs::path(P(rel)).parent_path());
    std::ofstream(P(rel), std::ios::binary) << text;
    ASSERT_EQ(::chmod(P(rel).c_str(), mode), 0);
  }
  std::string Read(const std::string& rel) const {
    std::ifstream in(P(rel), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Every name in the directory tree, so a stray temporary file shows up.
  std::vector<std::string> Names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root_)) {
      out.push_back(fs::relative(e.path(), root_).string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string root_;
};

TEST_F(EditTest, AppliesRangesInAnyOrder) {
  Write("a.py", "0123456789");
  ApplyResult r =
      ApplyEdits({{P("a.py"), 8, 9, "X"}, {P("a.py"), 1, 3, ""}, {P("a.py"), 5, 5, "+"}});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(Read("a.py"), "034+567X9");
  EXPECT_THAT(r.written, ElementsAre(P("a.py")));
}

TEST_F(EditTest, RejectsOverlapAndOutOfRangeWithoutWriting) {
  Write("a.py", "0123456789");
  ApplyResult r = ApplyEdits({{P("a.py"), 1, 4, "x"}, {P("a.py"), 3, 5, "y"}});
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.error, ::testing::HasSubstr("overlapping"));
  r = ApplyEdits({{P("a.py"), 5, 11, "x"}});
  EXPECT_THAT(r.error, ::testing::HasSubstr("outside the file"));
  EXPECT_EQ(Read("a.py"), "0123456789");
  EXPECT_THAT(Names(), ElementsAre("a.py"));
}

TEST_F(EditTest, CreatesAFileOnlyWhenTheEditSaysSo) {
  Write("pkg/__init__.py", "");
  Edit plain{P("pkg/new.py"), 0, 0, "x = 1\n"};
  ApplyResult r = ApplyEdits({plain});
  EXPECT_FALSE(r.ok());  // a missing file is an error unless the edit creates it
  EXPECT_THAT(Names(), ElementsAre("pkg", "pkg/__init__.py"));

  Edit create = plain;
  create.create = true;
  mode_t mask = ::umask(022);
  r = ApplyEdits({create});
  ::umask(mask);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(Read("pkg/new.py"), "x = 1\n");
  EXPECT_THAT(Names(), ElementsAre("pkg", "pkg/__init__.py", "pkg/new.py"));
  struct stat st;
  ASSERT_EQ(::stat(P("pkg/new.py").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);

  // An existing file under a creating edit is edited as usual: the range is its bytes.
  create.end = 6;
  create.replacement = "y = 2\n";
  ASSERT_TRUE(ApplyEdits({create}).ok());
  EXPECT_EQ(Read("pkg/new.py"), "y = 2\n");

  // No folder to create it in: an error, nothing written.
  Edit nowhere{P("missing/new.py"), 0, 0, "z\n", true};
  EXPECT_FALSE(ApplyEdits({nowhere}).ok());
  EXPECT_FALSE(fs::exists(P("missing")));
}

TEST_F(EditTest, NeverReplacesADevice) {
  ApplyResult r = ApplyEdits({{"/dev/null", 0, 0, "x"}});
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.error, ::testing::HasSubstr("not a regular file"));
  struct stat st;
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(EditTest, KeepsTheFileMode) {
  Write("run.sh", "echo hi\n", 0750);
  ASSERT_TRUE(ApplyEdits({{P("run.sh"), 5, 7, "ho"}}).ok());
  struct stat st;
  ASSERT_EQ(::stat(P("run.sh").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0750u);
  EXPECT_EQ(Read("run.sh"), "echo ho\n");
}

TEST_F(EditTest, MatchesCrlfFilesUnlessVerbatim) {
  Write("crlf.py", "a = 1\r\nb = 2\r\n");
  ASSERT_TRUE(ApplyEdits({{P("crlf.py"), 7, 7, "x = 0\ny = 0\n"}}).ok());
  EXPECT_EQ(Read("crlf.py"), "a = 1\r\nx = 0\r\ny = 0\r\nb = 2\r\n");

  Write("crlf2.py", "a = 1\r\nb = 2\r\n");
  ASSERT_TRUE(
      ApplyEdits({{P("crlf2.py"), 7, 7, "x = 0\n"}}, {LineEndings::kVerbatim, nullptr}).ok());
  EXPECT_EQ(Read("crlf2.py"), "a = 1\r\nx = 0\nb = 2\r\n");

  // A file with any bare "\n" is not CRLF: replacements go in as they are.
  Write("mixed.py", "a = 1\r\nb = 2\n");
  ASSERT_TRUE(ApplyEdits({{P("mixed.py"), 0, 0, "z\n"}}).ok());
  EXPECT_EQ(Read("mixed.py"), "z\na = 1\r\nb = 2\n");
}

TEST_F(EditTest, FollowsSymbolicLinks) {
  Write("real.py", "old\n");
  fs::create_symlink("real.py", P("link.py"));
  ASSERT_TRUE(ApplyEdits({{P("link.py"), 0, 3, "new"}}).ok());
  EXPECT_TRUE(fs::is_symlink(P("link.py")));
  EXPECT_EQ(Read("real.py"), "new\n");
}

TEST_F(EditTest, UnchangedFilesAreNotRewritten) {
  Write("a.py", "same\n");
  struct stat before, after;
  ASSERT_EQ(::stat(P("a.py").c_str(), &before), 0);
  ApplyResult r = ApplyEdits({{P("a.py"), 0, 4, "same"}});
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r.written, IsEmpty());
  ASSERT_EQ(::stat(P("a.py").c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
}

TEST_F(EditTest, FailureWhileWritingLeavesEveryFileOld) {
  Write("a.py", "a-old\n");
  Write("b.py", "b-old\n");
  Write("c.py", "c-old\n");
  ApplyOptions options;
  options.inject_failure = [&](ApplyStep step, const std::string& path) {
    return step == ApplyStep::kWriteTemporary && path == P("c.py") ? "No space left on device" : "";
  };
  ApplyResult r = ApplyEdits(
      {{P("a.py"), 0, 5, "a-new"}, {P("b.py"), 0, 5, "b-new"}, {P("c.py"), 0, 5, "c-new"}},
      options);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, P("c.py") + ": No space left on device");
  EXPECT_THAT(r.written, IsEmpty());
  EXPECT_EQ(Read("a.py"), "a-old\n");
  EXPECT_EQ(Read("b.py"), "b-old\n");
  EXPECT_EQ(Read("c.py"), "c-old\n");
  EXPECT_THAT(Names(), ElementsAre("a.py", "b.py", "c.py"));  // temporaries removed
}

// A killed run's temporary beside a file being fixed is removed; a live writer's is not; the
// pending-write record exists only while the fix runs.
TEST_F(EditTest, RemovesStaleTemporariesWhereItWrites) {
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);  // `child` is a PID no process has now
  std::string dead = ".a.py.kensa-" + std::to_string(child) + "-AbCdEf";
  std::string alive = ".b.py.kensa-" + std::to_string(::getpid()) + "-AbCdEf";
  Write("a.py", "a-old\n");
  Write(dead, "half");
  Write(alive, "being written");
  ApplyOptions options;
  options.pending_writes_dir = P("records");
  options.inject_failure = [&](ApplyStep step, const std::string&) {
    if (step == ApplyStep::kRename) {  // mid-fix: one record, naming this directory
      std::vector<fs::path> records(fs::directory_iterator(P("records")), {});
      EXPECT_EQ(records.size(), 1u);
      if (records.size() == 1) {
        std::ifstream in(records[0]);
        std::string line;
        std::getline(in, line);
        EXPECT_EQ(fs::path(line), fs::canonical(root_));
      }
    }
    return std::string();
  };
  ASSERT_TRUE(ApplyEdits({{P("a.py"), 0, 5, "a-new"}}, options).ok());
  EXPECT_EQ(Read("a.py"), "a-new\n");
  EXPECT_THAT(Names(), ElementsAre(alive, "a.py", "records"));  // the record itself is gone
}

TEST_F(EditTest, FailureBetweenRenamesLeavesEachFileOldOrNew) {
  Write("a.py", "a-old\n");
  Write("b.py", "b-old\n");
  Write("c.py", "c-old\n");
  ApplyOptions options;
  options.inject_failure = [&](ApplyStep step, const std::string& path) {
    return step == ApplyStep::kRename && path == P("b.py") ? "Interrupted" : "";
  };
  ApplyResult r = ApplyEdits(
      {{P("a.py"), 0, 5, "a-new"}, {P("b.py"), 0, 5, "b-new"}, {P("c.py"), 0, 5, "c-new"}},
      options);
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.written, ElementsAre(P("a.py")));
  EXPECT_EQ(Read("a.py"), "a-new\n");  // renamed before the failure: entirely new
  EXPECT_EQ(Read("b.py"), "b-old\n");  // entirely old
  EXPECT_EQ(Read("c.py"), "c-old\n");
  EXPECT_THAT(Names(), ElementsAre("a.py", "b.py", "c.py"));
}

TEST_F(EditTest, ReadFailureStopsBeforeAnyWrite) {
  Write("a.py", "a-old\n");
  ApplyResult r = ApplyEdits({{P("a.py"), 0, 1, "A"}, {P("missing.py"), 0, 0, "x"}});
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.error, ::testing::HasSubstr("missing.py"));
  EXPECT_EQ(Read("a.py"), "a-old\n");
  EXPECT_THAT(Names(), ElementsAre("a.py"));
}

}  // namespace
}  // namespace kensa
