// `kensa parse --check`: parse every Python file under some paths on all cores and report the
// ones CPython would reject. Files are read first and parsed second, so that --stats can give
// the parse throughput without I/O (what bench/parse_throughput.py compares with CPython's
// ast.parse over bytes already in memory). Only one file's tree is alive per thread at a time.
#pragma once

#include <string>
#include <vector>

#include "python/python_version.h"

namespace kensa::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  python::PythonVersion version = python::PythonVersion::k3_11;
  unsigned jobs = 0;  // 0: all cores
  bool stats = false;
  bool json = false;
};

// Prints the diagnostics (stdout: syntax errors; stderr: unreadable files and --stats) and
// returns the exit code: 1 if any file has a syntax error, else 2 if any could not be read,
// else 0.
int RunCheck(const CheckOptions& options);

}  // namespace kensa::cli
