// Content coding: which Accept-Encoding headers accept gzip (RFC 9110 §12.5.3), and which
// responses go compressed: text of 1 KB or more answering GET or HEAD, never a body that
// holds a secret, never an answer to a state-changing request.
#include <gtest/gtest.h>

#include "api/http/compression.hpp"
#include "base/gzip.hpp"

namespace rp::api::http {
namespace {

TEST(AcceptsGzip, WhatBrowsersAndToolsSend) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));  // Chromium, Firefox
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br, zstd"));
  EXPECT_TRUE(accepts_gzip("deflate, gzip"));  // curl --compressed
  EXPECT_TRUE(accepts_gzip("GZIP"));           // codings are case-insensitive
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip(""));  // no header: identity only
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzipx"));
}

TEST(AcceptsGzip, QValues) {
  EXPECT_TRUE(accepts_gzip("gzip;q=0.5"));
  EXPECT_TRUE(accepts_gzip("gzip ; Q=1.000"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.001"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  // A named coding outranks the wildcard, either way round.
  EXPECT_FALSE(accepts_gzip("gzip;q=0, *"));
  EXPECT_TRUE(accepts_gzip("gzip, *;q=0"));
  EXPECT_TRUE(accepts_gzip("br, *;q=0.1"));
  // Malformed q-values accept nothing.
  for (const char* bad : {"gzip;q=2", "gzip;q=1.5", "gzip;q=0.1234", "gzip;q=", "gzip;q=.5", "gzip;q=abc"})
    EXPECT_FALSE(accepts_gzip(bad)) << bad;
}

Request get(std::string accept_encoding) {
  Request r;
  r.method = "GET";
  r.accept_encoding = std::move(accept_encoding);
  return r;
}

std::string json_of(std::size_t bytes) {
  std::string s = "[";
  while (s.size() + 20 < bytes) s += R"({"status":"done"},)";
  s.back() = ']';
  return s;
}

TEST(NegotiateEncoding, LargeJsonToAGetThatAcceptsGzipIsCompressed) {
  const std::string text = json_of(4000);
  Response r = json_response(200, text);
  negotiate_encoding(get("gzip, deflate, br"), r);
  EXPECT_TRUE(r.gzip);
  EXPECT_TRUE(r.varies_by_encoding);
  EXPECT_LT(r.body_text().size(), text.size() / 4);
  EXPECT_EQ(gzip_decompress(r.body_text(), 1 << 20), text);
}

TEST(NegotiateEncoding, ACachedBodySendsItsKeptGzipForm) {
  auto shared = std::make_shared<const CompressibleText>(json_of(4000));
  Response r = shared_json_response(200, shared);
  negotiate_encoding(get("gzip"), r);
  EXPECT_TRUE(r.gzip);
  EXPECT_EQ(r.body_text().data(), shared->gzip().data());  // no copy, no new compression
  Response plain = shared_json_response(200, shared);
  negotiate_encoding(get(""), plain);
  EXPECT_FALSE(plain.gzip);
  EXPECT_TRUE(plain.varies_by_encoding);
  EXPECT_EQ(plain.body_text(), shared->text());
}

TEST(NegotiateEncoding, WhatStaysAsItIs) {
  const std::string text = json_of(4000);
  auto unchanged = [&](Response r, const Request& q) {
    negotiate_encoding(q, r);
    return !r.gzip && r.body_text() == text;
  };
  EXPECT_TRUE(unchanged(json_response(200, text), get("")));
  EXPECT_TRUE(unchanged(json_response(200, text), get("gzip;q=0")));
  Request post = get("gzip");
  post.method = "POST";  // a state-changing request's answer may hold a new secret
  EXPECT_TRUE(unchanged(json_response(201, text), post));
  Response secret = json_response(200, text);
  secret.carries_secret = true;  // the CSRF token
  EXPECT_TRUE(unchanged(secret, get("gzip")));
  Response image = json_response(200, text);
  image.content_type = "image/png";  // already compressed
  EXPECT_TRUE(unchanged(image, get("gzip")));
  const std::string small = json_of(900);
  Response little = json_response(200, small);
  negotiate_encoding(get("gzip"), little);
  EXPECT_FALSE(little.gzip);
  EXPECT_FALSE(little.varies_by_encoding);
}

TEST(NegotiateEncoding, HeadGetsTheCompressedLength) {
  Response r = json_response(200, json_of(4000));
  r.head = true;
  Request head = get("gzip");
  head.method = "HEAD";
  negotiate_encoding(head, r);
  EXPECT_TRUE(r.gzip);  // Content-Length is that of the body a GET would get
  EXPECT_LT(r.body_text().size(), 1000U);
}

TEST(NegotiateEncoding, WebAppTextTypesAreCompressed) {
  for (const char* type : {"text/javascript; charset=utf-8", "text/css; charset=utf-8", "text/html; charset=utf-8",
                           "image/svg+xml", "application/manifest+json", "text/plain; version=0.0.4"}) {
    Response r = json_response(200, json_of(4000));
    r.content_type = type;
    negotiate_encoding(get("gzip"), r);
    EXPECT_TRUE(r.gzip) << type;
  }
}

}  // namespace
}  // namespace rp::api::http
