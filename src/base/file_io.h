// Reading whole files. Errors are values: a failed read says why, with the path, and never
// throws, so one unreadable file does not stop a run over thousands.
#pragma once

#include <string>
#include <string_view>

namespace kensa {

// Reads the file at `path` into *contents. On failure returns false and sets *error to
// "path: reason" (strerror).
bool ReadFile(const std::string& path, std::string* contents, std::string* error);

// Writes `data` to `path` through a temporary file in the same directory renamed over it, so
// readers see the old or the new contents, never half of them; creates the directory. On
// failure returns false and sets *error to "path: reason" (the temporary file is removed). A
// file replaced keeps its permission bits; a path that is not a regular file (/dev/null,
// /dev/stdout, a FIFO) is written to in place, never replaced.
bool WriteFileAtomically(const std::string& path, std::string_view data, std::string* error);

// Creates `dir` and its missing parents (mode 0755, as mkdir -p). On failure returns false and
// sets *error to "dir: reason" (or leaves it empty when a parent is not a directory).
bool MakeDirectories(const std::string& dir, std::string* error);

// Creates (or truncates) the file at `path` and writes `contents` to it: no temporary file, no
// fsync, for files nobody else can see yet (a private temporary folder). Anything a user may be
// reading goes through WriteFileAtomically. On failure returns false and sets *error to
// "path: reason".
bool WriteFile(const std::string& path, std::string_view contents, std::string* error);

}  // namespace kensa
