// Google Benchmark for the front end's hot loops on real files from the installed standard
// library: the tokenizer alone, decoding, the parser on decoded text, and the whole
// bytes -> tree path. Files are read once before timing; bytes/s is source bytes.
//   build/bench_parser --benchmark_filter=Parse
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "python/parser.h"
#include "python/parser_file.h"
#include "python/source.h"
#include "python/tokenizer.h"

namespace {

using namespace kensa::python;

// A mix: annotations and classes, a big CLI module, every grammar construct, long strings.
constexpr const char* kFiles[] = {
    "/usr/lib/python3.11/typing.py",
    "/usr/lib/python3.11/argparse.py",
    "/usr/lib/python3.11/_pydecimal.py",
    "/usr/lib/python3.11/test/test_grammar.py",
    "/usr/lib/python3.11/pydoc_data/topics.py",
};

const std::string& Contents(int index) {
  static const std::vector<std::string> contents = [] {
    std::vector<std::string> all;
    for (const char* path : kFiles) {
      std::string text;
      std::string error;
      if (!kensa::ReadFile(path, &text, &error)) std::fprintf(stderr, "%s\n", error.c_str());
      all.push_back(std::move(text));
    }
    return all;
  }();
  return contents[index];
}

Source Decoded(benchmark::State& state) {
  SyntaxError error;
  std::optional<Source> source = Source::Decode(Contents(state.range(0)), &error);
  if (!source) {
    state.SkipWithError(error.message.c_str());
    return Source::FromUtf8("");
  }
  return std::move(*source);
}

void Label(benchmark::State& state) {
  const std::string& bytes = Contents(state.range(0));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  std::string path = kFiles[state.range(0)];
  state.SetLabel(path.substr(path.rfind('/') + 1));
}

void BM_Decode(benchmark::State& state) {
  for (auto _ : state) {
    SyntaxError error;
    benchmark::DoNotOptimize(Source::Decode(Contents(state.range(0)), &error));
  }
  Label(state);
}

void BM_Tokenize(benchmark::State& state) {
  Source source = Decoded(state);
  for (auto _ : state) {
    Tokenizer tokenizer(source);
    size_t count = 0;
    for (Token t = tokenizer.Next(); t.kind != TokenKind::kEndMarker && t.kind != TokenKind::kError;
         t = tokenizer.Next()) {
      ++count;
    }
    benchmark::DoNotOptimize(count);
  }
  Label(state);
}

void BM_Parse(benchmark::State& state) {
  Source source = Decoded(state);
  size_t arena = 0;
  for (auto _ : state) {
    ParsedModule parsed = ParseModule(source);
    if (parsed.error) state.SkipWithError(parsed.error->message.c_str());
    arena = parsed.arena.BytesUsed();
    benchmark::DoNotOptimize(parsed.module);
  }
  Label(state);
  state.counters["ast_bytes_per_source_byte"] =
      static_cast<double>(arena) / static_cast<double>(Contents(state.range(0)).size());
}

void BM_DecodeAndParse(benchmark::State& state) {
  for (auto _ : state) {
    ParsedFile parsed = ParseBytes(Contents(state.range(0)));
    benchmark::DoNotOptimize(parsed.result.module);
  }
  Label(state);
}

constexpr int kFileCount = static_cast<int>(std::size(kFiles));
BENCHMARK(BM_Decode)->DenseRange(0, kFileCount - 1);
BENCHMARK(BM_Tokenize)->DenseRange(0, kFileCount - 1);
BENCHMARK(BM_Parse)->DenseRange(0, kFileCount - 1);
BENCHMARK(BM_DecodeAndParse)->DenseRange(0, kFileCount - 1);

}  // namespace

BENCHMARK_MAIN();
