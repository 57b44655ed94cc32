// Checks tool arguments against the small part of JSON Schema kensa's input schemas use:
// "type" (object, string, integer, boolean), "properties", "required",
// "additionalProperties": false, "minimum"/"maximum", "minLength"/"maxLength" and "enum".
// Defaults are filled in, so a tool reads every optional argument from the result.
#pragma once

#include <string>

#include "render/json.h"

namespace kensa::server {

// The arguments with defaults added, or "" in *error with why they do not fit.
render::Json CheckArguments(const render::Json& schema, const render::Json& arguments,
                            std::string* error);

}  // namespace kensa::server
