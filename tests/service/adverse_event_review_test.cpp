// An adverse event as clinicians record it: the first report with what is known, the
// surgeon's grading later with a reason (audited, old beside new), a patient's red flag
// triaged as an adverse event (linked) or dismissed with why. Refusals change nothing.
#include <gtest/gtest.h>

#include "../store/store_test_support.hpp"
#include "base/error.hpp"
#include "service/submissions.hpp"

namespace rp::service {
namespace {

class AdverseEventReview : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    const Clock clock = Clock::fixed(1795000000000);  // 2026-11-18
    pathway_ = std::make_unique<Pathway>(*store_, clock);
    auth_ = std::make_unique<Auth>(*store_, clock, AuthPolicy{},
                                   [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
    submissions_ = std::make_unique<Submissions>(*store_, clock, *auth_);
    for (const char* c : {"a", "b"}) pathway_->upsert_centre(op_, {c, "C", "م", "", "", "licensed", "", ""});
    Patient p;
    p.centre_id = "a";
    p.mrn = "M1";
    p.name_latin = "Test";
    p.name_fa = "آزمون";
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.national_id = test::test_national_id(p.mrn);
    patient_ = pathway_->add_patient(op_, p).id;
    Episode e;
    e.patient_id = patient_;
    e.protocol_id = "hip-msc-v1";
    e.side = Side::right;
    e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
    episode_ = pathway_->add_episode(op_, e).id;
  }
  store::AdverseEventRow stored(std::int64_t id) {
    std::optional<store::AdverseEventRow> r;
    store_->read([&](store::Transaction& tx) { r = tx.find_adverse_event(id); });
    return *r;
  }
  std::vector<store::AuditRow> audit(const std::string& action) {
    std::vector<store::AuditRow> out;
    store_->read([&](store::Transaction& tx) {
      for (auto& row : tx.audit_rows(0, 100000))
        if (row.action == action) out.push_back(row);
    });
    return out;
  }
  AdverseEventInput serious_by_patient_word() {
    return {"infection", "serious", "Septic arthritis, admitted", CivilDate::from_ymd(2026, 11, 10), {}};
  }

  test::TempDb db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Pathway> pathway_;
  std::unique_ptr<Auth> auth_;
  std::unique_ptr<Submissions> submissions_;
  std::int64_t patient_ = 0, episode_ = 0;
  Actor op_ = Actor::cli_operator();
  Actor surgeon_{"dr-a", Role::surgeon, "a"};
  Actor coordinator_{"co-a", Role::coordinator, "a"};
  Actor surgeon_b_{"dr-b", Role::surgeon, "b"};
};

TEST_F(AdverseEventReview, TheSeverityWordAloneIsNotAnAssessment) {
  const auto r = submissions_->record_adverse_event(coordinator_, episode_, serious_by_patient_word());
  const auto s = stored(r.id);
  EXPECT_EQ(s.severity, "serious");
  EXPECT_FALSE(s.serious);
  EXPECT_FALSE(s.assessment.is_assessed());  // the report will say "not graded yet"
}

TEST_F(AdverseEventReview, FirstReportMayCarryTheAssessment) {
  AdverseEventInput in = serious_by_patient_word();
  in.assessment.ctcae_grade = 3;
  in.assessment.serious = {SeriousReason::hospitalisation};
  in.assessment.relatedness = Relatedness::injection;
  const auto r = submissions_->record_adverse_event(coordinator_, episode_, in);
  const auto s = stored(r.id);
  EXPECT_TRUE(s.serious);
  EXPECT_EQ(s.assessment.ctcae_grade, 3);
  EXPECT_EQ(s.assessment.relatedness, Relatedness::injection);
  EXPECT_EQ(s.assessed_by, "co-a");
}

TEST_F(AdverseEventReview, SurgeonGradesLaterWithAReasonKeptInTheAudit) {
  const auto r = submissions_->record_adverse_event(coordinator_, episode_, serious_by_patient_word());
  AssessmentChange c;
  c.ctcae_grade = 3;
  c.serious_reasons = std::vector{SeriousReason::hospitalisation};
  c.outcome = EventOutcome::resolved;
  c.reason = "discharged after washout";
  const auto after = submissions_->assess_adverse_event(surgeon_, r.id, c);
  EXPECT_TRUE(after.serious);
  const auto s = stored(r.id);
  EXPECT_TRUE(s.serious);
  EXPECT_EQ(s.assessment.ctcae_grade, 3);
  EXPECT_EQ(s.assessment.outcome, EventOutcome::resolved);
  EXPECT_EQ(s.assessed_by, "dr-a");
  const auto rows = audit("adverse_event.assess");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].detail.find("ctcae_grade: - -> 3"), std::string::npos) << rows[0].detail;
  EXPECT_NE(rows[0].detail.find("serious_reasons: none -> hospitalisation"), std::string::npos) << rows[0].detail;
  EXPECT_NE(rows[0].detail.find("serious: no -> yes"), std::string::npos) << rows[0].detail;
  EXPECT_NE(rows[0].detail.find("reason: discharged after washout"), std::string::npos);
  // The same again changes nothing and writes nothing.
  submissions_->assess_adverse_event(surgeon_, r.id, c);
  EXPECT_EQ(audit("adverse_event.assess").size(), 1u);
  // Down-graded on review: no longer serious.
  AssessmentChange down;
  down.serious_reasons = std::vector<SeriousReason>{};
  down.ctcae_grade = 2;
  down.reason = "was an overnight observation, not an admission";
  EXPECT_FALSE(submissions_->assess_adverse_event(surgeon_, r.id, down).serious);
  EXPECT_FALSE(stored(r.id).serious);
}

