// Module naming: the dotted name Python gives a file, from its path and the directories
// imports are searched from (Layout::source_roots). "src/diffusers/models/unet.py" with roots
// {"src", ""} is "diffusers.models.unet"; a package's "__init__.py" is the package itself
// ("src/diffusers/__init__.py" -> "diffusers"). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kensa::project {

// The module name of `path` under the first root that contains it (the longest, so "src"
// wins over ""). Folder names are kept even when they are not identifiers.
std::string ModuleNameForPath(std::string_view path, const std::vector<std::string>& roots);

// True for ".../__init__.py" (and "__init__.py" at the root).
bool IsPackageInit(std::string_view path);

// True when every dotted part of `name` is a Python identifier (ASCII rules, plus any non-ASCII
// byte, which Python may accept).
bool IsDottedIdentifier(std::string_view name);

}  // namespace kensa::project
