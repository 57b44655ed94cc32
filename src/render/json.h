// The JSON document type of render/: ordered, so objects keep the order their keys were set in
// (the CLI's --json output has always listed them in a fixed, readable order).
#pragma once

#include <nlohmann/json.hpp>

namespace kensa::render {

using Json = nlohmann::ordered_json;

}  // namespace kensa::render
