// The clinician's assessment of an adverse event: what makes it serious, what counts as
// assessed, and a death told the same way everywhere.
#include "domain/adverse_event.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"

namespace rp {
namespace {

TEST(AdverseEventAssessment, SeriousByAnyCriterionOrGradeFourOrFive) {
  EventAssessment a;
  EXPECT_FALSE(a.is_serious());
  EXPECT_FALSE(a.is_assessed());
  a.ctcae_grade = 3;
  EXPECT_FALSE(a.is_serious());  // severe is not serious by itself
  EXPECT_TRUE(a.is_assessed());
  a.ctcae_grade = 4;
  EXPECT_TRUE(a.is_serious());  // life-threatening
  EventAssessment b;
  b.serious = {SeriousReason::hospitalisation};
  EXPECT_TRUE(b.is_serious());  // a grade-2 event that needs a night in hospital
  EXPECT_TRUE(b.is_assessed());
  EventAssessment c;
  c.relatedness = Relatedness::injection;
  c.outcome = EventOutcome::resolved;
  EXPECT_FALSE(c.is_assessed());  // neither graded nor a criterion: not known to be non-serious
}

TEST(AdverseEventAssessment, GradeRangeNamesTheField) {
  for (int g : {0, 6, -1}) {
    EventAssessment a;
    a.ctcae_grade = g;
    try {
      validate_assessment(a);
      FAIL() << g;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "ctcae_grade");
    }
  }
}

TEST(AdverseEventAssessment, DeathIsOneFact) {
  EventAssessment a;
  a.ctcae_grade = 5;
  validate_assessment(a);
  EXPECT_EQ(serious_reasons_text(a.serious), "death");  // added: grade 5 is death
  EventAssessment b;
  b.ctcae_grade = 5;
  b.outcome = EventOutcome::resolved;
  EXPECT_THROW(validate_assessment(b), InputError);
  EventAssessment c;
  c.outcome = EventOutcome::death;
  c.ctcae_grade = 3;
  try {
    validate_assessment(c);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "ctcae_grade");
  }
  EventAssessment d;
  d.serious = {SeriousReason::death};
  d.outcome = EventOutcome::ongoing;
  EXPECT_THROW(validate_assessment(d), InputError);
}

TEST(AdverseEventAssessment, CriteriaKeptSortedOnceAndReadBack) {
  EventAssessment a;
  a.serious = {SeriousReason::medically_important, SeriousReason::hospitalisation, SeriousReason::medically_important};
  validate_assessment(a);
  const std::string text = serious_reasons_text(a.serious);
  EXPECT_EQ(text, "hospitalisation,medically_important");
  EXPECT_EQ(parse_serious_reasons_text(text, "f"), a.serious);
  EXPECT_TRUE(parse_serious_reasons_text("", "f").empty());
  try {
    parse_serious_reasons_text("hospitalisation,bad", "serious_reasons");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "serious_reasons");
  }
}

TEST(AdverseEventAssessment, CategoriesPerKind) {
  EXPECT_NO_THROW(check_category("adverse_event", "injection_site_pain"));
  EXPECT_NO_THROW(check_category("red_flag", "redness"));
  EXPECT_THROW(check_category("adverse_event", "redness"), InputError);
  EXPECT_THROW(check_category("red_flag", "effusion"), InputError);
}

}  // namespace
}  // namespace rp
