#include "server/schema_check.h"

#include <cmath>

namespace kensa::server {

using render::Json;

namespace {

bool CheckArray(const std::string& name, const Json& schema, const Json& value, std::string* error);

bool CheckValue(const std::string& name, const Json& schema, const Json& value,
                std::string* error) {
  const std::string type = schema.value("type", "");
  if (type == "string") {
    if (!value.is_string()) {
      *error = "argument '" + name + "' must be a string";
      return false;
    }
    size_t length = value.get_ref<const std::string&>().size();
    if (schema.contains("minLength") && length < schema["minLength"].get<size_t>()) {
      *error = "argument '" + name + "' must not be empty";
      return false;
    }
    if (schema.contains("maxLength") && length > schema["maxLength"].get<size_t>()) {
      *error = "argument '" + name + "' is longer than " +
               std::to_string(schema["maxLength"].get<size_t>()) + " bytes";
      return false;
    }
    if (schema.contains("enum")) {
      for (const Json& allowed : schema["enum"]) {
        if (allowed == value) return true;
      }
      *error = "argument '" + name + "' must be one of " + schema["enum"].dump();
      return false;
    }
    return true;
  }
  if (type == "integer") {
    // JSON has one number type: 3.0 is an integer, 3.5 is not.
    bool integral = value.is_number_integer() || value.is_number_unsigned();
    if (value.is_number_float()) {
      double d = value.get<double>();
      integral = std::isfinite(d) && std::fabs(d) < 9e15 && d == std::floor(d);
    }
    if (!integral) {
      *error = "argument '" + name + "' must be an integer";
      return false;
    }
    double v = value.get<double>();
    if ((schema.contains("minimum") && v < schema["minimum"].get<double>()) ||
        (schema.contains("maximum") && v > schema["maximum"].get<double>())) {
      *error = "argument '" + name + "' must be between " + schema["minimum"].dump() + " and " +
               schema["maximum"].dump();
      return false;
    }
    return true;
  }
  if (type == "boolean") {
    if (!value.is_boolean()) {
      *error = "argument '" + name + "' must be true or false";
      return false;
    }
    return true;
  }
  if (type == "array") return CheckArray(name, schema, value, error);
  return true;
}

// Each item against `items` (named NAME[i] in errors), at most maxItems of them.
bool CheckArray(const std::string& name, const Json& schema, const Json& value,
                std::string* error) {
  if (!value.is_array()) {
    *error = "argument '" + name + "' must be an array";
    return false;
  }
  if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>()) {
    *error = "argument '" + name + "' has more than " + schema["maxItems"].dump() + " items";
    return false;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    if (!CheckValue(name + "[" + std::to_string(i) + "]", schema["items"], value[i], error)) {
      return false;
    }
    for (size_t j = 0; schema.value("uniqueItems", false) && j < i; ++j) {
      if (value[j] == value[i]) {
        *error = "argument '" + name + "' names " + value[i].dump() + " twice";
        return false;
      }
    }
  }
  return true;
}

}  // namespace

Json CheckArguments(const Json& schema, const Json& arguments, std::string* error) {
  error->clear();
  if (!arguments.is_object()) {
    *error = "arguments must be an object";
    return Json::object();
  }
  const Json& properties = schema["properties"];
  Json out = Json::object();
  for (const auto& [key, value] : arguments.items()) {
    if (!properties.contains(key)) {
      *error = "unknown argument '" + key + "'";
      return out;
    }
    if (!CheckValue(key, properties[key], value, error)) return out;
    // Integers given as 3.0 are stored as integers, so a tool can read them as one.
    if (properties[key].value("type", "") == "integer") {
      // In range: every integer property has a minimum and a maximum, checked above.
      out[key] = static_cast<int64_t>(value.get<double>());
    } else {
      out[key] = value;
    }
  }
  if (schema.contains("required")) {
    for (const Json& r : schema["required"]) {
      if (!out.contains(r.get<std::string>())) {
        *error = "missing argument '" + r.get<std::string>() + "'";
        return out;
      }
    }
  }
  for (const auto& [key, property] : properties.items()) {
    if (!out.contains(key) && property.contains("default")) out[key] = property["default"];
  }
  return out;
}

}  // namespace kensa::server
