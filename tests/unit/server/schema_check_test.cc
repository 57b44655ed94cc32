#include "server/schema_check.h"

#include <gtest/gtest.h>

#include "server/schema.h"

namespace kensa::server {
namespace {

using render::Json;

Json Schema() {
  return schema::Input({{"name", schema::String("a name", 10)},
                        {"limit", schema::Integer("at most", 1, 100, 20)},
                        {"flag", schema::Boolean("a flag", false)},
                        {"mode", schema::Enum("a mode", {"a", "b"}, "a")}},
                       {"name"});
}

TEST(SchemaCheck, FillsDefaults) {
  std::string error;
  Json out = CheckArguments(Schema(), Json{{"name", "x"}}, &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(out["limit"], 20);
  EXPECT_EQ(out["flag"], false);
  EXPECT_EQ(out["mode"], "a");
}

TEST(SchemaCheck, RefusesWhatDoesNotFit) {
  std::string error;
  CheckArguments(Schema(), Json::object(), &error);
  EXPECT_EQ(error, "missing argument 'name'");
  CheckArguments(Schema(), Json{{"name", 5}}, &error);
  EXPECT_EQ(error, "argument 'name' must be a string");
  CheckArguments(Schema(), Json{{"name", ""}}, &error);
  EXPECT_EQ(error, "argument 'name' must not be empty");
  CheckArguments(Schema(), Json{{"name", "01234567890"}}, &error);
  EXPECT_EQ(error, "argument 'name' is longer than 10 bytes");
  CheckArguments(Schema(), Json{{"name", "x"}, {"other", 1}}, &error);
  EXPECT_EQ(error, "unknown argument 'other'");
  CheckArguments(Schema(), Json{{"name", "x"}, {"limit", 0}}, &error);
  EXPECT_EQ(error, "argument 'limit' must be between 1 and 100");
  CheckArguments(Schema(), Json{{"name", "x"}, {"limit", 2.5}}, &error);
  EXPECT_EQ(error, "argument 'limit' must be an integer");
  CheckArguments(Schema(), Json{{"name", "x"}, {"limit", 1e300}}, &error);
  EXPECT_EQ(error, "argument 'limit' must be an integer");
  CheckArguments(Schema(), Json{{"name", "x"}, {"mode", "c"}}, &error);
  EXPECT_NE(error.find("must be one of"), std::string::npos);
  CheckArguments(Schema(), Json::array(), &error);
  EXPECT_EQ(error, "arguments must be an object");
}

TEST(SchemaCheck, AnIntegralFloatIsAnInteger) {
  std::string error;
  Json out = CheckArguments(Schema(), Json{{"name", "x"}, {"limit", 3.0}}, &error);
  EXPECT_EQ(error, "");
  EXPECT_TRUE(out["limit"].is_number_integer());
  EXPECT_EQ(out["limit"], 3);
}

TEST(SchemaCheck, ANameListHoldsDistinctKnownNames) {
  Json list = schema::Input({{"only", schema::NameList("checks", {"a", "b"})}}, {});
  std::string error;
  Json out = CheckArguments(list, Json{{"only", Json::array({"b", "a"})}}, &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(out["only"], Json::array({"b", "a"}));
  EXPECT_FALSE(CheckArguments(list, Json::object(), &error).contains("only"));  // no default
  CheckArguments(list, Json{{"only", "a"}}, &error);
  EXPECT_EQ(error, "argument 'only' must be an array");
  CheckArguments(list, Json{{"only", Json::array({"a", "c"})}}, &error);
  EXPECT_NE(error.find("argument 'only[1]' must be one of"), std::string::npos);
  CheckArguments(list, Json{{"only", Json::array({"a", "a"})}}, &error);
  EXPECT_EQ(error, "argument 'only' names \"a\" twice");
  CheckArguments(list, Json{{"only", Json::array({"a", "b", "a"})}}, &error);
  EXPECT_EQ(error, "argument 'only' has more than 2 items");
}

}  // namespace
}  // namespace kensa::server
