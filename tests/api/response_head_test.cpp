// The response head the server writes before each body: status line, the headers a
// handler set, the security headers, Content-Length (also for HEAD) and what the
// Connection header must say for each HTTP version.
#include <gtest/gtest.h>

#include "api/http/response_head.hpp"

namespace rp::api::http {
namespace {

bool has_line(const std::string& head, const std::string& line) {
  return head.find("\r\n" + line + "\r\n") != std::string::npos;
}

Response secured(int status) {
  Response r = json_response(status, "{}");
  add_security_headers(r, false);
  return r;
}

TEST(ResponseHead, StatusLineHeadersAndBlankLine) {
  Response r = secured(404);
  const std::string head = response_head(r, 11, true, 2);
  EXPECT_EQ(head.rfind("HTTP/1.1 404 Not Found\r\n", 0), 0U);
  EXPECT_TRUE(has_line(head, "Content-Type: application/json"));
  EXPECT_TRUE(has_line(head, "Content-Length: 2"));
  EXPECT_TRUE(has_line(head, "Server: regenpath"));
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
  EXPECT_EQ(head.find("\r\n\r\n"), head.size() - 4);  // one blank line, at the end
  EXPECT_EQ(head.find("Connection:"), std::string::npos);
}

TEST(ResponseHead, SecurityHeadersAndNoStoreUnlessTheHandlerChoseACachePolicy) {
  const std::string api = response_head(secured(200), 11, true, 2);
  EXPECT_NE(api.find("Content-Security-Policy: default-src 'self';"), std::string::npos);
  EXPECT_NE(api.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_TRUE(has_line(api, "X-Content-Type-Options: nosniff"));
  EXPECT_TRUE(has_line(api, "Referrer-Policy: no-referrer"));
  EXPECT_TRUE(has_line(api, "X-Frame-Options: DENY"));
  EXPECT_TRUE(has_line(api, "Cache-Control: no-store"));
  EXPECT_EQ(api.find("Strict-Transport-Security"), std::string::npos);

  Response asset = json_response(200, "x");
  asset.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  add_security_headers(asset, true);
  const std::string head = response_head(asset, 11, true, 1);
  EXPECT_TRUE(has_line(head, "Cache-Control: public, max-age=31536000, immutable"));
  EXPECT_EQ(head.find("no-store"), std::string::npos);
  EXPECT_TRUE(has_line(head, "Strict-Transport-Security: max-age=31536000"));

  // Without add_security_headers nothing is added: the caller decides.
  EXPECT_EQ(response_head(json_response(200, "{}"), 11, true, 2).find("Content-Security-Policy"), std::string::npos);
}

TEST(ResponseHead, ConnectionHeaderFollowsTheVersion) {
  EXPECT_TRUE(has_line(response_head(secured(200), 11, false, 0), "Connection: close"));
  EXPECT_TRUE(has_line(response_head(secured(200), 10, true, 0), "Connection: keep-alive"));
  const std::string old_close = response_head(secured(200), 10, false, 0);
  EXPECT_EQ(old_close.rfind("HTTP/1.0 200 OK\r\n", 0), 0U);
  EXPECT_EQ(old_close.find("Connection:"), std::string::npos);
}

TEST(ResponseHead, RepeatedHeadersStaySeparate) {
  Response r = secured(200);
  r.headers.emplace_back("Set-Cookie", "a=1; HttpOnly");
  r.headers.emplace_back("Set-Cookie", "b=2");
  const std::string head = response_head(r, 11, true, 2);
  EXPECT_TRUE(has_line(head, "Set-Cookie: a=1; HttpOnly"));
  EXPECT_TRUE(has_line(head, "Set-Cookie: b=2"));
}

TEST(ResponseHead, AHeaderThatWouldSplitTheHeadIsRefused) {
  Response value = secured(200);
  value.headers.emplace_back("Retry-After", "1\r\nSet-Cookie: evil=1");
  EXPECT_THROW(response_head(value, 11, true, 2), std::logic_error);
  Response name = secured(200);
  name.headers.emplace_back("Bad Name", "x");
  EXPECT_THROW(response_head(name, 11, true, 2), std::logic_error);
  Response type = secured(200);
  type.content_type = std::string("text/plain\0x", 12);
  EXPECT_THROW(response_head(type, 11, true, 2), std::logic_error);
}

TEST(ResponseHead, SharedBodyIsTheBody) {
  Response r = shared_json_response(200, std::make_shared<const CompressibleText>("{\"a\":1}"));
  EXPECT_EQ(r.body_text(), "{\"a\":1}");
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(json_response(200, "[]").body_text(), "[]");
  r.gzip = true;  // the gzip form once chosen
  EXPECT_EQ(r.body_text(), r.shared_body->gzip());
}

TEST(ResponseHead, ContentCodingAndVary) {
  Response r = secured(200);
  EXPECT_EQ(response_head(r, 11, true, 2).find("Content-Encoding"), std::string::npos);
  EXPECT_EQ(response_head(r, 11, true, 2).find("Vary"), std::string::npos);
  r.varies_by_encoding = true;
  EXPECT_TRUE(has_line(response_head(r, 11, true, 2), "Vary: Accept-Encoding"));
  EXPECT_EQ(response_head(r, 11, true, 2).find("Content-Encoding"), std::string::npos);
  r.gzip = true;
  EXPECT_TRUE(has_line(response_head(r, 11, true, 2), "Content-Encoding: gzip"));
  // An error's message follows Accept-Language: one Vary line names both.
  r.varies_by_language = true;
  EXPECT_TRUE(has_line(response_head(r, 11, true, 2), "Vary: Accept-Encoding, Accept-Language"));
  r.varies_by_encoding = false;
  EXPECT_TRUE(has_line(response_head(r, 11, true, 2), "Vary: Accept-Language"));
}

}  // namespace
}  // namespace rp::api::http
