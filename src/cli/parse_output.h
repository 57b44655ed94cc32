// How the parse command words its results: the one-line diagnostics that editors and CI logs
// understand ("path:line:col: Type: message") and their JSON form. Pure functions of the
// results; no I/O. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "python/syntax_error.h"

namespace kensa::cli {

// "path:line:col: SyntaxError: message", col being CPython's 1-based offset (0: none).
std::string FormatSyntaxError(std::string_view path, const python::SyntaxError& error);

// "path: error: reason" for a file that could not be read or found.
std::string FormatIoError(std::string_view path, std::string_view reason);

// {"path", "type", "message", "line", "offset", "end_line", "end_offset"}.
nlohmann::json SyntaxErrorJson(std::string_view path, const python::SyntaxError& error);

// ReadFile reports "path: reason"; the reason alone, for FormatIoError.
std::string_view ReasonOf(std::string_view read_error, std::string_view path);

}  // namespace kensa::cli
