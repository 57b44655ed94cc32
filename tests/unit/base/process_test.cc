// RunProcess: output capture, exit status, working directory, environment, missing programs.
#include "base/process.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <string>

namespace kensa {
namespace {

TEST(ProcessTest, CapturesBothStreamsAndStatus) {
  ProcessResult r = RunProcess({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(r.started) << r.start_error;
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  EXPECT_EQ(r.exit_code, 3);
}

TEST(ProcessTest, LargeOutputOnBothStreamsDoesNotDeadlock) {
  ProcessResult r =
      RunProcess({"sh", "-c",
                  "i=0; while [ $i -lt 20000 ]; do echo xxxxxxxxxxxxxxxx; echo yyyyyyyy >&2; "
                  "i=$((i+1)); done"});
  ASSERT_TRUE(r.started);
  EXPECT_EQ(r.out.size(), 20000u * 17);
  EXPECT_EQ(r.err.size(), 20000u * 9);
  EXPECT_EQ(r.exit_code, 0);
}

TEST(ProcessTest, RunsInTheWorkingDirectoryWithExtraEnvironment) {
  ProcessOptions options;
  options.working_directory = "/";
  options.env_set.emplace_back("KENSA_TEST_VALUE", "42");
  ProcessResult r = RunProcess({"sh", "-c", "pwd; echo $KENSA_TEST_VALUE"}, options);
  ASSERT_TRUE(r.started);
  EXPECT_EQ(r.out, "/\n42\n");
}

TEST(ProcessTest, StdinIsEmpty) {
  ProcessResult r = RunProcess({"cat"});
  ASSERT_TRUE(r.started);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(ProcessTest, MissingProgramIsReported) {
  ProcessResult r = RunProcess({"kensa-no-such-program-xyz"});
  EXPECT_FALSE(r.started);
  EXPECT_EQ(r.start_errno, ENOENT);
  EXPECT_FALSE(r.start_error.empty());
}

TEST(ProcessTest, SignalIsReportedAs128PlusNumber) {
  ProcessResult r = RunProcess({"sh", "-c", "kill -TERM $$"});
  ASSERT_TRUE(r.started);
  EXPECT_EQ(r.exit_code, 128 + 15);
}

TEST(ForegroundTest, ExitStatusAndEnvironment) {
  ForegroundOptions options;
  options.env_set.emplace_back("KENSA_TEST_VALUE", "7");
  ForegroundResult r = RunForeground({"sh", "-c", "exit $KENSA_TEST_VALUE"}, options);
  ASSERT_TRUE(r.started) << r.start_error;
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_EQ(r.term_signal, 0);
  EXPECT_FALSE(r.timed_out);
}

TEST(ForegroundTest, RunsInItsOwnProcessGroup) {
  // $$'s process group is itself: the child leads a group of its own.
  ForegroundResult r = RunForeground({"sh", "-c", "[ $(ps -o pgid= $$) -eq $$ ]"});
  ASSERT_TRUE(r.started);
  EXPECT_EQ(r.exit_code, 0);
}

TEST(ForegroundTest, DeathBySignalIsReported) {
  ForegroundResult r = RunForeground({"sh", "-c", "kill -KILL $$"});
  ASSERT_TRUE(r.started);
  EXPECT_EQ(r.term_signal, 9);
  EXPECT_EQ(r.exit_code, -1);
}

TEST(ForegroundTest, TimeoutStopsTheGroup) {
  ForegroundOptions options;
  options.timeout_seconds = 0.3;
  options.kill_grace_seconds = 0.3;
  // The shell ignores SIGTERM, so SIGKILL must follow; its sleeping child is in the group too.
  auto start = std::chrono::steady_clock::now();
  ForegroundResult r = RunForeground({"sh", "-c", "trap '' TERM; sleep 20; sleep 20"}, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.started);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.term_signal, 9);
  EXPECT_LT(seconds, 5.0);
}

TEST(ForegroundTest, MissingAndNotExecutable) {
  ForegroundResult missing = RunForeground({"kensa-no-such-program-xyz"});
  EXPECT_FALSE(missing.started);
  EXPECT_EQ(missing.start_errno, ENOENT);
  ForegroundResult not_executable = RunForeground({"/etc/passwd"});
  EXPECT_FALSE(not_executable.started);
  EXPECT_EQ(not_executable.start_errno, EACCES);
}

}  // namespace
}  // namespace kensa
