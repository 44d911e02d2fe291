// The JSON text the store keeps from typed values. An audit row's detail is hashed into
// the audit chain, so its text is pinned here byte for byte.
#include "store/json_columns.hpp"

#include <gtest/gtest.h>

namespace rp::store {
namespace {

TEST(JsonColumns, APatientCorrectionsDetailIsFieldsByNameThenTheReason) {
  const std::vector<FieldChange> changed = {{"mobile", std::string("+989121234567"), std::string("+989127654321")},
                                            {"consent.registry", true, false},
                                            {"birth_date", std::string("1960-01-02"), std::string("1961-01-02")}};
  EXPECT_EQ(patient_change_json(changed, "the patient changed phone"),
            R"({"changed":{"birth_date":{"from":"1960-01-02","to":"1961-01-02"},)"
            R"("consent.registry":{"from":true,"to":false},)"
            R"("mobile":{"from":"+989121234567","to":"+989127654321"}},"reason":"the patient changed phone"})");
}

TEST(JsonColumns, TextThatIsNotUtf8IsKeptWithItsBadBytesReplaced) {
  const std::string bad =
      "a\xff"
      "b";
  EXPECT_EQ(patient_change_json({{"name_latin", std::string("x"), bad}}, "typo"),
            "{\"changed\":{\"name_latin\":{\"from\":\"x\",\"to\":\"a\xEF\xBF\xBD"
            "b\"}},\"reason\":\"typo\"}");
}

TEST(JsonColumns, NoChangeIsAnEmptyObject) { EXPECT_EQ(patient_change_json({}, ""), R"({"changed":{},"reason":""})"); }

TEST(JsonColumns, EligibilityReasonsKeepTheDecisionsOrder) {
  std::vector<EligibilityReason> reasons(2);
  reasons[0].rule = "severe-oa";
  reasons[0].kind = "exclusion";
  reasons[0].finding = "kl_grade";
  reasons[1].rule = "anticoagulant";
  reasons[1].kind = "caution";
  reasons[1].finding = "on_anticoagulant";
  EXPECT_EQ(reasons_json(reasons), R"([{"finding":"kl_grade","kind":"exclusion","rule":"severe-oa"},)"
                                   R"({"finding":"on_anticoagulant","kind":"caution","rule":"anticoagulant"}])");
  EXPECT_EQ(reasons_json({}), "[]");
}

}  // namespace
}  // namespace rp::store