TEST_F(AdverseEventReview, RefusalsNameTheFieldAndChangeNothing) {
  const auto r = submissions_->record_adverse_event(coordinator_, episode_, serious_by_patient_word());
  AssessmentChange c;
  c.ctcae_grade = 4;
  auto refused = [&](const Actor& who, AssessmentChange change, std::int64_t id, const std::string& field) {
    try {
      submissions_->assess_adverse_event(who, id, change);
      ADD_FAILURE() << field;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), field);
    }
  };
  refused(surgeon_, c, r.id, "reason");  // no reason
  c.reason = "x";
  refused(coordinator_, c, r.id, "role");  // only a surgeon grades
  refused(surgeon_b_, c, r.id, "event");   // another centre's event is not found
  AssessmentChange bad = c;
  bad.ctcae_grade = 7;
  refused(surgeon_, bad, r.id, "ctcae_grade");
  AssessmentChange none;
  none.reason = "x";
  refused(surgeon_, none, r.id, "ctcae_grade");  // nothing to change
  EXPECT_FALSE(stored(r.id).serious);
  EXPECT_FALSE(stored(r.id).assessment.ctcae_grade.has_value());
  EXPECT_TRUE(audit("adverse_event.assess").empty());
}

TEST_F(AdverseEventReview, RedFlagTriagedAsAnAdverseEventBecomesOneLinkedToIt) {
  Actor patient{"patient:" + std::to_string(patient_), Role::patient, "a", false, patient_};
  const auto flag = submissions_->report_red_flag(patient, episode_, {"swelling", "severe", "hot and swollen", {}, {}});
  RedFlagTriage t;
  t.adverse_event = true;
  t.event.category = "infection";
  t.event.assessment.ctcae_grade = 3;
  t.event.assessment.serious = {SeriousReason::hospitalisation};
  const auto out = submissions_->triage_red_flag(coordinator_, flag.id, t);
  ASSERT_TRUE(out.event);
  EXPECT_EQ(out.event->red_flag_id, flag.id);
  EXPECT_EQ(out.event->kind, "adverse_event");
  EXPECT_EQ(out.event->severity, "severe");  // the patient's word, kept
  EXPECT_TRUE(stored(out.event->id).serious);
  const auto f = stored(flag.id);
  EXPECT_EQ(f.status, "resolved");
  EXPECT_EQ(f.triage, "adverse_event");
  EXPECT_EQ(f.acknowledged_by, "co-a");
  EXPECT_THROW(submissions_->triage_red_flag(coordinator_, flag.id, t), ConflictError);
}

TEST_F(AdverseEventReview, RedFlagDismissedSaysWhy) {
  Actor patient{"patient:" + std::to_string(patient_), Role::patient, "a", false, patient_};
  const auto flag = submissions_->report_red_flag(patient, episode_, {"unusual_pain", "mild", "", {}, {}});
  RedFlagTriage t;
  try {
    submissions_->triage_red_flag(coordinator_, flag.id, t);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "reason");
  }
  EXPECT_TRUE(stored(flag.id).triage.empty());
  t.reason = "expected soreness after the injection; called the patient";
  const auto out = submissions_->triage_red_flag(coordinator_, flag.id, t);
  EXPECT_FALSE(out.event);
  EXPECT_EQ(stored(flag.id).triage, "not_adverse_event");
  EXPECT_EQ(stored(flag.id).triage_reason, t.reason);
  EXPECT_EQ(audit("red_flag.triage").size(), 1u);
  // A patient's report cannot carry a grade, and a red flag is not graded.
  AdverseEventInput graded{"swelling", "mild", "", {}, {}};
  graded.assessment.ctcae_grade = 2;
  EXPECT_THROW(submissions_->report_red_flag(patient, episode_, graded), InputError);
  AssessmentChange c;
  c.ctcae_grade = 2;
  c.reason = "x";
  EXPECT_THROW(submissions_->assess_adverse_event(surgeon_, flag.id, c), NotFoundError);
}

}  // namespace
}  // namespace rp::service
