// TempRepo: a throwaway git repository in a temporary directory, built with the git command
// line (tests may run git; kensa itself never does). Removed when the object goes away.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace kensa::testing {

class TempRepo {
 public:
  TempRepo() {
    char tmpl[] = "/tmp/kensa_git_test_XXXXXX";
    char* dir = mkdtemp(tmpl);
    EXPECT_NE(dir, nullptr);
    root_ = std::filesystem::canonical(dir).string();
    Git("init -q -b main");
    Git("config user.name Test");
    Git("config user.email test@example.com");
    Git("config commit.gpgsign false");
  }
  ~TempRepo() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempRepo(const TempRepo&) = delete;
  TempRepo& operator=(const TempRepo&) = delete;

  const std::string& root() const { return root_; }

  void Write(const std::string& path, const std::string& content) const {
    std::filesystem::path full = std::filesystem::path(root_) / path;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
  }
  void Remove(const std::string& path) const {
    std::filesystem::remove(std::filesystem::path(root_) / path);
  }

  // Runs `git ARGS` in the repository; fails the test on a non-zero exit.
  void Git(const std::string& args) const {
    std::string command = "git -C '" + root_ + "' " + args + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  // Runs `git ARGS` and returns its standard output.
  std::string GitOutput(const std::string& args) const {
    std::string command = "git -C '" + root_ + "' " + args;
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
    return out;
  }
  // Stages everything and commits; returns the new commit's sha.
  std::string Commit(const std::string& message) const {
    Git("add -A");
    Git("commit -q --allow-empty -m '" + message + "'");
    std::string sha = GitOutput("rev-parse HEAD");
    while (!sha.empty() && (sha.back() == '\n' || sha.back() == '\r')) sha.pop_back();
    return sha;
  }

 private:
  std::string root_;
};

// A number of lines of distinct text, for files whose similarity tests can reason about.
inline std::string Lines(int first, int count, const std::string& tag = "line") {
  std::string out;
  for (int i = first; i < first + count; ++i) {
    out += tag + " number " + std::to_string(i) + " of some text\n";
  }
  return out;
}

}  // namespace kensa::testing
