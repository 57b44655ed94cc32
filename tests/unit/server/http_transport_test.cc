#include "server/http_transport.h"

#include <gtest/gtest.h>

namespace kensa::server {
namespace {

TEST(HttpTransport, HostsOfThisMachineAndTheServedOneAreAllowed) {
  for (const char* host : {"localhost", "localhost:8080", "127.0.0.1:1", "[::1]:9", "LOCALHOST"}) {
    EXPECT_TRUE(AllowedHost(host, "127.0.0.1")) << host;
  }
  EXPECT_TRUE(AllowedHost("box.lan:8080", "box.lan"));
  EXPECT_TRUE(AllowedHost("[::1]:8080", "::1"));
  for (const char* host : {"evil.example.com", "evil.example.com:8080", "127.0.0.1.evil.com", "",
                           "localhost.evil.com"}) {
    EXPECT_FALSE(AllowedHost(host, "127.0.0.1")) << host;
  }
}

TEST(HttpTransport, OriginsAreCheckedByTheirHost) {
  EXPECT_TRUE(AllowedOrigin("", "127.0.0.1"));  // not a browser
  EXPECT_TRUE(AllowedOrigin("http://localhost:3000", "127.0.0.1"));
  EXPECT_TRUE(AllowedOrigin("https://127.0.0.1", "127.0.0.1"));
  EXPECT_FALSE(AllowedOrigin("http://evil.example.com", "127.0.0.1"));
  EXPECT_FALSE(AllowedOrigin("null", "127.0.0.1"));
  EXPECT_FALSE(AllowedOrigin("http://localhost.evil.com:80/x", "127.0.0.1"));
}

TEST(HttpTransport, ParsesHostAndPort) {
  HttpOptions o;
  std::string error;
  ASSERT_TRUE(ParseHostPort("8765", &o, &error));
  EXPECT_EQ(o.host, "127.0.0.1");  // the default host
  EXPECT_EQ(o.port, 8765);
  ASSERT_TRUE(ParseHostPort("0.0.0.0:80", &o, &error));
  EXPECT_EQ(o.host, "0.0.0.0");
  EXPECT_EQ(o.port, 80);
  ASSERT_TRUE(ParseHostPort("[::1]:0", &o, &error));
  EXPECT_EQ(o.host, "::1");
  EXPECT_EQ(o.port, 0);
  for (const char* bad : {"", "host:", "host:port", "1:99999", "[::1]", "123456"}) {
    HttpOptions fresh;
    EXPECT_FALSE(ParseHostPort(bad, &fresh, &error)) << bad;
  }
}

}  // namespace
}  // namespace kensa::server
