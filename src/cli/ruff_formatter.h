// RuffFormatter: the SnippetFormatter the CLI hands to checks — it writes every snippet of a
// batch to its own file in a fresh temporary directory and starts the formatter once for all
// of them (`ruff format --config pyproject.toml <files>` from the project root by default, or
// the user's --formatter command with the files appended), then reads the files back. A
// snippet the formatter rejects (its path is named in the formatter's error output) formats
// to "", which is what a script reading `ruff format -`'s stdout gets. Not thread-safe.
#pragma once

#include <string>
#include <vector>

#include "checks/snippet_formatter.h"

namespace kensa::cli {

class RuffFormatter : public checks::SnippetFormatter {
 public:
  // `command`: the program and its leading arguments; `working_directory`: where it runs.
  RuffFormatter(std::vector<std::string> command, std::string working_directory)
      : command_(std::move(command)), working_directory_(std::move(working_directory)) {}

  // The default command: ruff format with the project's pyproject.toml, as the reference runs it.
  static std::vector<std::string> DefaultCommand();
  // Splits a --formatter value at spaces.
  static std::vector<std::string> ParseCommand(const std::string& text);

  bool FormatBatch(const std::vector<std::string>& snippets, std::vector<std::string>* formatted,
                   std::string* error) override;

 private:
  std::vector<std::string> command_;
  std::string working_directory_;
};

}  // namespace kensa::cli
