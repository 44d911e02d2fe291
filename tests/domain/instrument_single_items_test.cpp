// Pain NRS, patient global, return to activity, satisfaction.
#include <gtest/gtest.h>

#include "domain/instruments/single_items.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::answers;
using testing::error_field;

TEST(InstrumentNrs, PainIsTheActivityItem) {
  const NrsScores s = score_nrs(answers({{"pain_rest", 3.0}, {"pain_activity", 7.0}}));
  EXPECT_EQ(s.pain, 7);
  EXPECT_EQ(s.pain_rest, 3);
  EXPECT_EQ(s.pain_activity, 7);
}

TEST(InstrumentNrs, MissingActivityItemLeavesPainNull) {
  const NrsScores s = score_nrs(answers({{"pain_rest", 3.0}}));
  EXPECT_FALSE(s.pain);
  EXPECT_EQ(s.pain_rest, 3);
}

TEST(InstrumentNrs, RangeIsZeroToTenWholeNumbers) {
  EXPECT_EQ(score_nrs(answers({{"pain_activity", 0.0}})).pain, 0);
  EXPECT_EQ(score_nrs(answers({{"pain_activity", 10.0}})).pain, 10);
  EXPECT_EQ(error_field([] { score_nrs(answers({{"pain_activity", 11.0}})); }), "pain_activity");
  EXPECT_EQ(error_field([] { score_nrs(answers({{"pain_rest", 3.5}})); }), "pain_rest");
  EXPECT_EQ(error_field([] { score_nrs(answers({{"pain", 3.0}})); }), "pain");
}

TEST(InstrumentPatientGlobal, ZeroToHundred) {
  EXPECT_EQ(score_patient_global(answers({{"global", 100.0}})), 100);
  EXPECT_EQ(score_patient_global(answers({{"global", 0.0}})), 0);
  EXPECT_FALSE(score_patient_global(Answers{}));
  EXPECT_EQ(error_field([] { score_patient_global(answers({{"global", 101.0}})); }), "global");
}

TEST(InstrumentSatisfaction, OneToFive) {
  EXPECT_EQ(score_satisfaction(answers({{"satisfaction", 1.0}})), 1);
  EXPECT_EQ(score_satisfaction(answers({{"satisfaction", 5.0}})), 5);
  EXPECT_EQ(error_field([] { score_satisfaction(answers({{"satisfaction", 0.0}})); }), "satisfaction");
  EXPECT_EQ(error_field([] { score_satisfaction(answers({{"satisfaction", 6.0}})); }), "satisfaction");
}

TEST(InstrumentReturnToActivity, DateOrNotYet) {
  const ReturnToActivity r = score_return_to_activity(answers({{"returned_on", std::string("2025-03-04")}}));
  EXPECT_EQ(r.returned, true);
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-03-04");

  const ReturnToActivity n = score_return_to_activity(answers({{"returned_on", std::string("not_yet")}}));
  EXPECT_EQ(n.returned, false);
  EXPECT_FALSE(n.date);

  EXPECT_FALSE(score_return_to_activity(Answers{}).returned);
}

TEST(InstrumentReturnToActivity, AcceptsPersianDigits) {
  const ReturnToActivity r = score_return_to_activity(
      answers({{"returned_on", std::string("\u06F2\u06F0\u06F2\u06F5-\u06F0\u06F3-\u06F0\u06F4")}}));
  EXPECT_EQ(r.date->iso(), "2025-03-04");
}

TEST(InstrumentReturnToActivity, RejectsOtherText) {
  EXPECT_EQ(error_field([] {
              score_return_to_activity(answers({{"returned_on", std::string("soon")}}));
            }),
            "returned_on");
  EXPECT_EQ(error_field([] {
              score_return_to_activity(answers({{"returned_on", std::string("2025-02-30")}}));
            }),
            "returned_on");
  EXPECT_EQ(error_field([] { score_return_to_activity(answers({{"returned_on", 3.0}})); }), "returned_on");
}

}  // namespace
}  // namespace rp::instruments
