#include "cli/parse_output.h"

#include <fmt/format.h>

namespace kensa::cli {

std::string FormatSyntaxError(std::string_view path, const python::SyntaxError& error) {
  return fmt::format("{}:{}:{}: {}: {}", path, error.line, error.PythonOffset(), error.TypeName(),
                     error.message);
}

std::string FormatIoError(std::string_view path, std::string_view reason) {
  return fmt::format("{}: error: {}", path, reason);
}

nlohmann::json SyntaxErrorJson(std::string_view path, const python::SyntaxError& error) {
  return {
      {"path", path},
      {"type", error.TypeName()},
      {"message", error.message},
      {"line", error.line},
      {"offset", error.PythonOffset()},
      {"end_line", error.end_line},
      {"end_offset", error.PythonEndOffset()},
  };
}

std::string_view ReasonOf(std::string_view read_error, std::string_view path) {
  if (read_error.size() > path.size() + 2 && read_error.substr(0, path.size()) == path &&
      read_error.substr(path.size(), 2) == ": ") {
    return read_error.substr(path.size() + 2);
  }
  return read_error;
}

}  // namespace kensa::cli
