#include "server/json_rpc.h"

#include <gtest/gtest.h>

#include <string>

namespace kensa::server {
namespace {

TEST(JsonRpc, ReadsRequestsNotificationsAndResponses) {
  RpcMessage r = ParseMessage(R"({"jsonrpc":"2.0","id":7,"method":"ping"})");
  EXPECT_EQ(r.kind, RpcMessage::Kind::kRequest);
  EXPECT_EQ(r.id, 7);
  EXPECT_EQ(r.method, "ping");
  EXPECT_TRUE(r.params.is_object());  // absent params read as {}

  RpcMessage n = ParseMessage(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  EXPECT_EQ(n.kind, RpcMessage::Kind::kNotification);

  RpcMessage s = ParseMessage(R"({"jsonrpc":"2.0","id":"a","result":{}})");
  EXPECT_EQ(s.kind, RpcMessage::Kind::kResponse);
}

TEST(JsonRpc, InvalidRequestsKeepTheirIdWhenItIsUsable) {
  RpcMessage wrong_version = ParseMessage(R"({"jsonrpc":"1.0","id":3,"method":"ping"})");
  EXPECT_EQ(wrong_version.kind, RpcMessage::Kind::kInvalid);
  EXPECT_EQ(wrong_version.error_code, kInvalidRequest);
  EXPECT_EQ(wrong_version.id, 3);

  RpcMessage object_id = ParseMessage(R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})");
  EXPECT_EQ(object_id.error_code, kInvalidRequest);
  EXPECT_TRUE(object_id.id.is_null());

  EXPECT_EQ(ParseMessage(R"({"jsonrpc":"2.0","id":1,"method":5})").error_code, kInvalidRequest);
  EXPECT_EQ(ParseMessage(R"({"jsonrpc":"2.0","id":1,"method":"x","params":3})").error_code,
            kInvalidRequest);
  EXPECT_EQ(ParseMessage(R"({"jsonrpc":"2.0","id":null,"method":"x"})").error_code,
            kInvalidRequest);
  EXPECT_EQ(ParseMessage("[1]").kind, RpcMessage::Kind::kInvalid);  // an array is no message
}

TEST(JsonRpc, MalformedJsonIsAParseError) {
  for (const char* text : {"", "{", "{\"jsonrpc\":", "nul", "{'a':1}", "\xff"}) {
    RpcMessage m = ParseMessage(text);
    EXPECT_EQ(m.kind, RpcMessage::Kind::kInvalid) << text;
    EXPECT_EQ(m.error_code, kParseError) << text;
  }
}

TEST(JsonRpc, DeepNestingIsRefusedBeforeParsing) {
  std::string deep(1000000, '[');
  deep += std::string(1000000, ']');
  EXPECT_EQ(ParseMessage(deep).error_code, kInvalidRequest);
  // Brackets inside strings do not count.
  std::string text = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"s":")" +
                     std::string(1000, '[') + R"("}})";
  EXPECT_EQ(ParseMessage(text).kind, RpcMessage::Kind::kRequest);
}

TEST(JsonRpc, SerializeReplacesInvalidUtf8InsteadOfThrowing) {
  Json j = Json::object();
  j["text"] = std::string(
      "a\xff"
      "b");
  std::string s = Serialize(j);
  EXPECT_NE(s.find("a\xef\xbf\xbd"
                   "b"),
            std::string::npos);
}

}  // namespace
}  // namespace kensa::server
