// The route table's matching, a pure function of the table and the path: literal
// segments beat parameters, parameters never match an empty segment, a known path with
// another method is told apart from an unknown path (405 vs 404), and parameters come
// out named.
#include <gtest/gtest.h>

#include "api/http/router.hpp"

namespace rp::api::http {
namespace {

Router table() {
  Router r;
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/patients"},
           {"POST", "/api/v1/patients"},
           {"GET", "/api/v1/patients/{patient_id}"},
           {"GET", "/api/v1/patients/search"},
           {"GET", "/api/v1/episodes/{episode_id}/schedule/{item_id}"},
           {"PATCH", "/api/v1/episodes/{episode_id}/schedule/{item_id}"},
       }) {
    r.add({method, path, "", {kPublic}, {}, "", false, false, nullptr});
  }
  return r;
}

Match match(const Router& r, const std::string& method, const std::string& path, Request* out = nullptr) {
  Request req;
  req.method = method;
  req.path = path;
  const Match m = r.match(req);
  if (out) *out = req;
  return m;
}

TEST(Router, LiteralSegmentWinsOverParameterWhateverTheOrderAdded) {
  const Router r = table();
  const Match m = match(r, "GET", "/api/v1/patients/search");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->path, "/api/v1/patients/search");
}

TEST(Router, ParametersAreNamedAndCarried) {
  const Router r = table();
  Request req;
  const Match m = match(r, "PATCH", "/api/v1/episodes/42/schedule/visit-2w", &req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method, "PATCH");
  EXPECT_EQ(req.params.at("episode_id"), "42");
  EXPECT_EQ(req.params.at("item_id"), "visit-2w");
  EXPECT_EQ(req.params.size(), 2U);
}

TEST(Router, EmptySegmentNeverMatchesAParameter) {
  const Router r = table();
  EXPECT_EQ(match(r, "GET", "/api/v1/episodes//schedule/x").route, nullptr);
  EXPECT_FALSE(match(r, "GET", "/api/v1/episodes//schedule/x").path_known);
  EXPECT_EQ(match(r, "GET", "/api/v1/patients/").route, nullptr);
}

TEST(Router, KnownPathWithAnotherMethodIsToldApartFromAnUnknownPath) {
  const Router r = table();
  const Match wrong_method = match(r, "DELETE", "/api/v1/patients/7");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.path_known);
  const Match unknown = match(r, "GET", "/api/v1/patient/7");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_FALSE(unknown.path_known);
}

TEST(Router, SegmentCountMustAgree) {
  const Router r = table();
  EXPECT_EQ(match(r, "GET", "/api/v1").route, nullptr);
  EXPECT_EQ(match(r, "GET", "/api/v1/patients/7/extra").route, nullptr);
  EXPECT_EQ(match(r, "GET", "/").route, nullptr);
  std::string deep = "/api/v1/patients";
  for (int i = 0; i < 100; ++i) deep += "/x";
  EXPECT_EQ(match(r, "GET", deep).route, nullptr);
  EXPECT_FALSE(match(r, "GET", deep).path_known);
}

TEST(Router, HeadMatchesTheGetRoute) {
  const Router r = table();
  Request req;
  const Match m = match(r, "HEAD", "/api/v1/patients/7", &req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method, "GET");
  EXPECT_EQ(req.params.at("patient_id"), "7");
  EXPECT_EQ(match(r, "HEAD", "/api/v1/episodes/1/schedule/2").route->method, "GET");
}

TEST(Router, ParameterNamesInTemplateOrder) {
  const Router r = table();
  const Match m = match(r, "GET", "/api/v1/episodes/1/schedule/2");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->path_params(), (std::vector<std::string>{"episode_id", "item_id"}));
}

TEST(Router, TheSameMethodAndPathTwiceIsAProgrammingError) {
  Router r = table();
  EXPECT_THROW(r.add({"GET", "/api/v1/patients", "", {kPublic}, {}, "", false, false, nullptr}), std::logic_error);
}

}  // namespace
}  // namespace rp::api::http
