// token_dump: prints kensa's token stream for Python files, one token per line, for the
// differential test against CPython's tokenize module (tests/differential/tokens.py).
//
//   token_dump [--bench] FILE...
// For each file: "== FILE", then "KIND line:col-line:col" per token (lines 1-based, columns
// in UTF-8 bytes), ending with ENDMARKER or "ERROR Type line:offset message". --bench only
// tokenizes and prints the throughput.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "base/file_io.h"
#include "python/source.h"
#include "python/syntax_error.h"
#include "python/tokenizer.h"

using kensa::python::Source;
using kensa::python::SyntaxError;
using kensa::python::Token;
using kensa::python::Tokenizer;
using kensa::python::TokenKind;

namespace {

void PrintError(const SyntaxError& e) {
  std::printf("ERROR %s %u:%u-%u:%u %s\n", e.TypeName(), e.line, e.offset, e.end_line, e.end_offset,
              e.message.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  bool bench = false;
  size_t bytes = 0, tokens = 0;
  double seconds = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--bench") == 0) {
      bench = true;
      continue;
    }
    std::string data, read_error;
    if (!kensa::ReadFile(argv[i], &data, &read_error)) {
      std::fprintf(stderr, "%s\n", read_error.c_str());
      return 2;
    }
    if (!bench) std::printf("== %s\n", argv[i]);
    SyntaxError error;
    std::optional<Source> source = Source::Decode(data, &error);
    if (!source) {
      if (!bench) PrintError(error);
      continue;
    }
    auto t0 = std::chrono::steady_clock::now();
    Tokenizer tokenizer(*source);
    for (;;) {
      Token t = tokenizer.Next();
      ++tokens;
      if (!bench) {
        if (t.kind == TokenKind::kError) {
          PrintError(*tokenizer.error());
          break;
        }
        auto b = source->Locate(t.begin);
        auto e = source->Locate(t.end);
        std::string_view name = kensa::python::TokenKindName(t.kind);
        std::printf("%.*s %u:%u-%u:%u\n", static_cast<int>(name.size()), name.data(), b.line,
                    b.column, e.line, e.column);
      }
      if (t.kind == TokenKind::kEndMarker || t.kind == TokenKind::kError) break;
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    bytes += source->text().size();
  }
  if (bench) {
    std::printf("%zu bytes, %zu tokens, %.3f s, %.1f MB/s\n", bytes, tokens, seconds,
                bytes / 1e6 / seconds);
  }
  return 0;
}
