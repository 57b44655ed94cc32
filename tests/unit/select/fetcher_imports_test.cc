// The regex import map of tests_fetcher.py: hand-checked cases, and random texts compared with
// Python's own `re` (the oracle, /usr/bin/python3) running the reference's four patterns.
#include "select/fetcher_imports.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "select/snapshot.h"

namespace kensa::select {
namespace {

std::vector<FetcherImport> Extract(const Snapshot& repo, const std::string& module,
                                   const std::string& text) {
  FetcherImportScanner scanner("diffusers");
  return scanner.Extract(module, text, repo);
}

Snapshot SmallRepo() {
  return Snapshot::FromMemory({
      {"src/diffusers/__init__.py", ""},
      {"src/diffusers/utils/__init__.py", ""},
      {"src/diffusers/utils/torch_utils.py", ""},
      {"src/diffusers/models/__init__.py", ""},
      {"src/diffusers/models/unet.py", ""},
      {"tests/testing_utils.py", ""},
      {"tests/models/test_unet.py", ""},
  });
}

TEST(FetcherImportsTest, RelativeAndDirectImports) {
  Snapshot repo = SmallRepo();
  std::vector<FetcherImport> got = Extract(repo, "src/diffusers/models/unet.py",
                                           "from ..utils import torch_utils, deprecate\n"
                                           "from .unet import (\n    A,\n    B,\n)\n"
                                           "from diffusers.models import unet\n"
                                           "from diffusers import (\n  UNet,\n)\n");
  std::vector<FetcherImport> want = {
      {"src/diffusers/utils/__init__.py", {"torch_utils", "deprecate"}},
      {"src/diffusers/models/unet.py", {"A", "B"}},
      {"src/diffusers/models/__init__.py", {"unet"}},
      {"src/diffusers/__init__.py", {"UNet"}},
  };
  EXPECT_EQ(got, want);
}

TEST(FetcherImportsTest, ReferenceQuirks) {
  Snapshot repo = SmallRepo();
  // `from . import x` is invisible (the module group needs two characters); docstrings are
  // removed first; "# tests_ignore" drops a line; names must be plain identifiers; the last
  // line needs a newline after it; an unknown module is kept as a bare path.
  std::vector<FetcherImport> got = Extract(repo, "tests/models/test_unet.py",
                                           "from . import sibling\n"
                                           "\"\"\"\nfrom ..testing_utils import hidden\n\"\"\"\n"
                                           "from ..testing_utils import a  # tests_ignore\n"
                                           "from ..testing_utils import b as c, d.e, f\n"
                                           "from ..missing import g\n"
                                           "from ..testing_utils import last");
  std::vector<FetcherImport> want = {
      {"tests/testing_utils.py", {"f"}},
      {"tests/missing", {"g"}},
  };
  EXPECT_EQ(got, want);
}

TEST(FetcherImportsTest, TooManyDotsSliceLikePython) {
  Snapshot repo = SmallRepo();
  // module_parts[: len - level] with a negative stop counts from the end.
  std::vector<FetcherImport> got =
      Extract(repo, "tests/models/test_unet.py", "from ....src.diffusers.models.unet import X\n");
  // parts = [tests, models, test_unet.py], level 4: [:-1] = [tests, models].
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].module_file, "tests/models/src/diffusers/models/unet");
}

