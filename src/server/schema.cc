#include "server/schema.h"

namespace kensa::server::schema {

Json String(const std::string& description, size_t max_length) {
  return Json{{"type", "string"},
              {"description", description},
              {"minLength", 1},
              {"maxLength", max_length}};
}

Json Enum(const std::string& description, std::initializer_list<const char*> values,
          const char* default_value) {
  Json list = Json::array();
  for (const char* v : values) list.push_back(v);
  return Json{
      {"type", "string"}, {"description", description}, {"enum", list}, {"default", default_value}};
}

Json Integer(const std::string& description, int64_t minimum, int64_t maximum,
             int64_t default_value) {
  return Json{{"type", "integer"},
              {"description", description},
              {"minimum", minimum},
              {"maximum", maximum},
              {"default", default_value}};
}

Json Boolean(const std::string& description, bool default_value) {
  return Json{{"type", "boolean"}, {"description", description}, {"default", default_value}};
}

Json NameList(const std::string& description, const std::vector<std::string>& values) {
  return Json{{"type", "array"},
              {"description", description},
              {"items", Json{{"type", "string"}, {"enum", values}}},
              {"uniqueItems", true},
              {"maxItems", values.size()}};
}

Json Input(std::initializer_list<std::pair<const char*, Json>> properties,
           std::initializer_list<const char*> required) {
  Json props = Json::object();
  for (const auto& [name, schema] : properties) props[name] = schema;
  Json req = Json::array();
  for (const char* r : required) req.push_back(r);
  return Json{{"type", "object"},
              {"properties", props},
              {"required", req},
              {"additionalProperties", false}};
}

Json Object(std::initializer_list<std::pair<const char*, Json>> properties,
            std::initializer_list<const char*> required) {
  Json props = Json::object();
  for (const auto& [name, schema] : properties) props[name] = schema;
  Json j = Json{{"type", "object"}, {"properties", props}};
  if (required.size() > 0) {
    Json req = Json::array();
    for (const char* r : required) req.push_back(r);
    j["required"] = req;
  }
  return j;
}

Json ArrayOf(Json items) {
  return Json{{"type", "array"}, {"items", std::move(items)}};
}

Json Of(const char* type) {
  return Json{{"type", type}};
}

Json Location() {
  return Object({{"file", Of("string")}, {"line", Of("integer")}, {"column", Of("integer")}},
                {"file", "line"});
}

Json Definition() {
  return Object({{"name", Of("string")},
                 {"kind", Of("string")},
                 {"file", Of("string")},
                 {"line", Of("integer")},
                 {"column", Of("integer")},
                 {"first_line", Of("integer")},
                 {"end_line", Of("integer")},
                 {"via", ArrayOf(Object({{"how", Of("string")},
                                         {"file", Of("string")},
                                         {"line", Of("integer")},
                                         {"name", Of("string")}}))}},
                {"name", "kind", "file", "line", "column"});
}

Json Call() {
  return Object({{"file", Of("string")},
                 {"line", Of("integer")},
                 {"column", Of("integer")},
                 {"function", Of("string")},
                 {"callee", Of("string")},
                 {"how", Of("string")},
                 {"depth", Of("integer")}},
                {"file", "line", "column", "function", "callee", "how"});
}

}  // namespace kensa::server::schema
