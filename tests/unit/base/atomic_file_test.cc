// base/atomic_file: temporaries are named so that a later run can tell a dead writer's from a
// live one's; RemoveStaleTemporaries removes exactly the dead ones; a pending-write record left
// by a process killed with SIGKILL lets RecoverPendingWrites clean its directories.
#include "base/atomic_file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "base/file_io.h"

namespace kensa {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() / "kensa_atomic_XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir_.data()), nullptr);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> Names(const std::string& dir) const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  void Touch(const std::string& name, time_t age_seconds = 0) {
    std::string error;
    std::string path = dir_ + "/" + name;
    ASSERT_TRUE(WriteFile(path, "x", &error)) << error;
    if (age_seconds > 0) {
      struct timeval times[2];
      times[0].tv_sec = times[1].tv_sec = ::time(nullptr) - age_seconds;
      times[0].tv_usec = times[1].tv_usec = 0;
      ASSERT_EQ(::utimes(path.c_str(), times), 0);
    }
  }

  // The PID of a process that has exited and been reaped: no process has it now.
  static pid_t DeadPid() {
    pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
  }

  std::string dir_;
};

TEST_F(AtomicFileTest, ParsesOnlyKensaTemporaryNames) {
  pid_t pid = -1;
  EXPECT_TRUE(ParseTemporaryName(".a.py.kensa-4242-Ab9xYz", &pid));
  EXPECT_EQ(pid, 4242);
  EXPECT_TRUE(ParseTemporaryName(".a.py.kensa-Ab9xYz", &pid));  // the older PID-less form
  EXPECT_EQ(pid, 0);
  for (const char* other :
       {"a.py.kensa-4242-Ab9xYz", ".kensa-4242-Ab9xYz", ".a.py.kensa-42x-Ab9xYz",
        ".a.py.kensa-4242-Ab9", ".a.py.kensa-4242-Ab9xY!", ".a.py", ".gitignore", ".a.py.kensa-",
        ".a.py.kensa-4242-"}) {
    EXPECT_FALSE(ParseTemporaryName(other, &pid)) << other;
  }
}

TEST_F(AtomicFileTest, WritesATemporaryBesideTheTargetNamedWithItsPid) {
  std::string temporary, error;
  FileMode mode;
  mode.permissions = 0640;
  ASSERT_TRUE(WriteTemporaryBeside(dir_ + "/model.py", "body", mode, true, &temporary, &error))
      << error;
  EXPECT_EQ(fs::path(temporary).parent_path(), fs::path(dir_));
  pid_t pid = 0;
  ASSERT_TRUE(ParseTemporaryName(fs::path(temporary).filename().string(), &pid));
  EXPECT_EQ(pid, ::getpid());
  std::string text;
  ASSERT_TRUE(ReadFile(temporary, &text, &error));
  EXPECT_EQ(text, "body");
  struct stat st;
  ASSERT_EQ(::stat(temporary.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST_F(AtomicFileTest, RemovesTheTemporariesOfDeadWritersOnly) {
  std::string dead = std::to_string(DeadPid());
  std::string alive = std::to_string(::getpid());
  Touch(".a.py.kensa-" + dead + "-AAAAAA");
  Touch(".b.py.kensa-" + alive + "-BBBBBB");
  Touch(".c.py.kensa-CCCCCC", /*age_seconds=*/3600);  // old PID-less: stale
  Touch(".d.py.kensa-DDDDDD");                        // fresh PID-less: may be in use
  Touch("a.py");
  Touch(".e.py.kensa-notes");  // not ours: wrong shape
  EXPECT_EQ(RemoveStaleTemporaries(dir_), 2u);
  EXPECT_EQ(Names(dir_),
            (std::vector<std::string>{".b.py.kensa-" + alive + "-BBBBBB", ".d.py.kensa-DDDDDD",
                                      ".e.py.kensa-notes", "a.py"}));
}

TEST_F(AtomicFileTest, TheRecordOfAKilledWriterLetsTheNextRunCleanUp) {
  std::string records = dir_ + "/records";
  std::string work = dir_ + "/work";
  ASSERT_TRUE(fs::create_directory(work));
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    PendingWrites pending;
    std::string error, temporary;
    if (!pending.Begin(records, {work}, &error)) ::_exit(2);
    if (!WriteTemporaryBeside(work + "/a.py", "half", FileMode{}, false, &temporary, &error)) {
      ::_exit(3);
    }
    ::kill(::getpid(), SIGKILL);  // no destructor runs: the record and the temporary stay
    ::_exit(4);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  ASSERT_EQ(Names(records).size(), 1u);
  ASSERT_EQ(Names(work).size(), 1u);

  EXPECT_EQ(RecoverPendingWrites(records), 1u);
  EXPECT_TRUE(Names(work).empty());
  EXPECT_TRUE(Names(records).empty());
}

TEST_F(AtomicFileTest, ALiveWritersRecordIsLeftAloneAndRemovedWhenItEnds) {
  std::string records = dir_ + "/records";
  std::string temporary, error;
  {
    PendingWrites pending;
    ASSERT_TRUE(pending.Begin(records, {dir_}, &error)) << error;
    ASSERT_TRUE(WriteTemporaryBeside(dir_ + "/a.py", "x", FileMode{}, false, &temporary, &error));
    EXPECT_EQ(RecoverPendingWrites(records), 0u);
    EXPECT_TRUE(fs::exists(temporary));
    EXPECT_EQ(Names(records).size(), 1u);
  }
  EXPECT_TRUE(Names(records).empty());
  EXPECT_EQ(RecoverPendingWrites(dir_ + "/no-such-dir"), 0u);
}

}  // namespace
}  // namespace kensa
