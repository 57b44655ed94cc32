# kensa's entry points. `make run` and `make test` do all the set-up on a fresh Debian 12
# machine (packages through scripts/install-deps, then the build).
.PHONY: all deps build run test asan fuzz bench format clean

JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
STDLIB ?= /usr/lib/python3.11

all: build

deps:
	@scripts/install-deps

# Release build; the executable is $(BUILD)/kensa.
build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DKENSA_TESTS=OFF >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled example (examples/minidiff, see scripts/run-example): the
# pull-request checks on a branch, a few questions about the code, then the parser over the
# Python standard library.
run: build
	STDLIB=$(STDLIB) scripts/run-example $(BUILD)/kensa $(BUILD)/example

# Every test, built with AddressSanitizer and UndefinedBehaviorSanitizer, through ctest.
test: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKENSA_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# The libFuzzer target over the tokenizer and parser, for FUZZ_SECONDS seconds.
fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKENSA_FUZZ=ON \
	  -DCMAKE_CXX_COMPILER=clang++ >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_parser
	@mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_BUILD)/fuzz_parser $(FUZZ_BUILD)/corpus tests/fuzz/seeds \
	  -dict=tests/fuzz/python.dict -max_total_time=$(FUZZ_SECONDS) -timeout=1 \
	  -rss_limit_mb=2048 -print_final_stats=1

# Every benchmark in bench/ against its reference, measured in the same run: one table of
# figures, ratios and targets (docs/benchmarks.md). BENCH_FLAGS=--quick for fewer runs.
bench: build
	@cmake -S . -B $(BUILD) -DKENSA_BENCH=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	/usr/bin/python3 bench/run_all.py --kensa $(BUILD)/kensa --stdlib $(STDLIB) $(BENCH_FLAGS)

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
