#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "../store/store_test_support.hpp"
#include "base/error.hpp"
#include "demo/product_walk.hpp"
#include "eligible_findings.hpp"
#include "service/accounts.hpp"
#include "service/audit.hpp"
#include "service/pathway.hpp"

namespace rp::service {
namespace {

class PathwayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    pathway_ = std::make_unique<Pathway>(*store_, Clock::fixed(1795000000000));  // 2026-11-18
    for (const char* c : {"a", "b"}) pathway_->upsert_centre(op_, {c, "C", "م", "", "", "licensed", "", ""});
    // The surgeon's account: the injection is recorded as theirs (injected_by).
    Accounts(*store_, Clock::fixed(1795000000000)).create(op_, "dr-a", "surgeon", "a", "walk-the-path-2026");
  }
  Patient add_patient(const Actor& who, const std::string& mrn) {
    Patient p;
    p.centre_id = who.centre.empty() ? "a" : who.centre;
    p.mrn = mrn;
    p.name_latin = "Test";
    p.name_fa = "آزمون";
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.national_id = test::test_national_id(p.mrn);
    p.consent.treatment = true;
    return pathway_->add_patient(who, p);
  }
  Episode add_episode(const Actor& who, std::int64_t patient) {
    Episode e;
    e.patient_id = patient;
    e.protocol_id = "hip-msc-v1";
    e.side = Side::right;
    e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
    return pathway_->add_episode(who, e);
  }
  std::int64_t audit_rows() {
    std::int64_t n = 0;
    store_->read([&](store::Transaction& tx) { n = static_cast<std::int64_t>(tx.audit_rows(0, 100000).size()); });
    return n;
  }
  static RecordedFindings clean_findings() { return test::eligible_hip_findings(); }

  test::TempDb db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Pathway> pathway_;
  Actor op_ = Actor::cli_operator();
  Actor surgeon_a_{"dr-a", Role::surgeon, "a"};
  Actor coordinator_a_{"co-a", Role::coordinator, "a"};
  Actor surgeon_b_{"dr-b", Role::surgeon, "b"};
  Actor lab_a_{"lab-a", Role::lab, "a"};
};

