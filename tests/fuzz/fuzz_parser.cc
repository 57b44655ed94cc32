// libFuzzer target over the whole Python front end: raw bytes -> Source::Decode ->
// ParseModule -> DumpAst, for both grammar versions. Beyond "no crash, no sanitizer report,
// no timeout", it checks the invariants callers rely on: a result has a tree or an error,
// never both or neither, and a tree always dumps.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "python/ast_dump.h"
#include "python/parser_file.h"

namespace {

void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz_parser: invariant violated: %s\n", what);
    std::abort();
  }
}

void ParseAndDump(std::string_view bytes, kensa::python::PythonVersion version) {
  using namespace kensa::python;
  ParsedFile parsed = ParseBytes(bytes, ParseOptions{.version = version});
  const ParsedModule& result = parsed.result;
  Require((result.module == nullptr) == result.error.has_value(),
          "exactly one of module and error is set");
  if (result.error) {
    Require(!result.error->message.empty() || result.error->type == SyntaxError::Type::kMemoryError,
            "an error has a message");
    return;
  }
  Require(parsed.source != nullptr, "a parsed module has its source");
  std::string dump = DumpAst(*result.module, *parsed.source, DumpOptions{.version = version});
  Require(dump.starts_with("Module(body=["), "the dump is a Module");
}

}  // namespace

// UBSan reports are fatal, so that libFuzzer records them as crashes.
extern "C" const char* __ubsan_default_options() {
  return "halt_on_error=1:print_stacktrace=1";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ParseAndDump(bytes, kensa::python::PythonVersion::k3_11);
  ParseAndDump(bytes, kensa::python::PythonVersion::k3_12);
  return 0;
}
