#include "render/tests_json.h"

namespace kensa::render {

Json TestsJson(const select::FetcherInputs& inputs, const select::FetcherResult& r,
               const std::string& mode, bool with_files) {
  Json j;
  j["mode"] = mode;
  j["head"] = inputs.head.Hex();
  Json bases = Json::array();
  for (const git::Oid& b : inputs.base_commits) bases.push_back(b.Hex());
  j["base_commits"] = bases;
  j["skipped"] = r.skipped;
  j["modified_files"] = r.modified_files;
  j["ignored_files"] = r.ignored_files;
  j["impacted_files"] = r.impacted_files;
  Json tests = Json::array();
  for (const std::string& t : r.tests) {
    Json entry;
    entry["test"] = t;
    auto reason = r.reasons.find(t);
    if (reason != r.reasons.end()) {
      entry["changed_file"] = reason->second.changed_file;
      entry["chain"] = reason->second.chain.files;
      entry["through_init"] = reason->second.chain.through_init;
    }
    tests.push_back(entry);
  }
  j["tests"] = tests;
  j["example_tests"] = r.example_tests;
  j["fallback"] = r.fallback_reason ? Json(*r.fallback_reason) : Json(nullptr);
  if (with_files) {
    Json files = Json::object();
    for (const auto& [name, content] : r.files) files[name] = content;
    j["files"] = files;
  }
  if (r.uncaught_error) j["uncaught_error"] = *r.uncaught_error;
  return j;
}

}  // namespace kensa::render
