#include "python/parser_file.h"

#include <utility>

#include "base/file_io.h"

namespace kensa::python {

ParsedFile ParseBytes(std::string_view bytes, ParseOptions options) {
  ParsedFile file;
  file.bytes = bytes.size();
  SyntaxError error;
  std::optional<Source> source = Source::Decode(bytes, &error);
  if (!source) {
    file.result.error = std::move(error);
    return file;
  }
  file.source = std::make_unique<Source>(std::move(*source));
  file.result = ParseModule(*file.source, options);
  return file;
}

ParsedFile ParseFile(const std::string& path, ParseOptions options) {
  std::string contents;
  std::string error;
  if (!ReadFile(path, &contents, &error)) {
    ParsedFile file;
    file.read_error = std::move(error);
    return file;
  }
  return ParseBytes(contents, options);
}

}  // namespace kensa::python
