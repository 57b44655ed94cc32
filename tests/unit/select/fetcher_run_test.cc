// One run of the reference's flow on a small in-memory diffusers-like repository, with the
// output worked out by hand from utils/tests_fetcher.py's rules.
#include "select/fetcher_run.h"

#include <gtest/gtest.h>

#include <map>

namespace kensa::select {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

Files MiniDiffusers() {
  return {
      {"src/diffusers/__init__.py",
       "from .models import UNet\nfrom .pipelines import FooPipeline\n"},
      {"src/diffusers/models/__init__.py", "from .unet import UNet\n"},
      {"src/diffusers/models/unet.py", "import torch\n\n\nclass UNet:\n    \"\"\"A net.\"\"\"\n"},
      {"src/diffusers/pipelines/__init__.py", "from .foo import FooPipeline\n"},
      {"src/diffusers/pipelines/foo/__init__.py", "from .pipeline_foo import FooPipeline\n"},
      {"src/diffusers/pipelines/foo/pipeline_foo.py",
       "from ...models import UNet\n\n\nclass FooPipeline:\n    pass\n"},
      {"src/diffusers/utils/__init__.py", "X = 1\n"},
      {"tests/__init__.py", ""},
      {"tests/models/test_unet.py", "from diffusers import UNet\n"},
      {"tests/pipelines/foo/test_foo.py", "from diffusers import FooPipeline\n"},
      {"tests/others/test_utils.py", "from diffusers.utils import X\n"},
      {"tests/repo_utils/test_repo.py", "from diffusers.models.unet import UNet\n"},
  };
}

git::TreeChange Modified(const std::string& path) {
  git::TreeChange c;
  c.type = git::ChangeType::kModified;
  c.old_path = c.new_path = path;
  return c;
}

struct Outcome {
  FetcherResult result;
  std::map<std::string, std::string> files;
};

// Runs the fetcher with `changes` against `head_files`; `old_files` are the base's contents.
Outcome RunOn(const Files& head_files, const std::vector<git::TreeChange>& changes,
              const std::map<std::string, std::string>& old_files = {},
              std::string message = "A change\n") {
  Snapshot head = Snapshot::FromMemory(head_files);
  FetcherInputs inputs;
  inputs.commit_message = std::move(message);
  inputs.header_lines = {"main is at HEAD", "Parent commit: PARENT"};
  inputs.base_commits = {git::Oid()};
  inputs.diffs = {changes};
  inputs.read_old = [&](const git::TreeChange& c) -> std::optional<std::string> {
    auto it = old_files.find(c.old_path);
    if (it == old_files.end()) return std::nullopt;
    return it->second;
  };
  FetcherRequest request;
  request.repo_root = "/repo";
  request.threads = 1;
  Outcome out;
  out.result = RunTestsFetcher(DiffusersPreset(), inputs, request, head, nullptr);
  for (const auto& [name, content] : out.result.files) out.files[name] = content;
  return out;
}

const char kCorePipelines[] =
    "/repo/tests/pipelines/controlnet /repo/tests/pipelines/deepfloyd_if "
    "/repo/tests/pipelines/kandinsky /repo/tests/pipelines/kandinsky2_2 "
    "/repo/tests/pipelines/stable_diffusion /repo/tests/pipelines/stable_diffusion_2 "
    "/repo/tests/pipelines/stable_diffusion_xl /repo/tests/pipelines/stable_video_diffusion "
    "/repo/tests/pipelines/text_to_video_synthesis /repo/tests/pipelines/wuerstchen";

const char kCoreList[] =
    "\n### ADD CORE PIPELINE TESTS ###\n- controlnet\n- stable_diffusion\n- stable_diffusion_2\n"
    "- stable_diffusion_xl\n- stable_video_diffusion\n- deepfloyd_if\n- kandinsky\n"
    "- kandinsky2_2\n- text_to_video_synthesis\n- wuerstchen\n";

TEST(FetcherRunTest, ModelChangeSelectsItsImporters) {
  Files head = MiniDiffusers();
  head[2].second += "\n\ndef helper():\n    return 1\n";
  Outcome out = RunOn(head, {Modified("src/diffusers/models/unet.py")},
                      {{"src/diffusers/models/unet.py", MiniDiffusers()[2].second}});
  EXPECT_EQ(out.result.stdout_text,
            "main is at HEAD\nParent commit: PARENT\n\n### DIFF ###\n\n"
            "\n### MODIFIED FILES ###\n- src/diffusers/models/unet.py\n"
            "\n### IMPACTED FILES ###\n"
            "- src/diffusers/__init__.py\n- src/diffusers/models/__init__.py\n"
            "- src/diffusers/models/unet.py\n- src/diffusers/pipelines/__init__.py\n"
            "- src/diffusers/pipelines/foo/__init__.py\n"
            "- src/diffusers/pipelines/foo/pipeline_foo.py\n- tests/models/test_unet.py\n"
            "- tests/pipelines/foo/test_foo.py\n- tests/repo_utils/test_repo.py\n"
            "\n### TEST TO RUN ###\n- tests/models/test_unet.py\n"
            "- tests/pipelines/foo/test_foo.py\n- tests/repo_utils/test_repo.py\n"
            "\n### EXAMPLES TEST TO RUN ###\n\n" +
                std::string(kCoreList));
  // filter_tests drops repo_utils from the list, not from the map (made before it).
  EXPECT_EQ(out.files["test_list.txt"],
            "tests/models/test_unet.py tests/pipelines/foo/test_foo.py");
  EXPECT_EQ(out.files["test_map.json"],
            "{\"models\": \"tests/models/test_unet.py\", \"repo_utils\": "
            "\"tests/repo_utils/test_repo.py\", \"core_pipelines\": \"" +
                std::string(kCorePipelines) +
                "\", \"pipelines\": \"tests/pipelines/foo/test_foo.py\"}");
  EXPECT_EQ(out.files.count("examples_test_list.txt"), 0u);
  EXPECT_FALSE(out.result.fallback_reason);

  const TestReason& why = out.result.reasons.at("tests/pipelines/foo/test_foo.py");
  EXPECT_EQ(why.changed_file, "src/diffusers/models/unet.py");
  EXPECT_EQ(why.chain.files,
            (std::vector<std::string>{"tests/pipelines/foo/test_foo.py",
                                      "src/diffusers/pipelines/foo/pipeline_foo.py",
                                      "src/diffusers/models/unet.py"}));
}

TEST(FetcherRunTest, NoPipelineTestFallsBackToEverything) {
  Files head = MiniDiffusers();
  head[10].second += "Y = 2\n";
  Outcome out = RunOn(head, {Modified("tests/others/test_utils.py")},
                      {{"tests/others/test_utils.py", MiniDiffusers()[10].second}});
  EXPECT_EQ(out.result.fallback_reason.value_or(""), "'pipelines'");
  EXPECT_NE(out.result.stdout_text.find(
                "\nError when trying to grab the relevant tests: 'pipelines'\n\nRunning all "
                "tests.\n"),
            std::string::npos);
  EXPECT_EQ(out.files["test_list.txt"], "tests");
  EXPECT_EQ(out.files["examples_test_list.txt"], "all");
  // get_all_tests: the folders under tests/ (lora and fixtures would be ignored).
  EXPECT_EQ(out.files["test_map.json"],
            "{\"models\": \"tests/models\", \"others\": \"tests/others\", \"repo_utils\": "
            "\"tests/repo_utils\", \"core_pipelines\": \"" +
                std::string(kCorePipelines) + "\"}");
}

TEST(FetcherRunTest, DocstringOnlyChangeSelectsNothing) {
  Files head = MiniDiffusers();
  std::string old = head[2].second;
  head[2].second = "import torch\n\n# A comment.\nclass UNet:\n    \"\"\"A better net.\"\"\"\n";
  Outcome out = RunOn(head, {Modified("src/diffusers/models/unet.py")},
                      {{"src/diffusers/models/unet.py", old}});
  EXPECT_EQ(out.result.stdout_text.substr(0, 156),
            "main is at HEAD\nParent commit: PARENT\n\n### DIFF ###\n\nIgnoring diff in "
            "src/diffusers/models/unet.py as it only concerns docstrings or comments.\n\n### "
            "MODIFIED");
  EXPECT_EQ(out.result.ignored_files, std::vector<std::string>{"src/diffusers/models/unet.py"});
  EXPECT_NE(out.result.stdout_text.find("No test file found.\n"), std::string::npos);
  EXPECT_EQ(out.result.fallback_reason.value_or(""),
            "[Errno 2] No such file or directory: 'test_map.json'");
  EXPECT_EQ(out.files["test_list.txt"], "tests");
}

TEST(FetcherRunTest, RenamesAddsAndDeletes) {
  Files head = MiniDiffusers();
  head.push_back({"tests/models/test_new.py", "import os\n"});
  git::TreeChange added;
  added.type = git::ChangeType::kAdded;
  added.new_path = "tests/models/test_new.py";
  git::TreeChange deleted;
  deleted.type = git::ChangeType::kDeleted;
  deleted.old_path = "tests/models/test_gone.py";
  git::TreeChange renamed;
  renamed.type = git::ChangeType::kRenamed;
  renamed.old_path = "docs/old.md";
  renamed.new_path = "tests/pipelines/foo/test_foo.py";
  git::TreeChange not_python = Modified("README.md");
  Outcome out = RunOn(head, {not_python, deleted, added, renamed});
  EXPECT_EQ(out.result.modified_files,
            (std::vector<std::string>{"tests/models/test_gone.py", "tests/models/test_new.py",
                                      "docs/old.md", "tests/pipelines/foo/test_foo.py"}));
  // The deleted test does not exist any more: it is dropped.
  EXPECT_EQ(out.files["test_list.txt"], "tests/models/test_new.py tests/pipelines/foo/test_foo.py");
}

TEST(FetcherRunTest, CommitMessageCommands) {
  Outcome skip = RunOn(MiniDiffusers(), {}, {}, "[skip ci] wip\n");
  EXPECT_EQ(skip.result.stdout_text, "Force-skipping the CI\n");
  EXPECT_TRUE(skip.result.skipped);
  EXPECT_TRUE(skip.files.empty());

  Outcome all = RunOn(MiniDiffusers(), {}, {}, "Big refactor [Test-All]\n");
  EXPECT_EQ(all.result.stdout_text, "Force-launching all tests\n" + std::string(kCoreList));
  EXPECT_EQ(all.files["test_list.txt"], "tests");

  EXPECT_TRUE(ParseCommitFlags("[no_filter]").no_filter);
  EXPECT_FALSE(ParseCommitFlags("[no  filter]").no_filter);  // "" is a word too
  EXPECT_TRUE(ParseCommitFlags("x [circleci-skip] [test all]").skip);
  EXPECT_FALSE(ParseCommitFlags("x [ci skip").skip);
  EXPECT_TRUE(ParseCommitFlags("[ [skip ci]").skip == false);  // "[ [skip ci" is the command
}

TEST(FetcherRunTest, MissingModuleRaisesTheReferencesKeyError) {
  Files head = MiniDiffusers();
  head[2].second = "from .missing import thing\n";
  Outcome out = RunOn(head, {Modified("src/diffusers/models/unet.py")},
                      {{"src/diffusers/models/unet.py", "x = 1\n"}});
  EXPECT_EQ(out.result.fallback_reason.value_or(""),
            "KeyError:src/diffusers/models/missing. From src/diffusers/__init__.py");
}

TEST(FetcherRunTest, InvalidUtf8RaisesTheReferencesDecodeError) {
  Files head = MiniDiffusers();
  head[11].second = "x = '\xff'\n";
  Outcome out = RunOn(head, {Modified("src/diffusers/models/unet.py")},
                      {{"src/diffusers/models/unet.py", "x = 1\n"}});
  EXPECT_EQ(out.result.fallback_reason.value_or(""),
            "'utf-8' codec can't decode byte 0xff in position 5: invalid start byte");
}

TEST(FetcherRunTest, JsonDumpEscapesLikePython) {
  EXPECT_EQ(DumpJsonObject({{"a", "b\"c\\d\n\x01\xc3\xa9"}}),
            "{\"a\": \"b\\\"c\\\\d\\n\\u0001\xc3\xa9\"}");
  EXPECT_EQ(DumpJsonObject({}), "{}");
  EXPECT_EQ(ExamplesListName("test_list.txt"), "examples_test_list.txt");
  EXPECT_EQ(ExamplesListName("out/list.txt"), "out/examples_test_list.txt");
  EXPECT_EQ(ExamplesListName("/list.txt"), "/examples_test_list.txt");
}

}  // namespace
}  // namespace kensa::select
