// FindFiles: the files a command should read, given the paths a user typed. Directories are
// walked recursively and contribute the files whose name ends with an extension; a path named
// explicitly is taken whatever its name. Symbolic links are followed, but each directory is
// entered at most once (identified by device and inode), so a link cycle cannot loop and a
// directory reached twice is not listed twice. Nothing is skipped silently: a path that cannot
// be examined (missing, permission denied, broken link) is returned with the reason, in its
// place in the sorted list. Stateless and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kensa {

struct FoundFile {
  std::string path;   // the root as given, joined with "/" and the names below it
  std::string error;  // empty, or why the path could not be examined (strerror text)
};

// Returns every file under `roots` (see above), sorted bytewise by path, without duplicates.
std::vector<FoundFile> FindFiles(const std::vector<std::string>& roots, std::string_view extension);

}  // namespace kensa
