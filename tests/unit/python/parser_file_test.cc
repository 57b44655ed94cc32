#include "python/parser_file.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "python/ast_dump.h"

namespace kensa::python {
namespace {

TEST(ParserFileTest, MissingFileIsAReadError) {
  ParsedFile file = ParseFile("/nonexistent/kensa/x.py");
  EXPECT_EQ(file.read_error, "/nonexistent/kensa/x.py: No such file or directory");
  EXPECT_FALSE(file.result.error.has_value());
  EXPECT_EQ(file.result.module, nullptr);
  EXPECT_FALSE(file.ok());
}

TEST(ParserFileTest, DecodingErrorIsASyntaxErrorWithoutSource) {
  // As CPython: ast.parse(b"# coding: foo\nx = 1\n") -> SyntaxError: unknown encoding: foo
  ParsedFile file = ParseBytes("# coding: foo\nx = 1\n");
  ASSERT_TRUE(file.result.error.has_value());
  EXPECT_EQ(file.result.error->type, SyntaxError::Type::kSyntaxError);
  EXPECT_EQ(file.result.error->message, "unknown encoding: foo");
  EXPECT_EQ(file.result.module, nullptr);
  EXPECT_EQ(file.source, nullptr);
  EXPECT_TRUE(file.read_error.empty());
}

TEST(ParserFileTest, InvalidUtf8InALiteralIsASyntaxError) {
  // ast.parse(b"x = '\xff'\n") -> (unicode error) 'utf-8' codec can't decode byte 0xff ...
  ParsedFile file = ParseBytes("x = '\xff'\n");
  ASSERT_TRUE(file.result.error.has_value());
  EXPECT_EQ(file.result.error->message,
            "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start "
            "byte");
  EXPECT_EQ(file.result.module, nullptr);
}

TEST(ParserFileTest, ParsesAndDumpsLikeCPython) {
  // python3 -c 'import ast; print(ast.dump(ast.parse(b"x = 1\n"), include_attributes=True))'
  ParsedFile file = ParseBytes("x = 1\n");
  ASSERT_TRUE(file.ok()) << file.result.error->message;
  EXPECT_EQ(file.bytes, 6u);
  EXPECT_EQ(DumpAst(*file.result.module, *file.source),
            "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, "
            "end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, "
            "end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, "
            "end_col_offset=5)], type_ignores=[])");
}

TEST(ParserFileTest, TreeSurvivesMovesOfTheResult) {
  // Short sources live in std::string's inline buffer; the tree must not point there.
  std::vector<ParsedFile> files;
  std::vector<std::string> dumps;
  for (const char* text : {"a = 'b'\n", "def f(x): return x\n", "import os\n"}) {
    ParsedFile file = ParseBytes(text);
    ASSERT_TRUE(file.ok());
    dumps.push_back(DumpAst(*file.result.module, *file.source));
    files.push_back(std::move(file));
  }
  files.reserve(100);  // force the vector to move its elements
  for (size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(DumpAst(*files[i].result.module, *files[i].source), dumps[i]);
  }
}

TEST(ParserFileTest, VersionIsPassedToTheParser) {
  EXPECT_TRUE(ParseBytes("type X = int\n").result.error.has_value());
  EXPECT_TRUE(ParseBytes("type X = int\n", ParseOptions{.version = PythonVersion::k3_12}).ok());
}

}  // namespace
}  // namespace kensa::python
