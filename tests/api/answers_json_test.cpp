// The answers and findings a request sends are kept in the store's JSON columns as they
// were sent: the api maps the JSON to the domain's types, the store writes them back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/answers_json.hpp"
#include "base/error.hpp"
#include "store/json_columns.hpp"

namespace rp {
namespace {

using nlohmann::json;

TEST(AnswersJson, AnswersAreKeptAsSent) {
  for (const char* text :
       {R"({})", R"({"P1": 2, "P2": null, "P3": 0})", R"({"pain": "mild", "P1": 2.5, "P2": 2.0})",
        R"({"rom": {"flexion": 90, "abduction": null}, "deformity": {}, "returned_on": "2025-01-01"})",
        R"({"OHS1": -3, "OHS2": 1e300, "OHS3": 0.1})"}) {
    const json sent = json::parse(text);
    EXPECT_EQ(store::answers_json(api::sent_answers(sent)), sent.dump()) << text;
  }
}

TEST(AnswersJson, FindingsAreKeptAsSent) {
  for (const char* text : {R"({})", R"({"kl_grade": 2, "bmi": 27.5, "diabetes": false, "pregnancy": null})",
                           R"({"weeks_since_intra_articular_steroid": 2.0, "anticoagulant_use": true})"}) {
    const json sent = json::parse(text);
    EXPECT_EQ(store::findings_json(api::recorded_findings(sent)), sent.dump()) << text;
  }
}

TEST(AnswersJson, WrongTypesAreNamedByTheDomainChecks) {
  auto field = [](const char* text) {
    try {
      (void)api::answers_from_json(json::parse(text));
    } catch (const InputError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field(R"({"P1": true})"), "P1");
  EXPECT_EQ(field(R"({"rom": {"flexion": [90]}})"), "rom.flexion");
  EXPECT_EQ(field(R"({"rom": {"flexion": {"a": 1}}})"), "rom.flexion");
  EXPECT_EQ(field(R"({"P1": 1, "rom": {"flexion": 2}, "rom.flexion": 3})"), "rom.flexion");  // given twice
  EXPECT_EQ(field(R"([1])"), "answers");
  EXPECT_EQ(field(R"({"P1": 1, "P2": "x", "rom": {"flexion": 2}})"), "accepted");
  EXPECT_THROW((void)api::recorded_findings(json::array()), InputError);
}

}  // namespace
}  // namespace rp
