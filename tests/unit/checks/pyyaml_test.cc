// LoadPyYaml / DumpPyYaml against what PyYAML 6 (yaml.safe_load, yaml.dump(allow_unicode=True))
// gives for the same input; the expected texts were produced by PyYAML itself.
#include "checks/pyyaml.h"

#include <gtest/gtest.h>

#include <string>

namespace kensa::checks {
namespace {

std::string RoundTrip(const std::string& yaml) {
  std::string error;
  std::optional<PyYamlValue> v = LoadPyYaml(yaml, &error);
  EXPECT_TRUE(v.has_value()) << error;
  if (!v) return "";
  std::optional<std::string> out = DumpPyYaml(*v, &error);
  EXPECT_TRUE(out.has_value()) << error;
  return out.value_or("");
}

TEST(PyYamlTest, ScalarsArePlainOrQuotedAsPyYamlDecides) {
  std::string in =
      "- title: 'yes'\n- title: \"a: b\"\n- title: \"'q\"\n- title: '1.0'\n- title: Ünï\n"
      "- title: '- x'\n- title: 'x #y'\n- title: Diffusers' Ethical Guidelines\n";
  EXPECT_EQ(RoundTrip(in),
            "- title: 'yes'\n- title: 'a: b'\n- title: '''q'\n- title: '1.0'\n- title: Ünï\n"
            "- title: '- x'\n- title: 'x #y'\n- title: Diffusers' Ethical Guidelines\n");
}

TEST(PyYamlTest, KeysAreSortedAndSequencesIndentless) {
  EXPECT_EQ(RoundTrip("- title: T\n  sections:\n    - title: A\n      local: a\n  isExpanded: no\n"
                      "- {title: '', f: {}, e: []}\n"),
            "- isExpanded: false\n  sections:\n  - local: a\n    title: A\n  title: T\n"
            "- e: []\n  f: {}\n  title: ''\n");
}

TEST(PyYamlTest, LongPlainScalarsFoldPast80Columns) {
  std::string words;
  for (int i = 0; i < 25; ++i) words += "word ";
  words += "end";
  EXPECT_EQ(RoundTrip("- sections:\n  - local: x\n    title: " + words + "\n"),
            "- sections:\n  - local: x\n    title: word word word word word word word word word "
            "word word word word word word\n      word word word word word word word word word "
            "word end\n");
}

TEST(PyYamlTest, PlainScalarsResolveAsYaml11) {
  std::string error;
  std::optional<PyYamlValue> v = LoadPyYaml("a: on\nb: ~\nc: '~'\nd: 0x1F\n", &error);
  ASSERT_TRUE(v) << error;
  EXPECT_EQ(v->Find("a")->kind, PyYamlValue::Kind::kBool);
  EXPECT_TRUE(v->Find("a")->boolean);
  EXPECT_EQ(v->Find("b")->kind, PyYamlValue::Kind::kNull);
  EXPECT_EQ(v->Find("c")->kind, PyYamlValue::Kind::kStr);
  EXPECT_EQ(v->Find("d")->kind, PyYamlValue::Kind::kInt);
  // 0x1F would be dumped as 31: kensa says it cannot reproduce that instead of guessing.
  EXPECT_FALSE(DumpPyYaml(*v, &error));
  EXPECT_NE(error.find("0x1F"), std::string::npos) << error;
}

}  // namespace
}  // namespace kensa::checks