// Python's findall over the reference's patterns, filtered as extract_imports filters them.
std::string OracleScan(const std::vector<std::string>& texts) {
  std::string script = R"PY(
import re, sys, json
pats = [
 re.compile(r"(?:^|\n)\s*from\s+(\.+\S+)\s+import\s+([^\n]+)(?=\n)"),
 re.compile(r"(?:^|\n)\s*from\s+(\.+\S+)\s+import\s+\(([^\)]+)\)"),
 re.compile(r"(?:^|\n)\s*from\s+diffusers(\S*)\s+import\s+([^\n]+)(?=\n)"),
 re.compile(r"(?:^|\n)\s*from\s+diffusers(\S*)\s+import\s+\(([^\)]+)\)"),
]
out = []
for text in json.load(sys.stdin):
    found = []
    for i, p in enumerate(pats):
        for mod, imp in p.findall(text):
            if "# tests_ignore" in imp: continue
            if i % 2 == 0 and imp.strip() == "(": continue
            found.append([mod, imp])
    out.append(found)
print(json.dumps(out))
)PY";
  char path[] = "/tmp/kensa_scan_XXXXXX";
  int fd = mkstemp(path);
  FILE* f = fdopen(fd, "wb");
  std::string json = "[";
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) json += ",";
    json += "\"";
    for (unsigned char c : texts[i]) {
      char buffer[8];
      if (c == '"' || c == '\\') {
        json += '\\';
        json += static_cast<char>(c);
      } else if (c < 0x20) {
        std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
        json += buffer;
      } else {
        json += static_cast<char>(c);
      }
    }
    json += "\"";
  }
  json += "]";
  fwrite(json.data(), 1, json.size(), f);
  fclose(f);
  char script_path[] = "/tmp/kensa_scan_py_XXXXXX";
  int sfd = mkstemp(script_path);
  FILE* sf = fdopen(sfd, "wb");
  fwrite(script.data(), 1, script.size(), sf);
  fclose(sf);
  std::string command = std::string("/usr/bin/python3 ") + script_path + " < " + path;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  std::remove(path);
  std::remove(script_path);
  return out;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    char buffer[8];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c < 0x20) {
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

TEST(FetcherImportsTest, RandomTextsMatchPythonRe) {
  // Statements built from parts that exercise the patterns' edges: whitespace of every kind
  // (newlines and Unicode spaces included) between the words, odd module and name texts,
  // parentheses, comments, the package name as a prefix of another; plus random noise.
  const std::vector<std::string> spaces = {
      " ", "  ", "\n", "\n\n", "\t", "\xc2\xa0", "\xe3\x80\x80", "\x0c", "\x1c", "", "\r"};
  const std::vector<std::string> modules = {
      ".a",          "..b.c", ".",   "..",  "diffusers",    "diffusers.models",
      "diffusers_x", "x",     ".(a", ".a,", "diffusers.a.b"};
  const std::vector<std::string> names = {
      "a", "a, b", "(a,\n b)", "(\n",        "a # tests_ignore", "(a",     "a)",
      "",  "  ",   "(a, b)",   "(\n  a,\n)", "a as b",           "\"\"\"", "(a # tests_ignore\n)"};
  const std::vector<std::string> noise = {"x = 1",  "#", "\"\"\"", "fromage",
                                          "import", "(", ")",      "from"};
  std::mt19937 rng(42);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  std::vector<std::string> texts;
  for (int i = 0; i < 500; ++i) {
    std::string t;
    int statements = 1 + static_cast<int>(rng() % 5);
    for (int k = 0; k < statements; ++k) {
      if (rng() % 4 == 0) t += pick(noise);
      t += pick(spaces) + (rng() % 8 == 0 ? "" : "\n") + pick(spaces);
      t += "from" + pick(spaces) + " " + pick(modules) + pick(spaces) + (rng() % 6 ? " " : "");
      t += "import" + pick(spaces) + (rng() % 6 ? " " : "") + pick(names);
      if (rng() % 5) t += "\n";
    }
    texts.push_back(t);
  }
  // Some realistic ones too.
  texts.push_back("from .a import b\nfrom .c import (d,\n e)\nfrom diffusers.x import y\n");
  texts.push_back("  from  .a  import  b  \n\n   from diffusers import (\n)\n");
  std::string expected = OracleScan(texts);
  FetcherImportScanner scanner("diffusers");
  std::string actual = "[";
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) actual += ", ";
    actual += "[";
    std::vector<RawFetcherImport> found = scanner.Scan(texts[i]);
    for (size_t k = 0; k < found.size(); ++k) {
      if (k > 0) actual += ", ";
      actual += "[" + JsonString(found[k].module) + ", " + JsonString(found[k].names) + "]";
    }
    actual += "]";
  }
  actual += "]\n";
  // json.dumps escapes non-ASCII; compare after decoding both sides' escapes is overkill:
  // the oracle output is ASCII with \uXXXX, so render ours the same way.
  std::string ascii;
  for (size_t i = 0; i < actual.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(actual[i]);
    if (c < 0x80) {
      ascii += static_cast<char>(c);
      continue;
    }
    uint32_t cp;
    int len;
    if (c >= 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else {
      cp = c & 0x1F;
      len = 2;
    }
    for (int k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(actual[i + k]) & 0x3F);
    i += static_cast<size_t>(len - 1);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", cp);
    ascii += buffer;
  }
  EXPECT_EQ(ascii, expected);
  // The texts must exercise the patterns, not just miss them.
  size_t matches = 0;
  for (size_t pos = 0; (pos = expected.find("[\"", pos)) != std::string::npos; ++pos) ++matches;
  EXPECT_GT(matches, 300u);
}

}  // namespace
}  // namespace kensa::select