TEST_F(PathwayTest, WalksOnePatientThroughThePathway) {
  const Patient p = add_patient(coordinator_a_, "M1");
  Episode e = add_episode(coordinator_a_, p.id);
  EXPECT_EQ(e.state, EpisodeState::referred);
  pathway_->advance(coordinator_a_, e.id, {EpisodeState::screening, "", std::nullopt});
  EXPECT_EQ(pathway_->assess_eligibility(surgeon_a_, e.id, clean_findings()).decision, Decision::eligible);
  pathway_->advance(surgeon_a_, e.id, {EpisodeState::eligible, "", std::nullopt});
  pathway_->advance(surgeon_a_, e.id, {EpisodeState::workup, "", std::nullopt});
  pathway_->plan(coordinator_a_, e.id, CivilDate::from_ymd(2026, 12, 1), CivilDate::from_ymd(2026, 12, 1));
  pathway_->advance(coordinator_a_, e.id, {EpisodeState::scheduled, "", std::nullopt});
  pathway_->update_details(surgeon_a_, e.id,
                           {std::nullopt, 1, CellSource::bone_marrow, Guidance::ultrasound, "", "dr-a"});
  // The harvest, the release and the injection are the cell product's steps, each with
  // its scans (products_service_test.cpp): moving the episode by hand is refused. From
  // here the release and the injection are not next steps and say so first (their refusal
  // by hand: injecting_operator_service_test.cpp, pathway_walk_test.cpp).
  try {
    pathway_->advance(surgeon_a_, e.id, {EpisodeState::harvested, "", std::nullopt});
    ADD_FAILURE() << "harvested by hand";
  } catch (const ConflictError& err) {
    EXPECT_EQ(err.code(), "step_on_the_product");
  }
  try {
    pathway_->advance(surgeon_a_, e.id, {EpisodeState::injected, "", std::nullopt});
    ADD_FAILURE() << "injected from scheduled";
  } catch (const ConflictError& err) {
    EXPECT_EQ(err.code(), "illegal_transition");
  }
  // A protocol that harvests no cells (the knee test protocol's plasma) moves by hand.
  EXPECT_TRUE(step_on_the_product("hip-msc-v1", EpisodeState::injected));
  EXPECT_FALSE(step_on_the_product("hip-msc-v1", EpisodeState::scheduled));
  EXPECT_FALSE(step_on_the_product("knee-prp-test", EpisodeState::injected));
  // Steps are recorded on the day they happen: a fortnight later, 2026-12-02.
  Pathway later(*store_, Clock::fixed(1795000000000 + 14 * 86400000LL));
  demo::walk_product(*store_, Clock::fixed(1795000000000 + 14 * 86400000LL),
                     {surgeon_a_, lab_a_, Actor{"lab-a2", Role::lab, "a"}, surgeon_a_}, e.id, EpisodeState::injected);
  e = later.episode_record(surgeon_a_, e.id).episode;
  EXPECT_EQ(e.injection_date->iso(), "2026-12-02");
  // What was done at the injection changes only with a reason, kept in the audit row.
  try {
    later.update_details(surgeon_a_, e.id, {std::nullopt, std::nullopt, std::nullopt, Guidance::fluoroscopy, ""});
    ADD_FAILURE() << "guidance changed after the injection without a reason";
  } catch (const InputError& err) {
    EXPECT_EQ(err.field(), "reason");
  }
  later.update_details(
      surgeon_a_, e.id,
      {std::nullopt, std::nullopt, std::nullopt, Guidance::fluoroscopy, "typed ultrasound by mistake"});
  {
    std::vector<store::AuditRow> rows;
    store_->read([&](store::Transaction& tx) { rows = tx.audit_rows(0, 1000); });
    EXPECT_EQ(rows.back().action, "episode.update");
    EXPECT_NE(rows.back().detail.find("guidance: ultrasound -> fluoroscopy"), std::string::npos) << rows.back().detail;
    EXPECT_NE(rows.back().detail.find("typed ultrasound by mistake"), std::string::npos);
  }
  const auto rec = pathway_->episode_record(surgeon_a_, e.id);
  EXPECT_EQ(rec.episode.kl_grade, 2);     // recorded from the findings
  EXPECT_EQ(rec.transitions.size(), 8u);  // the referral and seven steps
  EXPECT_EQ(rec.transitions.back().actor, "dr-a");
  bool found = false;
  for (const auto& s : rec.schedule) {
    if (s.id == "visit-2w") {
      EXPECT_EQ(s.start.iso(), "2026-12-16");  // follows the actual injection day
      found = true;
    }
    if (s.id == "injection") {
      EXPECT_EQ(s.status, ItemStatus::done);
    }
  }
  EXPECT_TRUE(found);
  // A visit is marked done on the day it happened, not ahead of it.
  EXPECT_THROW(later.mark_item(coordinator_a_, e.id, "visit-2w", ItemStatus::done, CivilDate::from_ymd(2026, 12, 16)),
               InputError);
  // Nor before its window opens (2026-12-13): on 2026-12-02 it is refused, from then on taken.
  EXPECT_THROW(later.mark_item(coordinator_a_, e.id, "visit-2w", ItemStatus::done, std::nullopt), InputError);
  Pathway at_visit(*store_, Clock::fixed(1795000000000 + 28 * 86400000LL));  // 2026-12-16
  EXPECT_EQ(at_visit.mark_item(coordinator_a_, e.id, "visit-2w", ItemStatus::done, CivilDate::from_ymd(2026, 12, 13))
                .done_on->iso(),
            "2026-12-13");
  // Nor before the episode began.
  EXPECT_THROW(
      at_visit.mark_item(coordinator_a_, e.id, "workup-exam", ItemStatus::done, CivilDate::from_ymd(2026, 10, 1)),
      InputError);
  const auto v = verify_audit_chain(*store_, op_);
  EXPECT_FALSE(v.first_broken_seq);
  EXPECT_GT(v.rows, 10);
}

TEST_F(PathwayTest, EveryWriteAndRecordReadIsAudited) {
  const auto before = audit_rows();
  const Patient p = add_patient(coordinator_a_, "M1");
  EXPECT_EQ(audit_rows(), before + 1);
  pathway_->patient_record(surgeon_a_, p.id);
  EXPECT_EQ(audit_rows(), before + 2);
  std::vector<store::AuditRow> rows;
  store_->read([&](store::Transaction& tx) { rows = tx.audit_rows(0, 1000); });
  EXPECT_EQ(rows.back().action, "patient.read");
  EXPECT_EQ(rows.back().actor, "dr-a");
  EXPECT_EQ(rows.back().role, "surgeon");
  EXPECT_EQ(rows.back().centre_id, "a");
  for (const auto& r : rows) EXPECT_EQ(r.detail.find(p.national_id), std::string::npos);  // no identifying data
}

