// A red flag's triage body (api/contract/events.hpp TriageIn): what may come depends on
// the decision, and the first bad field in the listed order is the one named, as the
// hand decoder it replaced named it.
#include <gtest/gtest.h>

#include <string>

#include "api/decode.hpp"

namespace rp::test {
namespace {

using nlohmann::json;

// The code and field of the refusal ("" when the body is taken).
std::pair<std::string, std::string> refusal(const json& body) {
  try {
    api::decode_triage(body);
  } catch (const InputError& e) {
    return {e.code(), e.field()};
  }
  return {"", ""};
}

std::pair<std::string, std::string> refused(const char* code, const char* field) { return {code, field}; }

TEST(TriageBody, TheDecisionComesFirstAndMustBeOneOfTwo) {
  EXPECT_EQ(refusal(json::object()), refused("required", "decision"));
  EXPECT_EQ(refusal({{"decision", "maybe"}, {"severity", std::string(40, 'x')}}),
            refused("unknown_triage_decision", "decision"));
  // A field nobody knows is named before anything is read.
  EXPECT_EQ(refusal({{"decision", "maybe"}, {"grade", 2}}), refused("unknown_field", "grade"));
}

TEST(TriageBody, NothingOfAnAdverseEventComesWithADismissal) {
  const json dismissal = {{"decision", "not_adverse_event"}, {"reason", "expected"}};
  const auto with = [&](const char* field, const json& value) {
    json b = dismissal;
    b[field] = value;
    return refusal(b);
  };
  EXPECT_EQ(with("severity", "mild"), refused("only_for_adverse_event", "severity"));
  EXPECT_EQ(with("onset_jalali", "1404/01/01"), refused("only_for_adverse_event", "onset_jalali"));
  // Checked before its value is read: a bad one is still "only for an adverse event".
  EXPECT_EQ(with("outcome", "bogus"), refused("only_for_adverse_event", "outcome"));
  EXPECT_EQ(with("ctcae_grade", "3"), refused("only_for_adverse_event", "ctcae_grade"));
  // The category is read first, as any text is.
  EXPECT_EQ(with("category", std::string(65, 'x')), refused("too_many_bytes", "category"));
  json both = dismissal;
  both["outcome"] = "resolved";
  both["category"] = "pain";
  EXPECT_EQ(refusal(both), refused("only_for_adverse_event", "category"));
  // Sent as null is not sent.
  EXPECT_EQ(with("severity", nullptr), refused("", ""));
  const auto t = api::decode_triage(dismissal);
  EXPECT_FALSE(t.adverse_event);
  EXPECT_EQ(t.reason, "expected");
}

TEST(TriageBody, AnAdverseEventNeedsItsCategoryThenEachFieldInTurn) {
  const json event = {{"decision", "adverse_event"}, {"category", "pain"}};
  EXPECT_EQ(refusal({{"decision", "adverse_event"}, {"severity", std::string(40, 'x')}}),
            refused("adverse_category_required", "category"));
  EXPECT_EQ(refusal({{"decision", "adverse_event"}, {"category", ""}}),
            refused("adverse_category_required", "category"));
  const auto with = [&](const char* field, const json& value) {
    json b = event;
    b[field] = value;
    b["outcome"] = "bogus";  // later in the list: never the one named
    return refusal(b);
  };
  EXPECT_EQ(with("severity", std::string(17, 'x')), refused("too_many_bytes", "severity"));
  EXPECT_EQ(with("ctcae_grade", "3"), refused("not_a_json_integer", "ctcae_grade"));
  EXPECT_EQ(with("serious_reasons", json::array({"a", "b", "c", "d", "e", "f", "g"})),
            refused("too_many_items", "serious_reasons"));
  EXPECT_EQ(with("relatedness", "bogus").second, "relatedness");
  json b = event;
  b["ctcae_grade"] = 200;
  b["relatedness"] = "injection";
  b["onset"] = "2026-03-20";
  const auto t = api::decode_triage(b);
  EXPECT_TRUE(t.adverse_event);
  EXPECT_EQ(t.event.category, "pain");
  EXPECT_EQ(t.event.assessment.ctcae_grade, 99) << "a grade out of range reaches the service, which names the range";
  EXPECT_EQ(t.event.assessment.relatedness, Relatedness::injection);
  ASSERT_TRUE(t.event.onset.has_value());
  EXPECT_EQ(t.event.onset->iso(), "2026-03-20");
}

}  // namespace
}  // namespace rp::test
