// Reading whole files. Errors are values: a failed read says why, with the path, and never
// throws, so one unreadable file does not stop a run over thousands.
#pragma once

#include <string>

namespace kensa {

// Reads the file at `path` into *contents. On failure returns false and sets *error to
// "path: reason" (strerror).
bool ReadFile(const std::string& path, std::string* contents, std::string* error);

}  // namespace kensa
