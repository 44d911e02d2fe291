// Reading a provider's answer and its delivery reports by configured paths: the values a
// rule finds, and what it does with answers that do not fit.
#include <gtest/gtest.h>

#include "channels/provider_answer.hpp"
#include "channels/sms_delivery_report.hpp"

namespace rp::channels {
namespace {

const char* kAnswer =
    R"({"return":{"status":200,"message":"تایید شد"},"entries":[{"messageid":8792343,"status":1,"ok":true}]})";

TEST(ProviderAnswer, PathsReadScalarsByKeyAndIndex) {
  EXPECT_EQ(scalar_at(kAnswer, "return.status"), "200");
  EXPECT_EQ(scalar_at(kAnswer, "return.message"), "تایید شد");
  EXPECT_EQ(scalar_at(kAnswer, "entries.0.messageid"), "8792343");
  EXPECT_EQ(scalar_at(kAnswer, "entries[0].messageid"), "8792343");
  EXPECT_EQ(scalar_at(kAnswer, "entries[0].ok"), "true");
  EXPECT_EQ(scalar_at(kAnswer, "entries.1.messageid"), std::nullopt);
  EXPECT_EQ(scalar_at(kAnswer, "entries"), std::nullopt);  // an array is no scalar
  EXPECT_EQ(scalar_at(kAnswer, "return.status.deeper"), std::nullopt);
  EXPECT_EQ(scalar_at(kAnswer, "entries[x].messageid"), std::nullopt);
  EXPECT_EQ(scalar_at(kAnswer, "entries[].messageid"), std::nullopt);
  EXPECT_EQ(scalar_at("not json", "a"), std::nullopt);
  EXPECT_EQ(scalar_at("", ""), std::nullopt);
  EXPECT_EQ(scalar_at("\"plain\"", ""), "plain");
}

TEST(ProviderAnswer, TheStatusAndTheSuccessTestDecideTheOutcome) {
  using O = SendResult::Outcome;
  const AnswerRules rules{"entries.0.messageid", "return.status", "200"};
  EXPECT_EQ(read_answer(rules, 200, kAnswer).outcome, O::sent);
  EXPECT_EQ(read_answer(rules, 200, kAnswer).provider_id, "8792343");
  EXPECT_EQ(read_answer(rules, 201, kAnswer).outcome, O::sent);
  EXPECT_EQ(read_answer(rules, 503, kAnswer).outcome, O::failed);
  EXPECT_EQ(read_answer(rules, 429, "").outcome, O::failed);
  EXPECT_EQ(read_answer(rules, 404, kAnswer).outcome, O::rejected);
  EXPECT_EQ(read_answer(rules, 302, "").outcome, O::rejected);
  EXPECT_EQ(read_answer(rules, 200, R"({"return":{"status":"200"}})").outcome, O::sent);  // text or number alike
  EXPECT_EQ(read_answer(rules, 200, R"({"return":{"status":401}})").outcome, O::rejected);
  EXPECT_EQ(read_answer(rules, 200, R"({"return":{}})").outcome, O::unknown);
  EXPECT_EQ(read_answer(rules, 200, "<html>").outcome, O::unknown);
  EXPECT_EQ(read_answer(rules, 200, std::string(kMaxAnswerBytes + 1, ' ')).outcome, O::unknown);
  // Without rules a 2xx is enough, whatever the body.
  EXPECT_EQ(read_answer({}, 200, "<html>").outcome, O::sent);
  // A provider's long status text is not copied into the detail.
  const auto refused = read_answer(rules, 200, R"({"return":{"status":"no credit for 09121234567"}})");
  EXPECT_EQ(refused.outcome, O::rejected);
  EXPECT_EQ(refused.detail.find("0912"), std::string::npos) << refused.detail;
}

TEST(DeliveryReport, JsonOrFormBodiesGiveTheIdAndTheStatus) {
  const DeliveryReportRules rules{"messageid", "status", {"10"}, {"6", "11", "14"}};
  auto r = parse_delivery_report(rules, R"({"messageid": 8792343, "status": 10})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->provider_id, "8792343");
  EXPECT_EQ(r->status, DeliveryReport::Status::delivered);
  r = parse_delivery_report(rules, "messageid=8792343&status=11");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, DeliveryReport::Status::failed);
  EXPECT_EQ(r->detail, "status 11");
  r = parse_delivery_report(rules, "status=4&messageid=abc%2D1+x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->provider_id, "abc-1 x");
  EXPECT_EQ(r->status, DeliveryReport::Status::unknown);
  r = parse_delivery_report(rules, "messageid=5");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, DeliveryReport::Status::unknown);
  EXPECT_EQ(r->detail, "no status in the report");
  const DeliveryReportRules nested{"data.entries[0].id", "data.entries[0].state", {"DELIVERED"}, {"UNDELIVERABLE"}};
  r = parse_delivery_report(nested, R"({"data":{"entries":[{"id":"x9","state":"UNDELIVERABLE"}]}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, DeliveryReport::Status::failed);
}

TEST(DeliveryReport, ABodyWithoutAnIdIsNoReport) {
  const DeliveryReportRules rules{"messageid", "status", {"10"}, {"6"}};
  EXPECT_FALSE(parse_delivery_report(rules, ""));
  EXPECT_FALSE(parse_delivery_report(rules, "status=10"));
  EXPECT_FALSE(parse_delivery_report(rules, R"({"status":10})"));
  EXPECT_FALSE(parse_delivery_report(rules, "{not json"));
  EXPECT_FALSE(parse_delivery_report(rules, "messageid="));
  EXPECT_FALSE(parse_delivery_report(rules, std::string(kMaxAnswerBytes + 1, 'a')));
}

}  // namespace
}  // namespace rp::channels