TEST_F(PathwayTest, ACentreNeverSeesAnothersPatients) {
  const Patient p = add_patient(coordinator_a_, "M1");
  EXPECT_THROW(pathway_->patient_record(surgeon_b_, p.id), NotFoundError);
  EXPECT_TRUE(pathway_->find_patients(surgeon_b_, {}).empty());
  EXPECT_EQ(pathway_->find_patients(surgeon_a_, {}).size(), 1u);
  const Episode e = add_episode(coordinator_a_, p.id);
  EXPECT_THROW(pathway_->episode_record(surgeon_b_, e.id), NotFoundError);
  EXPECT_THROW(pathway_->advance(surgeon_b_, e.id, {EpisodeState::screening, "", std::nullopt}), NotFoundError);
  // A coordinator of centre b cannot register into centre a by naming it.
  Patient q;
  q.centre_id = "a";
  q.mrn = "M9";
  q.name_latin = "X";
  q.birth_date = CivilDate::from_ymd(1970, 1, 1);
  EXPECT_EQ(pathway_->add_patient({"co-b", Role::coordinator, "b"}, q).centre_id, "b");
}

TEST_F(PathwayTest, RolesAreEnforced) {
  const Patient p = add_patient(coordinator_a_, "M1");
  EXPECT_THROW(add_patient({"an", Role::analyst, "a"}, "M2"), ForbiddenError);
  EXPECT_THROW(pathway_->patient_record({"an", Role::analyst, "a"}, p.id), ForbiddenError);
  const Episode e = add_episode(coordinator_a_, p.id);
  pathway_->advance(coordinator_a_, e.id, {EpisodeState::screening, "", std::nullopt});
  EXPECT_THROW(pathway_->assess_eligibility(coordinator_a_, e.id, clean_findings()), ForbiddenError);
  EXPECT_THROW(pathway_->advance(lab_a_, e.id, {EpisodeState::eligible, "", std::nullopt}), ForbiddenError);
}

TEST_F(PathwayTest, EligibilityGatesTheEligibleState) {
  const Patient p = add_patient(coordinator_a_, "M1");
  const Episode e = add_episode(coordinator_a_, p.id);
  pathway_->advance(coordinator_a_, e.id, {EpisodeState::screening, "", std::nullopt});
  EXPECT_THROW(pathway_->advance(surgeon_a_, e.id, {EpisodeState::eligible, "", std::nullopt}), ConflictError);
  auto f = clean_findings();
  f["kl_grade"] = 4;
  pathway_->assess_eligibility(surgeon_a_, e.id, f);
  EXPECT_THROW(pathway_->advance(surgeon_a_, e.id, {EpisodeState::eligible, "", std::nullopt}), ConflictError);
  f = clean_findings();
  f["anticoagulant_use"] = true;
  pathway_->assess_eligibility(surgeon_a_, e.id, f);
  EXPECT_THROW(pathway_->advance(surgeon_a_, e.id, {EpisodeState::eligible, "", std::nullopt}), InputError);
  EXPECT_NO_THROW(pathway_->advance(surgeon_a_, e.id,
                                    {EpisodeState::eligible, "prescriber agreed to stop warfarin", std::nullopt}));
}

TEST_F(PathwayTest, RefusedInputChangesNothing) {
  const Patient p = add_patient(coordinator_a_, "M1");
  const Episode e = add_episode(coordinator_a_, p.id);
  const auto before = audit_rows();
  EXPECT_THROW(add_patient(coordinator_a_, "M1"), ConflictError);
  EXPECT_THROW(pathway_->advance(surgeon_a_, e.id, {EpisodeState::injected, "", std::nullopt}), ConflictError);
  EXPECT_THROW(pathway_->plan(coordinator_a_, e.id, CivilDate::from_ymd(2026, 12, 5), CivilDate::from_ymd(2026, 12, 1)),
               InputError);
  Episode bad;
  bad.patient_id = p.id;
  bad.protocol_id = "no-such-protocol";
  bad.diagnosis = {std::string(kIcd10Cm), "M16.11"};
  EXPECT_THROW(pathway_->add_episode(coordinator_a_, bad), NotFoundError);
  EXPECT_EQ(audit_rows(), before);
  const auto rec = pathway_->episode_record(op_, e.id);
  EXPECT_EQ(rec.episode.state, EpisodeState::referred);
  EXPECT_TRUE(rec.schedule.empty());
}

