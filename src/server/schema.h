// Building the tools' JSON Schemas (draft 2020-12, as MCP asks): a few helpers so each tool's
// schema reads as a list of its arguments and result fields.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "render/json.h"

namespace kensa::server::schema {

using render::Json;

// A non-empty string argument of at most `max_length` bytes.
Json String(const std::string& description, size_t max_length = 4096);
Json Enum(const std::string& description, std::initializer_list<const char*> values,
          const char* default_value);
Json Integer(const std::string& description, int64_t minimum, int64_t maximum,
             int64_t default_value);
Json Boolean(const std::string& description, bool default_value);
// An array of distinct names out of `values` (at most all of them), without a default.
Json NameList(const std::string& description, const std::vector<std::string>& values);
// An object of `properties` whose `required` ones must be given and nothing else may be.
Json Input(std::initializer_list<std::pair<const char*, Json>> properties,
           std::initializer_list<const char*> required);

// Result shapes: "type" only, for the fields an agent relies on; more fields may follow.
Json Object(std::initializer_list<std::pair<const char*, Json>> properties,
            std::initializer_list<const char*> required = {});
Json ArrayOf(Json items);
Json Of(const char* type);  // {"type": type}
// file, line, column: where something is.
Json Location();
// A definition (render::MatchJson).
Json Definition();
// A call (render::HopJson).
Json Call();

}  // namespace kensa::server::schema
