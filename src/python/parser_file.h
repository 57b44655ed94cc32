// ParseFile / ParseBytes: one Python file from disk (or its bytes) to a tree, the way
// `ast.parse(open(path, "rb").read())` does it: read, decode (BOM, coding cookie), parse.
// Every failure is a value: a read failure in read_error, a decoding or syntax error in
// result.error (the two never come together).
//
// The Source lives on the heap so that the tree's string_views into it stay valid while the
// ParsedFile is moved around (into a vector, across threads). Thread-safe: calls are
// independent; a ParsedFile belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "python/parser.h"
#include "python/source.h"

namespace kensa::python {

struct ParsedFile {
  std::string read_error;          // "path: reason" when the file could not be read
  size_t bytes = 0;                // size of the raw file
  std::unique_ptr<Source> source;  // null when reading or decoding failed
  ParsedModule result;             // result.module null when result.error is set

  bool ok() const { return read_error.empty() && result.module != nullptr; }
};

// Reads the file at `path` and parses it.
ParsedFile ParseFile(const std::string& path, ParseOptions options = {});

// Parses raw file contents already in memory (tests, fuzzing, benchmarks that exclude I/O).
ParsedFile ParseBytes(std::string_view bytes, ParseOptions options = {});

}  // namespace kensa::python