TEST_F(PathwayTest, BilateralEpisodesLinkBothWaysAndRepeatsLinkBack) {
  const Patient p = add_patient(coordinator_a_, "M1");
  const Episode right = add_episode(coordinator_a_, p.id);
  Episode left;
  left.patient_id = p.id;
  left.protocol_id = "hip-msc-v1";
  left.side = Side::left;
  left.diagnosis = {std::string(kIcd10Cm), "M16.0"};
  left.bilateral_with = right.id;
  left = pathway_->add_episode(coordinator_a_, left);
  EXPECT_EQ(pathway_->episode_record(op_, right.id).episode.bilateral_with, left.id);
  Episode same_side = left;
  same_side.side = Side::right;
  same_side.diagnosis.code = "M16.11";
  same_side.bilateral_with = right.id;
  EXPECT_THROW(pathway_->add_episode(coordinator_a_, same_side), InputError);
  Episode repeat;
  repeat.patient_id = p.id;
  repeat.protocol_id = "hip-msc-v1";
  repeat.side = Side::right;
  repeat.diagnosis = {std::string(kIcd10Cm), "M16.11"};
  repeat.repeat_of = right.id;
  // Not while the first course is open: one open episode per joint.
  EXPECT_THROW(pathway_->add_episode(coordinator_a_, repeat), ConflictError);
  repeat.repeat_of.reset();
  EXPECT_THROW(pathway_->add_episode(coordinator_a_, repeat), ConflictError);
  repeat.repeat_of = right.id;
  // Ended without an injection: nothing to repeat.
  store_->write([&](store::Transaction& tx) {
    Episode ended = *tx.find_episode(right.id);
    ended.state = EpisodeState::withdrawn;
    tx.update_episode(ended, "2026-11-18T08:00:00.000Z");
  });
  EXPECT_THROW(pathway_->add_episode(coordinator_a_, repeat), ConflictError);
  // Injected and completed: a repeat treats the joint again.
  store_->write([&](store::Transaction& tx) {
    tx.insert_transition({right.id, EpisodeState::product_released, EpisodeState::injected, "", "dr-a", "surgeon",
                          "2026-11-18T08:00:00.000Z", CivilDate::from_ymd(2026, 11, 18)});
    Episode done = *tx.find_episode(right.id);
    done.state = EpisodeState::completed;
    tx.update_episode(done, "2026-11-18T08:00:00.000Z");
  });
  EXPECT_EQ(pathway_->add_episode(coordinator_a_, repeat).repeat_of, right.id);
  repeat.repeat_of = left.id;  // the other hip
  EXPECT_THROW(pathway_->add_episode(coordinator_a_, repeat), InputError);
}

TEST_F(PathwayTest, AuditVerifyNamesTheFirstTamperedRow) {
  const Patient p = add_patient(coordinator_a_, "M1");
  pathway_->patient_record(surgeon_a_, p.id);
  pathway_->patient_record(surgeon_a_, p.id);
  store_.reset();
  {
    SQLite::Database raw(db_.path(), SQLite::OPEN_READWRITE);
    raw.exec("UPDATE audit_log SET actor = 'someone else' WHERE seq = 4");
  }
  store_ = store::open_sqlite(db_.path());
  const auto v = verify_audit_chain(*store_, op_);
  ASSERT_TRUE(v.first_broken_seq);
  EXPECT_EQ(*v.first_broken_seq, 4);
  {
    SQLite::Database raw(db_.path(), SQLite::OPEN_READWRITE);
    raw.exec("UPDATE audit_log SET actor = 'dr-a' WHERE seq = 4");
    raw.exec("DELETE FROM audit_log WHERE seq = 3");
  }
  const auto v2 = verify_audit_chain(*store_, op_);
  ASSERT_TRUE(v2.first_broken_seq);
  EXPECT_EQ(*v2.first_broken_seq, 3);
  EXPECT_THROW(verify_audit_chain(*store_, surgeon_a_), ForbiddenError);
}

}  // namespace
}  // namespace rp::service
