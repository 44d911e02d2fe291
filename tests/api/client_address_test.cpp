// Which address sign-in counts a request under: the socket's peer, or behind a trusted
// reverse proxy the address it appended to X-Forwarded-For; a client's own
// X-Forwarded-For changes nothing.
#include <gtest/gtest.h>

#include "api/http/client_address.hpp"

namespace rp::api::http {
namespace {

Request from(const std::string& peer, const std::string& forwarded_for = "") {
  Request r;
  r.peer_address = peer;
  r.forwarded_for = forwarded_for;
  return r;
}

TEST(ClientAddress, ThePeerUnlessItIsATrustedProxy) {
  EXPECT_EQ(client_address(from("203.0.113.5"), {}), "203.0.113.5");
  // A client writing its own header is not believed.
  EXPECT_EQ(client_address(from("203.0.113.5", "198.51.100.1"), {"127.0.0.1"}), "203.0.113.5");
  EXPECT_EQ(client_address(from("127.0.0.1", "198.51.100.1"), {}), "127.0.0.1");
}

TEST(ClientAddress, BehindTrustedProxiesTheRightmostUntrustedHop) {
  const std::vector<std::string> proxies{"127.0.0.1", "10.0.0.2"};
  EXPECT_EQ(client_address(from("127.0.0.1", "198.51.100.1"), proxies), "198.51.100.1");
  // The client's own first entry is whatever it wrote; the proxies' entries are true.
  EXPECT_EQ(client_address(from("127.0.0.1", "6.6.6.6, 198.51.100.1 ,10.0.0.2"), proxies), "198.51.100.1");
  EXPECT_EQ(client_address(from("127.0.0.1", "2001:DB8::1"), proxies), "2001:db8::1");
  // Nothing usable: the proxy's own address.
  EXPECT_EQ(client_address(from("127.0.0.1"), proxies), "127.0.0.1");
  EXPECT_EQ(client_address(from("127.0.0.1", "not-an-address"), proxies), "127.0.0.1");
  EXPECT_EQ(client_address(from("127.0.0.1", "10.0.0.2"), proxies), "127.0.0.1");
}

TEST(ClientAddress, CanonicalIps) {
  EXPECT_EQ(canonical_ip(" 192.0.2.1 "), "192.0.2.1");
  EXPECT_EQ(canonical_ip("2001:0db8:0000::0001"), "2001:db8::1");
  EXPECT_EQ(canonical_ip("example.org"), "");
  EXPECT_EQ(canonical_ip("192.0.2.256"), "");
}

}  // namespace
}  // namespace rp::api::http
