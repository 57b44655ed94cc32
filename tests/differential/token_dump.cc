// token_dump: prints kensa's token stream for Python files, one token per line, for the
// differential test against CPython's tokenize module (tests/differential/tokens.py).
//
//   token_dump [--bench] [--3.12] FILE...
// For each file: "== FILE", then "KIND line:col-line:col" per token (lines 1-based, columns
// in UTF-8 bytes), ending with ENDMARKER or "ERROR Type line:offset message". --bench only
// tokenizes (all files, ten times over, after reading and decoding them) and prints the best
// pass's throughput.
#include <time.h>
#include <algorithm>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

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

// CPU time of this thread: steadier than wall time on a shared machine.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

// Tokenizes every source `passes` times and prints the best pass's throughput.
int Bench(const std::vector<Source>& sources, int passes) {
  size_t bytes = 0, tokens = 0;
  for (const Source& source : sources) bytes += source.text().size();
  double best = 1e30;
  for (int pass = 0; pass < passes; ++pass) {
    tokens = 0;
    double t0 = CpuSeconds();
    for (const Source& source : sources) {
      Tokenizer tokenizer(source);
      for (;;) {
        Token t = tokenizer.Next();
        ++tokens;
        if (t.kind == TokenKind::kEndMarker || t.kind == TokenKind::kError) break;
      }
    }
    best = std::min(best, CpuSeconds() - t0);
  }
  std::printf("%zu files, %zu bytes, %zu tokens, best of %d: %.4f s, %.1f MB/s\n", sources.size(),
              bytes, tokens, passes, best, bytes / 1e6 / best);
  return 0;
}

int main(int argc, char** argv) {
  bool bench = false;
  kensa::python::TokenizerOptions options;
  std::vector<Source> sources;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--bench") == 0) {
      bench = true;
      continue;
    }
    if (std::strcmp(argv[i], "--3.12") == 0) {
      options.version = kensa::python::PythonVersion::k3_12;
      continue;
    }
    std::string data, read_error;
    if (!kensa::ReadFile(argv[i], &data, &read_error)) {
      std::fprintf(stderr, "%s\n", read_error.c_str());
      return 2;
    }
    SyntaxError error;
    std::optional<Source> source = Source::Decode(data, &error);
    if (bench) {
      if (source) sources.push_back(std::move(*source));
      continue;
    }
    std::printf("== %s\n", argv[i]);
    if (!source) {
      PrintError(error);
      continue;
    }
    Tokenizer tokenizer(*source, options);
    for (;;) {
      Token t = tokenizer.Next();
      if (t.kind == TokenKind::kError) {
        PrintError(*tokenizer.error());
        break;
      }
      auto b = source->Locate(t.begin);
      auto e = source->Locate(t.end);
      std::string_view name = kensa::python::TokenKindName(t.kind);
      std::printf("%.*s %u:%u-%u:%u\n", static_cast<int>(name.size()), name.data(), b.line,
                  b.column, e.line, e.column);
      if (t.kind == TokenKind::kEndMarker) break;
    }
  }
  return bench ? Bench(sources, 10) : 0;
}
